/**
 * The upsert rules of the intelligence store, decided once for both adapters: given a batch of
 * prepared objects and what the store already holds for their ids, which versions to write,
 * which objects get a new latest version, and the created/updated/unchanged counts (one outcome
 * per input object, so the counts add up to the batch size).
 */
import type { PreparedObject } from './prepared-object.js';

/** What the store holds for an id: its latest version key and the hashes of some versions. */
export interface ExistingObject {
  readonly latestKey: string;
  /** Version key → content hash, for (at least) the keys that occur in the batch. */
  readonly versions: ReadonlyMap<string, string>;
}

export interface VersionWrite {
  readonly object: PreparedObject;
  /** `date_added` in microseconds, unique within the batch and increasing in input order. */
  readonly dateAdded: number;
  /** The version (id, key) existed before the batch: update it instead of inserting. */
  readonly replace: boolean;
}

export interface UpsertPlan {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** The first occurrence of each id new to the store. */
  readonly newObjects: readonly PreparedObject[];
  /** One write per (id, version key): the batch's last content for it. */
  readonly writes: readonly VersionWrite[];
  /** The write that is each changed object's latest version after the batch. */
  readonly latest: readonly VersionWrite[];
}

interface State {
  latestKey: string;
  readonly versions: Map<string, string>;
  readonly existedBefore: ReadonlySet<string>;
}

/**
 * Plan a batch. `firstDateAdded` is the first free `date_added` (see timestamps.firstDateAdded);
 * the writes use consecutive values from it, skipping those of writes superseded in the batch.
 *
 * @example planUpsert([prepared], new Map(), firstDateAdded(lastMicros)).created // 1
 */
export function planUpsert(
  objects: readonly PreparedObject[],
  existing: ReadonlyMap<string, ExistingObject>,
  firstDateAdded: number,
): UpsertPlan {
  const states = new Map<string, State>();
  const writes = new Map<string, VersionWrite>();
  const newObjects: PreparedObject[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let next = firstDateAdded;
  for (const o of objects) {
    let state = states.get(o.id);
    if (state === undefined) {
      const e = existing.get(o.id);
      if (e !== undefined) {
        state = {
          latestKey: e.latestKey,
          versions: new Map(e.versions),
          existedBefore: new Set(e.versions.keys()),
        };
        states.set(o.id, state);
      }
    }
    if (state === undefined) {
      state = { latestKey: o.modifiedKey, versions: new Map(), existedBefore: new Set() };
      states.set(o.id, state);
      newObjects.push(o);
      created++;
    } else {
      const hash = state.versions.get(o.modifiedKey);
      if (hash === o.hash) {
        unchanged++;
        continue;
      }
      updated++;
      if (o.modifiedKey > state.latestKey) state.latestKey = o.modifiedKey;
    }
    state.versions.set(o.modifiedKey, o.hash);
    const key = `${o.id}\n${o.modifiedKey}`;
    writes.delete(key);
    writes.set(key, {
      object: o,
      dateAdded: next++,
      replace: state.existedBefore.has(o.modifiedKey),
    });
  }
  const latest: VersionWrite[] = [];
  for (const [id, state] of states) {
    const w = writes.get(`${id}\n${state.latestKey}`);
    if (w !== undefined) latest.push(w);
  }
  return {
    created,
    updated,
    unchanged,
    newObjects,
    writes: [...writes.values()],
    latest,
  };
}

/** The key of a version in the adapters' maps: id and version key. */
export function versionRef(o: { readonly id: string; readonly modifiedKey: string }): string {
  return `${o.id}\n${o.modifiedKey}`;
}

/**
 * Give the plan's rows their keys before writing, so that each object row is written once with
 * its final values (inserting and then updating cost twice the index work: measured 35% of a
 * PostgreSQL import). New objects take `pkValues` in order, inserted versions `vpkValues`;
 * replaced versions keep the keys already in `vpks`.
 */
export function assignKeys(
  plan: UpsertPlan,
  pks: Map<string, number>,
  vpks: Map<string, number>,
  pkValues: readonly number[],
  vpkValues: readonly number[],
): void {
  plan.newObjects.forEach((o, i) => pks.set(o.id, pkValues[i]!));
  let v = 0;
  for (const w of plan.writes) if (!w.replace) vpks.set(versionRef(w.object), vpkValues[v++]!);
}

/** How many keys {@link assignKeys} needs: new objects, inserted versions. */
export function keysNeeded(plan: UpsertPlan): { objects: number; versions: number } {
  return {
    objects: plan.newObjects.length,
    versions: plan.writes.reduce((n, w) => n + (w.replace ? 0 : 1), 0),
  };
}

/**
 * STIX 2.0 observed-data kept its cyber observables inside itself (`objects`, keyed "0", "1",
 * … with references by key). STIX 2.1 makes them top-level SCOs with ids, referenced from
 * `object_refs` (§4.14). This module lifts them out: renames the properties that changed
 * between 2.0 and 2.1, gives each a deterministic id (§2.9, computed after the ids it refers
 * to through ID-contributing properties) and rewrites every local reference to that id.
 */
import { createHash } from 'node:crypto';
import { badInput } from '../../../core/errors.js';
import { computeScoId, SCO_ID_CONTRIBUTING_PROPERTIES } from '../../../core/stix/sco-id.js';
import type { ScoType } from '../../../core/stix/kinds.js';
import type { StixObject } from '../../../core/stix/object.js';

type Obj = Record<string, unknown>;

/** 2.0 name → 2.1 name, per SCO type (STIX 2.1 §6 against STIX 2.0 Part 4). */
const RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  file: { created: 'ctime', modified: 'mtime', accessed: 'atime' },
  directory: { created: 'ctime', modified: 'mtime', accessed: 'atime' },
  process: { created: 'created_time', binary_ref: 'image_ref' },
  'user-account': { password_last_changed: 'credential_last_changed' },
  'windows-registry-key': { modified: 'modified_time' },
};

function isRefName(key: string): boolean {
  return key.endsWith('_ref') || key.endsWith('_refs');
}

/** Applies `map` to every reference value anywhere in `value` (extensions, MIME parts…). */
function mapRefs(value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, map));
  if (value === null || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value as Obj)) {
    if (isRefName(k) && typeof v === 'string') out[k] = map(v);
    else if (isRefName(k) && Array.isArray(v))
      out[k] = v.map((r) => (typeof r === 'string' ? map(r) : r));
    else out[k] = mapRefs(v, map);
  }
  return out;
}

/** Local keys referenced from the ID-contributing properties of `sco`. */
function contributingRefs(sco: Obj, local: ReadonlySet<string>): string[] {
  const names = SCO_ID_CONTRIBUTING_PROPERTIES[sco.type as ScoType] ?? [];
  const found: string[] = [];
  const visit = (v: unknown, isRef: boolean): void => {
    if (typeof v === 'string') {
      if (isRef && local.has(v)) found.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, isRef));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Obj)) visit(x, isRef || isRefName(k));
    }
  };
  for (const name of names) visit(sco[name], isRefName(name));
  return found;
}

/**
 * An id for an SCO without ID-contributing properties (§2.9 asks for UUIDv4): shaped as a v4
 * but derived from the observed-data id and the local key, so that upgrading the same bundle
 * twice gives the same ids and a re-import changes nothing.
 */
function stableV4(type: string, observedDataId: string, key: string): string {
  const h = createHash('sha256').update(`${observedDataId}/${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${type}--${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export interface LiftedObservables {
  /** The new SCOs, in the order of the container's keys. */
  readonly observables: StixObject[];
  /** Their ids in the order of the 2.0 container's keys: the new `object_refs`. */
  readonly refs: string[];
}

/**
 * Lifts the observables of a STIX 2.0 observed-data `objects` container into STIX 2.1 SCOs.
 * `markings` (the observed-data's `object_marking_refs`) are copied onto each SCO, which
 * the observed-data's marking covered in 2.0.
 *
 * @example
 * liftObservables({ '0': { type: 'ipv4-addr', value: '198.51.100.3' } }, od.id, undefined, '$.objects')
 * // { observables: [{ type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--28bb…', value: … }], refs: [...] }
 */
export function liftObservables(
  container: Readonly<Record<string, unknown>>,
  observedDataId: string,
  markings: unknown,
  path: string,
): LiftedObservables {
  const local = new Set(Object.keys(container));
  const renamed = new Map<string, Obj>();
  for (const [key, raw] of Object.entries(container)) {
    if (raw === null || typeof raw !== 'object' || typeof (raw as Obj).type !== 'string') {
      throw badInput(`observable "${key}" is not an object with a type`, {
        location: { path: `${path}['${key}']` },
        hint: 'each entry of a STIX 2.0 objects container is a cyber observable with a "type"',
      });
    }
    const sco = raw as Obj;
    const names = RENAMED[sco.type as string] ?? {};
    const out: Obj = { type: sco.type, spec_version: '2.1' };
    for (const [k, v] of Object.entries(sco)) if (k !== 'type') out[names[k] ?? k] = v;
    if (markings !== undefined && out.object_marking_refs === undefined)
      out.object_marking_refs = markings;
    renamed.set(key, out);
  }
  const ids = new Map<string, string>();
  const inProgress = new Set<string>();
  const observables: StixObject[] = [];
  const resolve = (key: string): string => {
    const done = ids.get(key);
    if (done !== undefined) return done;
    if (inProgress.has(key)) {
      throw badInput(`observables reference each other in a cycle through "${key}"`, {
        location: { path: `${path}['${key}']` },
        hint: 'ID-contributing references (from_ref, src_ref, dst_ref, parent_directory_ref…) cannot form a cycle',
      });
    }
    inProgress.add(key);
    const sco = renamed.get(key)!;
    for (const dep of contributingRefs(sco, local)) resolve(dep);
    const withIds = mapRefs(sco, (r) => ids.get(r) ?? r) as Obj;
    const type = sco.type as string;
    const id = computeScoId({ ...withIds, type }) ?? stableV4(type, observedDataId, key);
    ids.set(key, id);
    inProgress.delete(key);
    return id;
  };
  for (const key of local) resolve(key);
  for (const [key, sco] of renamed) {
    const rest = mapRefs(sco, (r) => ids.get(r) ?? r) as Obj;
    const { type, spec_version, ...props } = rest;
    observables.push({
      type: type as string,
      spec_version: spec_version as string,
      id: ids.get(key)!,
      ...props,
    });
  }
  return { observables, refs: [...local].map((k) => ids.get(k)!) };
}

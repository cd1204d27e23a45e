/**
 * The IOC index kept in step with the store's indicators: built once from the store, then
 * updated with every imported batch. Indicators whose STIX pattern is a plain list of values
 * go into the IOC index (`intel/ioc`); the others into a list of compiled patterns evaluated on
 * each observation (`intel/patterns`). Revoked indicators leave both.
 */
import { isThreatMeshError } from '../core/errors.js';
import type { Observation } from '../core/observation.js';
import type { StixObject } from '../core/stix/object.js';
import { IocIndex } from '../intel/ioc/ioc-index.js';
import {
  compilePattern,
  extractSimpleIndicators,
  type CompiledPattern,
} from '../intel/patterns/index.js';
import type { IntelObjects } from '../store/intel-ports.js';

export interface IocSyncStats {
  /** Indicators known (indexed, pattern-listed, or neither: non-STIX patterns). */
  readonly indicators: number;
  /** Indicators in the IOC index, and their values. */
  readonly indexed: number;
  readonly entries: number;
  /** Indicators with a value a sanity rule keeps from matching (private ranges, benign domains…). */
  readonly flagged: number;
  /** Indicators evaluated as patterns. */
  readonly patterns: number;
  readonly indexBytes: number;
}

export class IocSync {
  readonly index = new IocIndex();
  /** Indicator id → `modified` of the version applied (the newest wins). */
  private readonly known = new Map<string, string>();
  private readonly patterns = new Map<string, CompiledPattern>();
  /** Indicators with a value a sanity rule flags. */
  private readonly flagged = new Set<string>();

  /**
   * Loads every non-revoked indicator of the store.
   *
   * @example const sync = await IocSync.fromStore(store.intel.objects);
   */
  static async fromStore(objects: IntelObjects): Promise<IocSync> {
    const sync = new IocSync();
    let cursor: string | undefined;
    do {
      const page = await objects.list({
        types: ['indicator'],
        limit: 1000,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      sync.apply(page.items.map((i) => i.object));
      cursor = page.next;
    } while (cursor !== undefined);
    return sync;
  }

  /** Whether the store holds this indicator (as far as this sync has seen). */
  has(id: string): boolean {
    return this.known.has(id);
  }

  /** Takes in stored objects (only indicators matter); older versions than the applied one are ignored. */
  apply(objects: readonly StixObject[]): void {
    for (const o of objects) {
      if (o.type !== 'indicator') continue;
      const modified = o.modified ?? '';
      const prior = this.known.get(o.id);
      if (prior !== undefined && Date.parse(prior) > Date.parse(modified)) continue;
      this.remove(o.id);
      this.known.set(o.id, modified);
      if (o.revoked === true || o.pattern_type !== 'stix' || typeof o.pattern !== 'string')
        continue;
      this.add(o.id, o.pattern);
    }
  }

  private remove(id: string): void {
    this.index.removeIndicator(id);
    this.patterns.delete(id);
    this.flagged.delete(id);
  }

  private add(id: string, pattern: string): void {
    let simple;
    try {
      simple = extractSimpleIndicators(pattern);
    } catch (e) {
      if (isThreatMeshError(e)) return; // refused at import; nothing to match
      throw e;
    }
    if (simple === null) {
      try {
        this.patterns.set(id, compilePattern(pattern));
      } catch (e) {
        if (!isThreatMeshError(e)) throw e;
      }
      return;
    }
    for (const s of simple) {
      try {
        const r = this.index.addIndicator({ type: s.type, value: s.value, indicatorId: id });
        if (!r.active) this.flagged.add(id);
      } catch (e) {
        if (!isThreatMeshError(e)) throw e;
      }
    }
  }

  /**
   * The indicators an observation matches: its addresses, domain, URL, hashes and e-mail through
   * the index, then every pattern (one observation at a time).
   *
   * @example sync.match(buildObservation({ time: Date.now(), dstIp: '198.51.100.7' }))
   */
  match(obs: Observation): { value: string; ids: string[] }[] {
    const hits: { value: string; ids: string[] }[] = [];
    for (const o of obs.objects) {
      for (const v of observableValues(o)) {
        const ids = this.index.lookup(v);
        if (ids.length > 0) hits.push({ value: v, ids });
      }
    }
    const byPattern: string[] = [];
    for (const [id, p] of this.patterns) if (p.test(obs)) byPattern.push(id);
    if (byPattern.length > 0) hits.push({ value: 'pattern', ids: byPattern });
    return hits;
  }

  stats(): IocSyncStats {
    return {
      indicators: this.known.size,
      indexed: this.index.indicatorCount,
      entries: this.index.entryCount,
      flagged: this.flagged.size,
      patterns: this.patterns.size,
      indexBytes: this.index.bytes,
    };
  }
}

const VALUE_TYPES = new Set(['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr']);

/** The values of an observed object the index can look up. */
function observableValues(o: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  if (VALUE_TYPES.has(o.type as string) && typeof o.value === 'string') out.push(o.value);
  if (o.type === 'file' && o.hashes !== null && typeof o.hashes === 'object') {
    for (const [name, h] of Object.entries(o.hashes as Record<string, unknown>)) {
      if (typeof h === 'string' && ['MD5', 'SHA-1', 'SHA-256'].includes(name)) out.push(h);
    }
  }
  return out;
}

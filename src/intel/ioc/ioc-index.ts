/**
 * The IOC index: which indicators match an observed value. Exact IPv4/IPv6, every covering
 * CIDR (most specific first), domains with their parent domains, normalised URLs, file hashes
 * and e-mail addresses; incremental add and remove; sanity rules that keep doubtful values from
 * matching unless forced. Built on typed arrays (see the files beside this one): no object per
 * indicator in the structures a lookup walks.
 */
import { badInput, type SourceLocation } from '../../core/errors.js';
import { detectLookupType } from './detect-type.js';
import { EntryPool } from './entry-pool.js';
import { IndexKeys } from './index-keys.js';
import { IndicatorIds } from './indicator-ids.js';
import { appendToKey, unlinkFromKey } from './key-chains.js';
import { formatParsed, indexedType, parseIocValue, type ParsedValue } from './ioc-value.js';
import { MatchBuffer } from './match-buffer.js';
import { SanityRules, type SanityOptions } from './sanity-rules.js';
import type { AddResult, IocEntry, LookupType, MatchDetail } from './types.js';
import { collectValue } from './value-lookup.js';

export interface AddOptions {
  /** Match even when a sanity rule flags the value. */
  readonly force?: boolean;
  /** Where the entry came from, for error messages (defaults to `$.value`). */
  readonly location?: SourceLocation;
}

export interface IocIndexOptions {
  readonly sanity?: SanityOptions;
}

/** The longest indicator id accepted, in characters. */
const MAX_ID_LENGTH = 1024;

/**
 * @example
 * const index = new IocIndex();
 * index.addIndicator({ type: 'cidr4', value: '198.51.100.0/24', indicatorId: 'indicator--a' }, { force: true });
 * index.addIndicator({ type: 'domain', value: 'evil.example.net', indicatorId: 'indicator--b' }, { force: true });
 * index.lookup('198.51.100.7'); // ['indicator--a']
 * index.lookup('cdn.EVIL.example.net.'); // ['indicator--b']
 */
export class IocIndex {
  private readonly ids = new IndicatorIds();
  private readonly pool = new EntryPool();
  private readonly keys = new IndexKeys();
  private readonly rules: SanityRules;
  private readonly found = new MatchBuffer(this.pool);
  private readonly words = new Uint32Array(8);

  constructor(options: IocIndexOptions = {}) {
    this.rules = new SanityRules(options.sanity);
  }

  /** Indicators with at least one entry. */
  get indicatorCount(): number {
    return this.ids.size;
  }

  /** Entries (indicator, value pairs). */
  get entryCount(): number {
    return this.pool.size;
  }

  /** Bytes held by the index's typed arrays (the heap adds a few small objects). */
  get bytes(): number {
    return this.ids.bytes + this.pool.bytes + this.keys.bytes + this.found.bytes;
  }

  /**
   * Adds one value of an indicator, or updates it when the indicator already has this value
   * (the sanity findings and `force` are re-applied). Nothing changes when the value is bad.
   *
   * @returns the normalised value, its sanity warnings and whether it matches.
   * @throws ThreatMeshError BAD_INPUT for a value that is not of its type or an empty id.
   */
  addIndicator(entry: IocEntry, options: AddOptions = {}): AddResult {
    return this.apply(
      entry.indicatorId,
      this.prepare(entry, options.location ?? { path: '$.value' }),
      options.force ?? false,
    );
  }

  /**
   * Replaces every value of an indicator (a new version of it): all entries are checked first,
   * so a bad one leaves the index as it was.
   *
   * @example index.replaceIndicator('indicator--a', [{ type: 'ipv4', value: '198.51.100.9', indicatorId: 'indicator--a' }]);
   */
  replaceIndicator(
    indicatorId: string,
    entries: readonly IocEntry[],
    options: AddOptions = {},
  ): AddResult[] {
    const parsed = entries.map((e, i) => {
      if (e.indicatorId !== indicatorId) {
        throw badInput(`entry ${i} belongs to ${e.indicatorId}, not ${indicatorId}`, {
          location: { path: `$[${i}].indicatorId` },
          hint: 'give every entry the id of the indicator being replaced',
        });
      }
      return this.prepare(e, options.location ?? { path: `$[${i}].value` });
    });
    this.removeIndicator(indicatorId);
    return parsed.map((p) => this.apply(indicatorId, p, options.force ?? false));
  }

  /**
   * Removes every value of an indicator (revoked, expired or deleted).
   *
   * @returns the number of entries removed (0 for an unknown id).
   */
  removeIndicator(indicatorId: string): number {
    const h = this.ids.find(indicatorId);
    if (h < 0) return 0;
    let n = 0;
    for (let e = this.ids.head(h); e >= 0;) {
      const next = this.pool.nextOfIndicator(e);
      unlinkFromKey(this.pool, this.keys, e);
      this.pool.free(e);
      n++;
      e = next;
    }
    this.ids.release(h);
    return n;
  }

  /**
   * Removes one value of an indicator.
   *
   * @returns false when the indicator did not have this value.
   * @throws ThreatMeshError BAD_INPUT for a value that is not of its type.
   */
  removeEntry(entry: IocEntry): boolean {
    const p = parseIocValue(entry.type, entry.value, { path: '$.value' });
    const h = this.ids.find(entry.indicatorId);
    if (h < 0) return false;
    const slot = this.keys.locate(p);
    let e = slot.head;
    while (e >= 0 && this.pool.indicator(e) !== h) e = this.pool.next(e);
    if (e < 0) return false;
    unlinkFromKey(this.pool, this.keys, e);
    let prev = -1;
    for (let x = this.ids.head(h); x !== e; x = this.pool.nextOfIndicator(x)) prev = x;
    const after = this.pool.nextOfIndicator(e);
    if (prev < 0) this.ids.setHead(h, after);
    else this.pool.setNextOfIndicator(prev, after);
    this.pool.free(e);
    if (after < 0 && prev < 0) this.ids.release(h);
    return true;
  }

  /**
   * The ids of the indicators matching an observed value, most specific first: an address's own
   * indicators, then the networks containing it by decreasing prefix length; a domain's own,
   * then its parents'. Flagged values that were not forced do not match. Without `type` the
   * kind is detected (`detectLookupType`); an IPv4-mapped IPv6 address is looked up as IPv4; a
   * network (`198.51.100.0/24`) matches the networks that contain it.
   *
   * @throws ThreatMeshError BAD_INPUT when `type` is given and the value is not of it.
   * @example index.lookup('a.b.evil.example.net') // ids of evil.example.net and example.net indicators
   */
  lookup(value: string, type?: LookupType): string[] {
    const n = this.match(value, type);
    const ids: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) ids[i] = this.ids.idOf(this.found.handles[i]!);
    return ids;
  }

  /**
   * `lookup` without making strings: returns the number of matching indicators, whose handles
   * are `matches[0..n)` until the next call. The fast path for detectors.
   *
   * @example const n = index.match('198.51.100.7'); for (let i = 0; i < n; i++) index.indicatorIdOf(index.matches[i]!);
   */
  match(value: string, type?: LookupType): number {
    this.found.reset(false, true);
    return this.collect(value, type);
  }

  /** Handles of the last `match` (valid until the index changes). */
  get matches(): Int32Array {
    return this.found.handles;
  }

  /** `match` for an IPv4 address already held as an unsigned 32-bit number. */
  matchIPv4(ip: number): number {
    this.found.reset(false, true);
    this.keys.collectIPv4(ip >>> 0, 32, this.found);
    return this.found.count;
  }

  /** The indicator id of a handle from `matches`. */
  indicatorIdOf(handle: number): string {
    return this.ids.idOf(handle);
  }

  /**
   * Every entry matching a value, including flagged ones that do not match, with its details:
   * the analyst's "why did (or didn't) this match".
   */
  explain(value: string, type?: LookupType): MatchDetail[] {
    this.found.reset(true, false);
    const n = this.collect(value, type);
    return Array.from({ length: n }, (_, i) => this.detail(this.found.entries[i]!));
  }

  /** The entries of one indicator. */
  entriesOf(indicatorId: string): MatchDetail[] {
    const h = this.ids.find(indicatorId);
    const out: MatchDetail[] = [];
    if (h >= 0)
      for (let e = this.ids.head(h); e >= 0; e = this.pool.nextOfIndicator(e))
        out.push(this.detail(e));
    return out.reverse();
  }

  /** Fills `found` for a value (of a declared or detected type); returns the count. */
  private collect(value: string, type: LookupType | undefined): number {
    const v = isTrimmed(value) ? value : value.trim();
    const t = type ?? detectLookupType(v);
    if (
      t !== null &&
      !collectValue(this.keys, v, t, this.found, this.words) &&
      type !== undefined
    ) {
      throw badInput(`${JSON.stringify(value)} is not a valid ${type} value`, {
        location: { path: '$.value' },
        hint: 'pass the right type, or none to detect it',
      });
    }
    return this.found.count;
  }

  private prepare(entry: IocEntry, location: SourceLocation): ParsedValue {
    const id = entry.indicatorId;
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
      throw badInput(
        `indicator id must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
        {
          location: { ...location, path: '$.indicatorId' },
          hint: 'use the STIX id of the indicator, such as indicator--<uuid>',
        },
      );
    }
    return parseIocValue(entry.type, entry.value, location);
  }

  private apply(indicatorId: string, p: ParsedValue, force: boolean): AddResult {
    const warnings = this.rules.check(p);
    const active = force || !warnings.some((w) => w.blocking);
    const slot = this.keys.locate(p);
    const existing = this.ids.find(indicatorId);
    const result = (added: boolean): AddResult => ({
      normalized: formatParsed(p),
      indexedAs: indexedType(p),
      added,
      active,
      warnings,
    });
    for (let e = slot.head; existing >= 0 && e >= 0; e = this.pool.next(e)) {
      if (this.pool.indicator(e) === existing) {
        this.pool.setStatus(e, warnings, active, force);
        return result(false);
      }
    }
    const e = this.pool.alloc(existing, slot.kind, slot.key);
    this.pool.setStatus(e, warnings, active, force);
    if (existing >= 0) {
      this.pool.setNextOfIndicator(e, this.ids.head(existing));
      this.ids.setHead(existing, e);
    } else {
      this.pool.setIndicator(e, this.ids.intern(indicatorId, e));
    }
    appendToKey(this.pool, this.keys, slot, p, e);
    return result(true);
  }

  private detail(e: number): MatchDetail {
    const { type, text } = this.keys.describe(this.pool.kind(e), this.pool.key(e));
    return {
      indicatorId: this.ids.idOf(this.pool.indicator(e)),
      type,
      normalized: text,
      active: this.pool.isActive(e),
      forced: this.pool.isForced(e),
      warnings: this.pool.warnings(e),
    };
  }
}

function isTrimmed(s: string): boolean {
  return s.length === 0 || (s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32);
}

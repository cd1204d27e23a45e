/**
 * Checks and defaults of the intelligence queries, shared by both adapters so that a bad page
 * size, cursor or timestamp is the same error everywhere (BAD_INPUT/USAGE with a hint).
 */
import { badInput, usageError } from '../../core/errors.js';
import type {
  IntelFilter,
  IntelListQuery,
  IntelSearchQuery,
  NeighbourQuery,
  ProvenanceInput,
} from '../intel-ports.js';
import { decodeCursor, requireVersionKey, toMicros } from './timestamps.js';
import { TLP_LEVELS } from '../../core/stix/tlp.js';
import { isTlpLevel } from './organisations.js';

/** A filter with timestamps as version keys. */
export interface CheckedFilter extends Omit<IntelFilter, 'modifiedFrom' | 'modifiedTo'> {
  readonly modifiedFrom?: string;
  readonly modifiedTo?: string;
}

export interface CheckedList {
  readonly filter: CheckedFilter;
  /** Exclusive lower bound on the latest version's `date_added` (µs); 0 for none. */
  readonly after: number;
  readonly afterSeq: number;
  readonly limit: number;
}

export interface CheckedNeighbours {
  readonly depth: number;
  readonly direction: 'out' | 'in' | 'both';
  readonly edgeTypes: readonly string[] | null;
  readonly limit: number;
}

function whole(
  name: string,
  v: number | undefined,
  min: number,
  max: number,
  dflt: number,
): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw usageError(`${name} ${v}: expected a whole number from ${min} to ${max}`);
  }
  return v;
}

export function checkFilter(f: IntelFilter): CheckedFilter {
  if (f.tlp !== undefined && !isTlpLevel(f.tlp)) {
    throw usageError(`unknown TLP level ${JSON.stringify(f.tlp)}`, {
      hint: `one of ${TLP_LEVELS.join(', ')}`,
    });
  }
  if (f.types !== undefined && f.types.length === 0) {
    throw usageError('types is an empty list', { hint: 'omit it to list every type' });
  }
  const { modifiedFrom, modifiedTo, ...rest } = f;
  return {
    ...rest,
    ...(modifiedFrom !== undefined
      ? { modifiedFrom: requireVersionKey(modifiedFrom, 'modifiedFrom') }
      : {}),
    ...(modifiedTo !== undefined
      ? { modifiedTo: requireVersionKey(modifiedTo, 'modifiedTo') }
      : {}),
  };
}

export function checkList(q: IntelListQuery = {}): CheckedList {
  const { addedAfter, changedAfterSeq, limit, cursor, ...filter } = q;
  let after = addedAfter !== undefined ? toMicros(addedAfter, 'addedAfter') : 0;
  if (cursor !== undefined) after = Math.max(after, decodeCursor(cursor));
  return {
    filter: checkFilter(filter),
    after,
    afterSeq: whole('changedAfterSeq', changedAfterSeq, 0, Number.MAX_SAFE_INTEGER, 0),
    limit: whole('limit', limit, 1, 1000, 100),
  };
}

export function checkSearchLimit(q: IntelSearchQuery = {}): number {
  return whole('limit', q.limit, 1, 500, 20);
}

export function checkNeighbours(q: NeighbourQuery = {}): CheckedNeighbours {
  const direction = q.direction ?? 'both';
  if (direction !== 'out' && direction !== 'in' && direction !== 'both') {
    throw usageError(`direction ${JSON.stringify(direction)}: expected out, in or both`);
  }
  return {
    depth: whole('depth', q.depth, 1, 5, 1),
    direction,
    edgeTypes: q.edgeTypes && q.edgeTypes.length > 0 ? q.edgeTypes : null,
    limit: whole('limit', q.limit, 1, 10_000, 1000),
  };
}

export function checkProvenance(p: ProvenanceInput): void {
  if (typeof p.source !== 'string' || p.source.trim() === '') {
    throw badInput('provenance.source is empty', {
      location: { path: '$.provenance.source' },
      hint: 'name the feed or tool the objects come from, e.g. "mitre-attack"',
    });
  }
}

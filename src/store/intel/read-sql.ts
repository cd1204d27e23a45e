/**
 * The reading SQL of the intelligence store, written once for both adapters (the schemas have
 * the same tables and columns): they differ only in how a parameter is spelled (`?` or `$n`),
 * which `param` supplies. Values are always parameters, never spliced into the text.
 */
import type { StixObject } from '../../core/stix/object.js';
import type { TlpLevel } from '../../core/stix/tlp.js';
import type { CheckedFilter } from './query-checks.js';
import type { SearchTerm } from './search-text.js';
import type { VersionRow } from './stored-object.js';
import { NO_MODIFIED } from './timestamps.js';

/** Columns of a version row joined with its object (o), collection (c) and owner (g). */
export const VERSION_COLUMNS = `o.pk, v.body, v.date_added, v.seq, o.owner, o.collection,
  c.default_tlp AS collection_tlp, g.default_tlp AS owner_tlp`;

/** Joins of the owner and collection to `o`. */
export const OWNER_JOINS = `JOIN intel_orgs g ON g.id = o.owner
  LEFT JOIN intel_collections c ON c.id = o.collection`;

/** Objects with their latest version. */
export const FROM_LATEST = `FROM intel_objects o JOIN intel_versions v ON v.vpk = o.latest ${OWNER_JOINS}`;

/** Objects with each of their versions. */
export const FROM_VERSIONS = `FROM intel_objects o JOIN intel_versions v ON v.object_pk = o.pk ${OWNER_JOINS}`;

/** A row of VERSION_COLUMNS as the drivers return it (PostgreSQL gives int8 as text). */
export interface RawVersionRow {
  pk: number | string;
  body: string;
  date_added: number | string;
  seq: number | string;
  owner: string;
  collection: string | null;
  collection_tlp: TlpLevel | null;
  owner_tlp: TlpLevel;
}

export function toVersionRow(r: RawVersionRow): VersionRow {
  return {
    pk: Number(r.pk),
    body: JSON.parse(r.body) as StixObject,
    dateAdded: Number(r.date_added),
    seq: Number(r.seq),
    owner: r.owner,
    collection: r.collection,
    collectionTlp: r.collection_tlp,
    ownerTlp: r.owner_tlp,
  };
}

/** Records `value` as the next parameter and returns its placeholder. */
export type Param = (value: unknown) => string;

/**
 * Conditions on `o`, `c` and `g` for a filter.
 *
 * @example filterConditions({ types: ['malware'] }, p) // ['o.type IN (?)']
 */
export function filterConditions(f: CheckedFilter, param: Param): string[] {
  const sql: string[] = [];
  if (f.types) sql.push(`o.type IN (${f.types.map((t) => param(t)).join(', ')})`);
  if (f.label !== undefined) {
    sql.push(
      `EXISTS (SELECT 1 FROM intel_labels l WHERE l.label = ${param(f.label)} AND l.object_pk = o.pk)`,
    );
  }
  // The effective marking rule (issue 6, item 2): own TLP, else collection's, else owner's.
  if (f.tlp !== undefined)
    sql.push(`COALESCE(o.tlp, c.default_tlp, g.default_tlp) = ${param(f.tlp)}`);
  if (f.owner !== undefined) sql.push(`o.owner = ${param(f.owner)}`);
  if (f.collection !== undefined) sql.push(`o.collection = ${param(f.collection)}`);
  if (f.modifiedFrom !== undefined) sql.push(`o.modified >= ${param(f.modifiedFrom)}`);
  if (f.modifiedTo !== undefined) {
    sql.push(`o.modified <= ${param(f.modifiedTo)} AND o.modified <> ${param(NO_MODIFIED)}`);
  }
  if (f.revoked !== undefined) sql.push(`o.revoked = ${param(f.revoked ? 1 : 0)}`);
  return sql;
}

/** A parameter list with `?` placeholders (SQLite). */
export function positionalParams(): { args: unknown[]; param: Param } {
  const args: unknown[] = [];
  return {
    args,
    param: (v) => {
      args.push(v);
      return '?';
    },
  };
}

/** A parameter list with `$n` placeholders (PostgreSQL). */
export function numberedParams(): { args: unknown[]; param: Param } {
  const args: unknown[] = [];
  return {
    args,
    param: (v) => {
      args.push(v);
      return `$${args.length}`;
    },
  };
}

/** Runs one parameterised query and returns its rows. */
export type QueryRows = (
  sql: string,
  args: readonly unknown[],
) => Promise<Record<string, unknown>[]>;

/** Where the two SQL dialects differ, for the reads. */
export interface IntelSqlDialect {
  params(): { args: unknown[]; param: Param };
  /** `column` is one of `values` (one parameter, however many values). */
  inList(column: string, values: readonly (string | number)[], param: Param): string;
  /** FROM clause, condition and ORDER BY expression of a full-text search. */
  search(
    terms: readonly SearchTerm[],
    param: Param,
  ): { from: string; where: string; orderBy: string };
}

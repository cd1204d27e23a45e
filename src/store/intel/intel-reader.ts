/**
 * The reads of the intelligence ports, one implementation for both adapters over a query
 * function and a dialect (read-sql.ts): versions, keyset-paged listing (`date_added` is unique,
 * so the cursor is one integer and a page costs O(page) through the date_added/type/owner
 * indexes), full-text search, counts and the graph walk.
 */
import { notFound } from '../../core/errors.js';
import type { GraphEdge, IntelGraph, IntelObjects, StoredIntelObject } from '../intel-ports.js';
import { walkGraph } from './graph-walk.js';
import { checkFilter, checkList, checkNeighbours, checkSearchLimit } from './query-checks.js';
import {
  filterConditions,
  FROM_LATEST,
  FROM_VERSIONS,
  toVersionRow,
  VERSION_COLUMNS,
  type IntelSqlDialect,
  type QueryRows,
  type RawVersionRow,
} from './read-sql.js';
import { parseSearch } from './search-text.js';
import { toStoredObjects, type ProvenanceRow } from './stored-object.js';
import { encodeCursor, requireVersionKey } from './timestamps.js';

export type IntelReader = Omit<IntelObjects, 'upsert' | 'revoke'>;

/**
 * @example const read = intelReader(query, sqliteDialect); await read.get('malware--…')
 */
export function intelReader(query: QueryRows, dialect: IntelSqlDialect): IntelReader {
  const materialise = async (raw: Record<string, unknown>[]): Promise<StoredIntelObject[]> => {
    if (raw.length === 0) return [];
    const rows = (raw as unknown as RawVersionRow[]).map(toVersionRow);
    const { args, param } = dialect.params();
    const pks = [...new Set(rows.map((r) => r.pk))];
    const prov = await query(
      `SELECT object_pk AS pk, source, peer, file, added_at AS "addedAt" FROM intel_provenance
       WHERE ${dialect.inList('object_pk', pks, param)} ORDER BY id`,
      args,
    );
    const provRows = prov.map((p) => ({ ...p, pk: Number(p.pk) }) as ProvenanceRow);
    return toStoredObjects(rows, provRows);
  };

  return {
    async get(id) {
      const { args, param } = dialect.params();
      const sql = `SELECT ${VERSION_COLUMNS} ${FROM_LATEST} WHERE o.id = ${param(id)}`;
      return (await materialise(await query(sql, args)))[0];
    },
    async getVersion(id, modified) {
      const key = requireVersionKey(modified, 'modified');
      const { args, param } = dialect.params();
      const sql = `SELECT ${VERSION_COLUMNS} ${FROM_VERSIONS}
        WHERE o.id = ${param(id)} AND v.modified = ${param(key)}`;
      return (await materialise(await query(sql, args)))[0];
    },
    async versions(id) {
      const { args, param } = dialect.params();
      const sql = `SELECT ${VERSION_COLUMNS} ${FROM_VERSIONS} WHERE o.id = ${param(id)}
        ORDER BY v.modified`;
      return materialise(await query(sql, args));
    },
    async list(request) {
      const q = checkList(request);
      const { args, param } = dialect.params();
      const where = [`o.date_added > ${param(q.after)}`, ...filterConditions(q.filter, param)];
      if (q.afterSeq > 0) where.push(`o.seq > ${param(q.afterSeq)}`);
      const sql = `SELECT ${VERSION_COLUMNS} ${FROM_LATEST} WHERE ${where.join(' AND ')}
        ORDER BY o.date_added LIMIT ${param(q.limit + 1)}`;
      const raw = await query(sql, args);
      const more = raw.length > q.limit;
      const items = await materialise(more ? raw.slice(0, q.limit) : raw);
      if (!more) return { items };
      const last = raw[q.limit - 1] as unknown as RawVersionRow;
      return { items, next: encodeCursor(Number(last.date_added)) };
    },
    async search(text, request = {}) {
      const limit = checkSearchLimit(request);
      const { limit: _limit, ...filter } = request;
      const checked = checkFilter(filter);
      const { args, param } = dialect.params();
      const s = dialect.search(parseSearch(text), param);
      const where = [s.where, ...filterConditions(checked, param)];
      const sql = `SELECT ${VERSION_COLUMNS} ${s.from} WHERE ${where.join(' AND ')}
        ORDER BY ${s.orderBy}, o.date_added LIMIT ${param(limit)}`;
      return materialise(await query(sql, args));
    },
    async stats() {
      const types = await query(
        'SELECT type, count(*) AS n, sum(revoked) AS r FROM intel_objects GROUP BY type ORDER BY type',
        [],
      );
      const count = async (table: string): Promise<number> =>
        Number((await query(`SELECT count(*) AS n FROM ${table}`, []))[0]!.n);
      return {
        objects: types.reduce((s, t) => s + Number(t.n), 0),
        versions: await count('intel_versions'),
        revoked: types.reduce((s, t) => s + Number(t.r), 0),
        edges: await count('intel_edges'),
        byType: Object.fromEntries(types.map((t) => [t.type as string, Number(t.n)])),
      };
    },
  };
}

/**
 * The graph port over the edge table.
 *
 * @example await intelGraph(query, dialect).neighbours('attack-pattern--…', { depth: 2 })
 */
export function intelGraph(query: QueryRows, dialect: IntelSqlDialect): IntelGraph {
  return {
    async neighbours(id, request) {
      const q = checkNeighbours(request);
      const probe = dialect.params();
      const found = await query(
        `SELECT 1 AS one FROM intel_objects WHERE id = ${probe.param(id)}`,
        probe.args,
      );
      if (found.length === 0) {
        throw notFound(`no intelligence object ${id}`, { hint: 'check the id (`type--UUID`)' });
      }
      return walkGraph(id, q, async (frontier, direction, types) => {
        const { args, param } = dialect.params();
        const end = direction === 'out' ? 'source' : 'target';
        const where = [dialect.inList(end, frontier, param)];
        if (types) where.push(dialect.inList('type', types, param));
        const rows = await query(
          `SELECT sro_id AS id, kind, type, source, target FROM intel_edges
           WHERE ${where.join(' AND ')} ORDER BY sro_id, source, target`,
          args,
        );
        return rows as unknown as GraphEdge[];
      });
    },
  };
}

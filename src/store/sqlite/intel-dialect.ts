/**
 * SQLite's side of the shared intelligence reads: `?` parameters, lists as one JSON parameter
 * (json_each), FTS5 for search.
 */
import type Database from 'better-sqlite3';
import {
  OWNER_JOINS,
  positionalParams,
  type IntelSqlDialect,
  type QueryRows,
} from '../intel/read-sql.js';

export const sqliteDialect: IntelSqlDialect = {
  params: positionalParams,
  inList: (column, values, param) =>
    `${column} IN (SELECT value FROM json_each(${param(JSON.stringify(values))}))`,
  search(terms, param) {
    // Each query word is an FTS5 phrase of its tokens (letters and digits only, so the quotes
    // need no escaping); `*` after the phrase makes its last token a prefix.
    const match = terms.map((t) => `"${t.tokens.join(' ')}"${t.prefix ? '*' : ''}`).join(' AND ');
    return {
      from: `FROM intel_fts f JOIN intel_objects o ON o.pk = f.rowid
        JOIN intel_versions v ON v.vpk = o.latest ${OWNER_JOINS}`,
      where: `intel_fts MATCH ${param(match)}`,
      // Column weights (name, description, labels, aliases, external ids): a hit in the name
      // or an alias outranks one in the text, as PostgreSQL's A/B/D weights do.
      orderBy: 'bm25(intel_fts, 10.0, 1.0, 3.0, 8.0, 8.0)',
    };
  },
};

/** Queries through prepared statements, cached by their text. */
export function sqliteQueryRows(db: Database.Database): QueryRows {
  const cache = new Map<string, Database.Statement>();
  return async (sql, args) => {
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = db.prepare(sql);
      if (cache.size < 256) cache.set(sql, stmt);
    }
    return stmt.all(...args) as Record<string, unknown>[];
  };
}

/**
 * PostgreSQL's side of the shared intelligence reads: `$n` parameters, lists as one array
 * parameter (`= ANY`), a weighted tsvector for search.
 */
import type pg from 'pg';
import {
  FROM_LATEST,
  numberedParams,
  type IntelSqlDialect,
  type QueryRows,
} from '../intel/read-sql.js';

export const postgresDialect: IntelSqlDialect = {
  params: numberedParams,
  inList: (column, values, param) => `${column} = ANY(${param(values)})`,
  search(terms, param) {
    // Tokens are letters and digits only (search-text.ts), so they need no tsquery escaping;
    // a phrase is tokens in order (<->), `:*` makes the last one a prefix.
    const text = terms.map((t) => `(${t.tokens.join(' <-> ')}${t.prefix ? ':*' : ''})`).join(' & ');
    const q = `to_tsquery('simple', ${param(text)})`;
    return {
      from: FROM_LATEST,
      where: `o.search @@ ${q}`,
      orderBy: `ts_rank(o.search, ${q}) DESC`,
    };
  },
};

export function postgresQueryRows(pool: pg.Pool): QueryRows {
  return async (sql, args) => (await pool.query(sql, [...args])).rows as Record<string, unknown>[];
}

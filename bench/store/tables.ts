/**
 * The store benchmark's Markdown tables: our adapters beside the reference floors, with ratios.
 */
import type { PythonReference } from './reference.js';
import type { ReadResult, WriteResult } from './workload.js';

export interface DataSetResult {
  readonly name: string;
  readonly objects: number;
  readonly ours: Partial<Record<'sqlite' | 'postgres', WriteResult>>;
  reference: PythonReference | null;
  copySeconds: number[] | null;
}

const rate = (v: number | undefined): string =>
  v === undefined ? '—' : Math.round(v).toLocaleString('en-US');
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`;

export function printTables(
  results: readonly DataSetResult[],
  reads: Partial<Record<'sqlite' | 'postgres', ReadResult>>,
  median: (xs: readonly number[]) => number,
): string {
  const lines: string[] = [];
  for (const d of results) {
    const sq = d.ours.sqlite;
    const pgr = d.ours.postgres;
    const raw = d.reference?.variants.raw?.objects_per_s;
    const fts = d.reference?.variants['raw+fts']?.objects_per_s;
    const copy = d.copySeconds ? d.objects / median(d.copySeconds) : undefined;
    lines.push(`\n### Batch upsert: ${d.name}, objects/s (higher is better)\n`);
    lines.push(
      '| pass | ThreatMesh SQLite | ThreatMesh PostgreSQL | Python sqlite3, bare rows | Python sqlite3, bare rows + FTS5 | psql \\copy, bare rows |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|');
    lines.push(
      `| create (empty store) | ${rate(sq?.create)} | ${rate(pgr?.create)} | ${rate(raw)} | ${rate(fts)} | ${rate(copy)} |`,
    );
    const rawCpu = d.reference?.variants.raw?.objects_per_cpu_s;
    const ftsCpu = d.reference?.variants['raw+fts']?.objects_per_cpu_s;
    lines.push(
      `| create, per CPU-second of the process | ${rate(sq?.createCpu)} | ${rate(pgr?.createCpu)} (client only) | ${rate(rawCpu)} | ${rate(ftsCpu)} | — |`,
    );
    lines.push(
      `| the same objects again (unchanged) | ${rate(sq?.unchanged)} | ${rate(pgr?.unchanged)} | — | — | — |`,
    );
    lines.push(
      `| a newer version of every object | ${rate(sq?.update)} | ${rate(pgr?.update)} | — | — | — |`,
    );
    lines.push(
      `\nSQLite create ÷ bare rows: ${ratio(sq?.create, raw)} (per CPU-second ${ratio(sq?.createCpu, rawCpu)}); ÷ bare rows + FTS5: ${ratio(sq?.create, fts)} (per CPU-second ${ratio(sq?.createCpu, ftsCpu)}). PostgreSQL create ÷ psql \\copy: ${ratio(pgr?.create, copy)}.`,
    );
  }
  lines.push('\n### Reads over the ATT&CK store, operations/s\n');
  lines.push('| read | SQLite | PostgreSQL |');
  lines.push('|---|---:|---:|');
  const rows: [keyof ReadResult, string][] = [
    ['get', 'get latest by id'],
    ['listPages', 'list, pages of 1,000'],
    ['search', 'full-text search (top 20)'],
    ['neighbours', 'neighbours of a technique, 2 hops'],
  ];
  for (const [k, label] of rows) {
    lines.push(`| ${label} | ${rate(reads.sqlite?.[k])} | ${rate(reads.postgres?.[k])} |`);
  }
  return lines.join('\n');
}

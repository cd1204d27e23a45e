/**
 * Sanity check on real lists: the public IOC lists in ../shared/data/ioc loaded into an index
 * (blocklist.de addresses, the abuse.ch Feodo Tracker JSON, the Microsoft Sentinel CSVs). Each
 * value must be found again by a lookup, and the sanity rules' findings are counted (a real
 * blocklist should hold next to no private, reserved or resolver addresses).
 *
 * The file formats are read here minimally (one value a line; a JSON array of objects with
 * `ip_address`; CSVs with `IoC`/`Type` columns or a single `IPAddress` column): parsing IOC
 * files for import is the importers' job (src/ingest), not the benchmark's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IocIndex } from '../../src/intel/ioc/ioc-index.js';
import { parseIPv4 } from '../../src/intel/ioc/ip-address.js';
import type { IocType } from '../../src/intel/ioc/types.js';

export interface ListReport {
  readonly file: string;
  readonly values: number;
  readonly indexed: number;
  /** Values of kinds the index does not hold (command lines, file paths, URI paths), by kind. */
  readonly skipped: Record<string, number>;
  /** Sanity findings by code. */
  readonly flagged: Record<string, number>;
  /** Indexed values whose lookup did not return their indicator (must be 0). */
  readonly lookupFailures: number;
}

interface Row {
  readonly type: IocType | null;
  readonly kind: string;
  readonly value: string;
}

const SENTINEL_TYPES: Readonly<Record<string, IocType>> = {
  sha256: 'sha256',
  sha1: 'sha1',
  md5: 'md5',
};

function addressRow(value: string): Row {
  return { type: parseIPv4(value) >= 0 ? 'ipv4' : 'ipv6', kind: 'ip', value };
}

function readRows(dir: string, file: string): Row[] {
  const text = readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '');
  if (file.endsWith('.json')) {
    return (JSON.parse(text) as { ip_address: string }[]).map((o) => addressRow(o.ip_address));
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!file.endsWith('.csv')) return lines.map((l) => addressRow(l.trim()));
  const header = lines[0]!.split(',');
  const ioc = header.indexOf('IoC');
  const type = header.indexOf('Type');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    if (ioc < 0) return addressRow(cells[0]!.trim());
    const kind = cells[type]!.trim();
    return { type: SENTINEL_TYPES[kind.toLowerCase()] ?? null, kind, value: cells[ioc]!.trim() };
  });
}

/** The files checked, relative to ../shared/data/ioc. */
export const REAL_LISTS: readonly string[] = [
  'blocklist.de-IP_BL.txt',
  'ipblocklist_recommended.json',
  'sentinel/DEV-0586.csv',
  'sentinel/FoggyWebIOC.csv',
  'sentinel/HiveRansomwareJuly2022.csv',
  'sentinel/Log4j_IOC_List.csv',
];

/**
 * Loads every list into one index and reports per file.
 *
 * @example loadRealLists('../shared/data/ioc')[0]?.indexed // 19902
 */
export function loadRealLists(dir: string): ListReport[] {
  const index = new IocIndex();
  const reports: ListReport[] = [];
  for (const file of REAL_LISTS) {
    const rows = readRows(dir, file);
    const skipped: Record<string, number> = {};
    const flagged: Record<string, number> = {};
    const added: { id: string; row: Row }[] = [];
    rows.forEach((row, i) => {
      if (row.type === null) {
        skipped[row.kind] = (skipped[row.kind] ?? 0) + 1;
        return;
      }
      const id = `${file}:${i + 1}`;
      const r = index.addIndicator(
        { type: row.type, value: row.value, indicatorId: id },
        { force: true },
      );
      for (const w of r.warnings) flagged[w.code] = (flagged[w.code] ?? 0) + 1;
      added.push({ id, row });
    });
    const lookupFailures = added.filter(
      ({ id, row }) => !index.lookup(row.value).includes(id),
    ).length;
    reports.push({
      file,
      values: rows.length,
      indexed: added.length,
      skipped,
      flagged,
      lookupFailures,
    });
  }
  return reports;
}

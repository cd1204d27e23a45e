/**
 * One run of the store benchmark on one adapter: batch upserts of a data set (create, the same
 * again, a newer version of everything) and the reads services make (get by id, paging through
 * everything, search, 2-hop neighbours).
 */
import { readFileSync } from 'node:fs';
import type { StixObject } from '../../src/core/stix/object.js';
import type { StoreWithIntel } from '../../src/store/intel-ports.js';

export interface WriteResult {
  /** Objects per second of each pass (wall clock). */
  readonly create: number;
  readonly unchanged: number;
  readonly update: number;
  /**
   * Objects per CPU-second of this process in the create pass: on a shared machine, the rate
   * one free core would give (for SQLite all the work; for PostgreSQL the client's share only).
   */
  readonly createCpu: number;
}

export interface ReadResult {
  /** Operations per second. */
  readonly get: number;
  readonly listPages: number;
  readonly search: number;
  readonly neighbours: number;
}

const SEARCHES = [
  'spearphishing',
  'credential dumping',
  'powershell',
  'T1059',
  'ransom*',
  'lateral movement',
];

async function timed(work: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
}

async function upsertAll(s: StoreWithIntel, objects: readonly StixObject[], batch: number) {
  for (let i = 0; i < objects.length; i += batch) {
    await s.intel.objects.upsert({
      objects: objects.slice(i, i + batch),
      provenance: { source: 'bench', file: 'bench.json' },
    });
  }
}

/** Every object with `modified` one day later: a new version of each (an ATT&CK release). */
export function nextRelease(objects: readonly StixObject[]): StixObject[] {
  return objects.map((o) =>
    typeof o.modified === 'string'
      ? { ...o, modified: new Date(Date.parse(o.modified) + 86_400_000).toISOString() }
      : o,
  );
}

/**
 * A typical IOC feed as STIX: one indicator per address of a blocklist (what the CSV/TXT
 * importer makes of ../shared/data/ioc/blocklist.de-IP_BL.txt), TLP:CLEAR, ids fixed by line.
 */
export function blocklistIndicators(file: string): StixObject[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /^\d/.test(l));
  return lines.map((ip, i) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    created: '2023-06-19T00:00:00.000Z',
    modified: '2023-06-19T00:00:00.000Z',
    name: `blocklist.de ${ip}`,
    pattern: `[ipv4-addr:value = '${ip.trim()}']`,
    pattern_type: 'stix',
    valid_from: '2023-06-19T00:00:00Z',
    indicator_types: ['malicious-activity'],
    labels: ['blocklist.de'],
    object_marking_refs: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'],
  }));
}

export async function runWrites(
  s: StoreWithIntel,
  objects: readonly StixObject[],
  batch: number,
): Promise<WriteResult> {
  const n = objects.length;
  const cpu = process.cpuUsage();
  const create = n / (await timed(() => upsertAll(s, objects, batch)));
  const used = process.cpuUsage(cpu);
  const createCpu = n / ((used.user + used.system) / 1e6);
  const unchanged = n / (await timed(() => upsertAll(s, objects, batch)));
  const update = n / (await timed(() => upsertAll(s, nextRelease(objects), batch)));
  return { create, unchanged, update, createCpu };
}

/** Reads over a store holding the ATT&CK bundle. */
export async function runReads(
  s: StoreWithIntel,
  objects: readonly StixObject[],
): Promise<ReadResult> {
  const ids = objects.filter((_, i) => i % 12 === 0).map((o) => o.id);
  const get =
    ids.length /
    (await timed(async () => {
      for (const id of ids) await s.intel.objects.get(id);
    }));
  let pages = 0;
  const listSeconds = await timed(async () => {
    let cursor: string | undefined;
    do {
      const page = await s.intel.objects.list({ limit: 1000, ...(cursor ? { cursor } : {}) });
      cursor = page.next;
      pages++;
    } while (cursor !== undefined);
  });
  const search =
    (SEARCHES.length * 10) /
    (await timed(async () => {
      for (let r = 0; r < 10; r++) for (const q of SEARCHES) await s.intel.objects.search(q);
    }));
  const roots = objects
    .filter((o) => o.type === 'attack-pattern')
    .slice(0, 100)
    .map((o) => o.id);
  const neighbours =
    roots.length /
    (await timed(async () => {
      for (const id of roots) await s.intel.graph.neighbours(id, { depth: 2, limit: 2000 });
    }));
  return { get, listPages: pages / listSeconds, search, neighbours };
}

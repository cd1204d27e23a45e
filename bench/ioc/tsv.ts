/**
 * The files both sides of the IOC benchmark read (tab-separated, one record a line), and the
 * checksum both compute over their answers (bench/reference/ioc_index.py implements the same).
 */

/**
 * Splits TSV text into `columns` arrays.
 *
 * @example readTsv('a\tb\nc\td\n', 2) // [['a', 'c'], ['b', 'd']]
 */
export function readTsv(text: string, columns: number): string[][] {
  const out: string[][] = Array.from({ length: columns }, () => []);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const parts = line.split('\t');
    for (let c = 0; c < columns; c++) out[c]!.push(parts[c] ?? '');
  }
  return out;
}

/** TSV text of parallel columns. */
export function writeTsv(columns: readonly (readonly string[])[]): string {
  const n = columns[0]?.length ?? 0;
  const lines: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) lines[i] = columns.map((c) => c[i]).join('\t');
  return `${lines.join('\n')}\n`;
}

/** Each type name as the literal a caller passes (TSV fields are fresh strings). */
export const LITERAL_TYPES: ReadonlyMap<string, string> = new Map(
  ['ipv4', 'ipv6', 'cidr4', 'cidr6', 'domain', 'url', 'md5', 'sha1', 'sha256', 'email'].map((t) => [
    t,
    t,
  ]),
);

/** A rate measured both ways. */
export interface Rate {
  readonly perSecondWall: number;
  readonly perSecondCpu: number;
  readonly lookups: number;
}

/**
 * Runs `fn` and measures it by wall clock and by this process's CPU time (user + system).
 *
 * @example timed(() => work()).cpuSeconds
 */
export function timed<T>(fn: () => T): { result: T; wallSeconds: number; cpuSeconds: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wallSeconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { result, wallSeconds, cpuSeconds: (c.user + c.system) / 1e6 };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Number of (query, indicator) matches and an order-sensitive checksum over queries that does
 * not depend on the order of ids within one answer: per query the sum of FNV-1a hashes of its
 * ids, folded as `acc = acc × 31 + sum (mod 2³²)`.
 */
export function matchChecksum(
  queries: number,
  answer: (i: number) => readonly string[],
): { pairs: number; checksum: number } {
  let pairs = 0;
  let acc = 0;
  for (let i = 0; i < queries; i++) {
    let sum = 0;
    for (const id of answer(i)) {
      let h = 0x811c9dc5;
      for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193) >>> 0;
      sum = (sum + h) >>> 0;
      pairs++;
    }
    acc = (Math.imul(acc, 31) + sum) >>> 0;
  }
  return { pairs, checksum: acc };
}

/**
 * Our side of the IOC index benchmark, in a fresh process started with `--expose-gc` so that
 * heap growth belongs to the index alone:
 *
 *   node --expose-gc dist/bench/ioc/measure-ours.js DIR RUNS
 *
 * Reads DIR/indicators.tsv (type, value, id) and DIR/queries.tsv (type, value), builds the
 * index, measures build time and memory (V8 heap used + external/ArrayBuffer memory, after a
 * full GC, before and after the build, with the input strings alive in both), then lookup
 * rates: median of RUNS passes over all queries after one warm-up pass, by wall clock and by
 * this process's CPU time (the machine is shared: CPU time is what one core gave us). Prints
 * one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IocIndex } from '../../src/intel/ioc/ioc-index.js';
import type { IocType, LookupType } from '../../src/intel/ioc/types.js';
import { LITERAL_TYPES, matchChecksum, median, readTsv, timed, type Rate } from './tsv.js';

const [dir, runsText] = process.argv.slice(2);
if (!dir) throw new Error('usage: measure-ours.js DIR [RUNS]');
const runs = Number(runsText ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const ind = readTsv(readFileSync(join(dir, 'indicators.tsv'), 'utf8'), 3);
const qs = readTsv(readFileSync(join(dir, 'queries.tsv'), 'utf8'), 2);
// Types as the literals a caller would pass (a TSV field is a fresh string each time).
const indTypes = ind[0]!.map((t) => LITERAL_TYPES.get(t)! as IocType);
const qTypes = qs[0]!.map((t) => LITERAL_TYPES.get(t)! as LookupType);
const qValues = qs[1]!;
const n = indTypes.length;

const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

const before = memory();
const index = new IocIndex();
let inactive = 0;
const build = timed(() => {
  for (let i = 0; i < n; i++) {
    const r = index.addIndicator({
      type: indTypes[i]!,
      value: ind[1]![i]!,
      indicatorId: ind[2]![i]!,
    });
    if (!r.active) inactive++;
  }
});
const after = memory();
// The input must stay alive through the second measurement, or its release would be subtracted.
const inputRows = ind[1]!.length + ind[2]!.length + indTypes.length;

/** Lookup rates over a set of queries: median of `runs` passes after a warm-up pass. */
function rates(
  values: readonly string[],
  types: readonly (LookupType | undefined)[],
  ids = false,
  on: IocIndex = index,
): Rate {
  const pass = () =>
    timed(() => {
      let hits = 0;
      for (let i = 0; i < values.length; i++) {
        hits += ids ? on.lookup(values[i]!, types[i]).length : on.match(values[i]!, types[i]);
      }
      return hits;
    });
  pass();
  const passes = Array.from({ length: runs }, pass);
  return {
    perSecondWall: median(passes.map((p) => values.length / p.wallSeconds)),
    perSecondCpu: median(passes.map((p) => values.length / p.cpuSeconds)),
    lookups: values.length,
  };
}

const typed = rates(qValues, qTypes);
const detected = rates(qValues, new Array<undefined>(qValues.length));
const withIds = rates(qValues, qTypes, true);
// Per (type, hit or miss): any mix's rate follows from these (harmonic mean by share).
const classes = new Map<string, { values: string[]; types: LookupType[] }>();
qValues.forEach((v, i) => {
  const key = `${qTypes[i]} ${index.match(v, qTypes[i]) > 0 ? 'hit' : 'miss'}`;
  let c = classes.get(key);
  if (!c) classes.set(key, (c = { values: [], types: [] }));
  c.values.push(v);
  c.types.push(qTypes[i]!);
});
const perClass = Object.fromEntries(
  [...classes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, c]) => [k, rates(c.values, c.types)]),
);
const checksum = matchChecksum(qValues.length, (i) => index.lookup(qValues[i]!, qTypes[i]));

// The same lookups against the first 2,000 indicators only: an index that stays in cache,
// so the gap to `typed` is what memory latency costs at full size.
const small = new IocIndex();
for (let i = 0; i < Math.min(2000, n); i++) {
  small.addIndicator({ type: indTypes[i]!, value: ind[1]![i]!, indicatorId: ind[2]![i]! });
}
const cacheResident = rates(qValues, qTypes, false, small);

console.log(
  JSON.stringify({
    indicators: n,
    inputRows,
    indexedIndicators: index.indicatorCount,
    entries: index.entryCount,
    inactive,
    buildSecondsWall: build.wallSeconds,
    buildSecondsCpu: build.cpuSeconds,
    heapGrowthBytes: after - before,
    bytesPerIndicator: (after - before) / n,
    typedArrayBytesPerIndicator: index.bytes / n,
    typed,
    detected,
    withIds,
    perClass,
    cacheResident,
    checksum,
  }),
);

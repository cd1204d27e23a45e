/**
 * The side-by-side tables of bench:trees: per task, one row per configuration with ours and
 * the reference's medians and their ratios.
 */
import type { TreeBenchConfig } from './configs.js';

export interface Measured {
  readonly config: string;
  readonly task: string;
  readonly threads: number;
  readonly nTrain: number;
  readonly fitSeconds: number;
  /** Ours: after `prepareForServing` (generated code); the reference is compiled ahead. */
  readonly batchRowsPerSecond: number;
  /** Ours: the first batch after the anchors' 1,000-row warm-up (the array walk). */
  readonly firstBatchRowsPerSecond?: number;
  /** Ours: seconds `prepareForServing` took, and whether every thread then ran code. */
  readonly prepareSeconds?: number;
  readonly prepared?: boolean;
  readonly rowP50Us: number;
  readonly rowP99Us: number;
  readonly modelBytes: number;
  readonly peakRssMB: number;
  readonly accuracy: number | null;
  readonly macroF1: number | null;
  readonly rocAuc: number | null;
  readonly prAuc: number | null;
  readonly rounds?: number;
}

function median(values: readonly number[]): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const f = (v: number | null | undefined, d: number) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
/** ours / reference or reference / ours, as "1.23×". */
const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/**
 * Markdown tables of the medians of `ours` and `reference`.
 *
 * @example
 * console.log(printTables(CONFIGS, TASKS, ours, reference));
 */
export function printTables(
  configs: readonly TreeBenchConfig[],
  tasks: readonly { readonly ours: string }[],
  ours: readonly Measured[],
  reference: readonly Measured[],
): string {
  const lines: string[] = [];
  for (const task of tasks) {
    lines.push(`\n### ${task.ours} → KDDTest+\n`);
    lines.push(
      '| model | thr | fit s ours | fit s ref | ref/ours | rows/s ours | rows/s ref | ours/ref | first batch rows/s ours | serving warm-up s ours | row p50 µs ours / ref | row p99 µs ours / ref | peak MB ours / ref | model KB ours / ref | acc ours / ref | macro-F1 ours / ref | ROC-AUC ours / ref |',
    );
    lines.push(
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const c of configs.filter((k) => k.tasks.includes(task.ours as 'binary'))) {
      const o = ours.filter((m) => m.config === c.name && m.task === task.ours);
      const r = reference.filter((m) => m.config === c.name && m.task === task.ours);
      const med = (list: readonly Measured[], k: keyof Measured) =>
        median(list.map((m) => m[k] as number));
      const first = (list: readonly Measured[], k: keyof Measured) =>
        (list[0]?.[k] as number | null | undefined) ?? null;
      const oFit = med(o, 'fitSeconds');
      const rFit = med(r, 'fitSeconds');
      const oRate = med(o, 'batchRowsPerSecond');
      const rRate = med(r, 'batchRowsPerSecond');
      const pair = (k: keyof Measured, d: number, scale = 1) =>
        `${f(med(o, k) * scale, d)} / ${f(med(r, k) * scale, d)}`;
      const quality = (k: keyof Measured) => `${f(first(o, k), 4)} / ${f(first(r, k), 4)}`;
      lines.push(
        `| ${c.name} | ${o[0]?.threads ?? r[0]?.threads ?? '—'} | ${f(oFit, 2)} | ${f(rFit, 2)} | ${ratio(rFit, oFit)} | ${int(oRate)} | ${int(rRate)} | ${ratio(oRate, rRate)} | ${int(med(o, 'firstBatchRowsPerSecond'))} | ${f(med(o, 'prepareSeconds'), 1)}${o.some((m) => m.prepared === false) ? ' (arrays)' : ''} | ${pair('rowP50Us', 1)} | ${pair('rowP99Us', 1)} | ${pair('peakRssMB', 0)} | ${pair('modelBytes', 0, 1 / 1024)} | ${quality('accuracy')} | ${quality('macroF1')} | ${quality('rocAuc')} |`,
      );
    }
  }
  lines.push(
    `\nReference models: ${configs.map((c) => `${c.name} = ${c.reference}`).join('; ')}. Timings are medians over the rounds; "ref/ours" > 1 means ours is faster. rows/s: one batch over KDDTest+ (ours after prepareForServing, which compiles the trees to code and warms it up — its seconds are the "serving warm-up"; "first batch": the array walk right after the anchors' 1,000-row warm-up; "(arrays)": the forest was too large to compile or the code did not get faster in time). Single rows: ours after prepareForServing.`,
  );
  return lines.join('\n');
}

/**
 * Runs a compiled forest on rows: through the array walk, or — once `prepare` has compiled it
 * to code (forest-code.ts) and warmed that code up — through the generated code.
 *
 * Generated code pays only in a long-running process: V8 runs it unoptimised (about 100 µs a
 * row on NSL-KDD, a hundred times the array walk) until it has executed tens of thousands of
 * rows, and only then optimises it (five times faster than the arrays). So it is opt-in:
 * `prepare` warms it on synthetic rows that reach every leaf until it beats the arrays, and
 * gives it up if that takes too long. Both paths add the same values in the
 * same order, so which one ran never changes a prediction.
 */
import { Random } from '../../core/random.js';
import { addForestOutput, finishRawOutput, type CompiledForest } from './compiled-forest.js';
import { generateForestCode, type ChunkFn } from './forest-code.js';

// Rows with missing values added to the warm-up rows; the speed-up over the (warm) array walk
// that the code must show in `WARM_STREAK` passes in a row; the longest the warm-up may take
// before the code is given up.
const WARM_NAN_ROWS = 64;
const WARM_SPEED_UP = 1.5;
const WARM_STREAK = 3;
const WARM_LIMIT_MS = 30_000;

/**
 * @example
 * const runner = new ForestRunner(compileForest(trees, shape));
 * runner.prepare(); // optional: for serving
 * runner.rawOutput(x.data, x.cols, 0, x.rows, raw);
 */
export class ForestRunner {
  readonly forest: CompiledForest;
  private code: ChunkFn[] | null = null;

  constructor(forest: CompiledForest) {
    this.forest = forest;
  }

  /** Whether rows go through generated code. */
  get prepared(): boolean {
    return this.code !== null;
  }

  /**
   * Compile the forest to code and warm it up; returns whether rows will now run through it
   * (false for forests too large to compile, or when the code did not get faster in time).
   */
  prepare(): boolean {
    if (this.code !== null) return true;
    const code = generateForestCode(this.forest);
    if (code === null) return false;
    const forest = this.forest;
    const { data: x, rows } = warmRows(forest);
    const out = new Float64Array(rows * forest.nOutputs);
    // The array walk's best of a few passes: compared with a cold walk, code that is not yet
    // optimised could look faster.
    let arraysMs = Infinity;
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      addForestOutput(forest, x, forest.nFeatures, 0, rows, out);
      arraysMs = Math.min(arraysMs, performance.now() - t);
    }
    const start = performance.now();
    let streak = 0;
    while (performance.now() - start < WARM_LIMIT_MS) {
      const t = performance.now();
      for (const fn of code) fn(x, forest.nFeatures, 0, rows, out, forest.value);
      streak = (performance.now() - t) * WARM_SPEED_UP < arraysMs ? streak + 1 : 0;
      if (streak === WARM_STREAK) {
        this.code = code;
        return true;
      }
    }
    return false;
  }

  /** Raw outputs of rows `[from, to)` into `out` (row-major, row `from` at `out[0]`). */
  rawOutput(data: Float32Array, cols: number, from: number, to: number, out: Float64Array): void {
    const forest = this.forest;
    out.fill(0, 0, (to - from) * forest.nOutputs);
    if (this.code === null) addForestOutput(forest, data, cols, from, to, out);
    else for (const fn of this.code) fn(data, cols, from, to, out, forest.value);
    finishRawOutput(forest, out, to - from);
  }

  /** Raw output of one row `x` into `out` (length `nOutputs`), allocating nothing. */
  rowOutput(x: Float32Array, out: Float64Array): void {
    this.rawOutput(x, this.forest.nFeatures, 0, 1, out);
  }
}

/**
 * Rows that reach every leaf: one per leaf, whose features on the leaf's path lie on the side
 * of each split that leads there (other features random), then a few with missing values.
 * Code that V8 optimised before some branch ever ran is thrown away the first time a real row
 * takes that branch ("insufficient type feedback"), so the warm-up must run every branch.
 */
function warmRows(forest: CompiledForest): { data: Float32Array; rows: number } {
  const d = forest.nFeatures;
  const n = forest.treeStart[forest.nTrees]!;
  let leaves = 0;
  for (let i = 0; i < n; i++) if (forest.feature[i]! < 0) leaves++;
  const rows = leaves + WARM_NAN_ROWS;
  const data = new Float32Array(rows * d);
  const rng = new Random(0);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  let r = 0;
  const walk = (node: number): void => {
    const f = forest.feature[node]!;
    if (f < 0) {
      for (let j = 0; j < d; j++) {
        if (lo[j] === -Infinity && hi[j] === Infinity) continue;
        // x ≤ hi on a left turn, x > lo on a right one.
        data[r * d + j] = hi[j]! < Infinity ? hi[j]! : lo[j]! + Math.max(1, Math.abs(lo[j]!));
      }
      r++;
      return;
    }
    const t = forest.threshold[node]!;
    const [oldLo, oldHi] = [lo[f]!, hi[f]!];
    hi[f] = Math.min(oldHi, t);
    walk(node + 1);
    hi[f] = oldHi;
    lo[f] = Math.max(oldLo, t);
    walk(forest.right[node]!);
    lo[f] = oldLo;
  };
  for (let t = 0; t < forest.nTrees; t++) {
    lo.fill(-Infinity);
    hi.fill(Infinity);
    walk(forest.treeStart[t]!);
  }
  for (; r < rows; r++) for (let j = 0; j < d; j++) if (rng.next() < 0.3) data[r * d + j] = NaN;
  return { data, rows };
}

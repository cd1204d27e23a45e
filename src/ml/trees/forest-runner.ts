/**
 * Runs a compiled forest on rows: through its generated code (forest-code.ts) when the forest
 * is small enough, else through the array walk. Generated code is slow until V8 has optimised
 * it (tens of thousands of rows on NSL-KDD), so a batch sends only its first `WARM_STEP` rows
 * through the code until `WARM_ROWS` rows have gone that way, and the rest through the arrays.
 * Both add the same values in the same order, so which path a row takes never changes it.
 */
import { addForestOutput, finishRawOutput, type CompiledForest } from './compiled-forest.js';
import { generateForestCode, type ChunkFn } from './forest-code.js';

// Rows per batch sent through code that is not yet optimised (a few milliseconds of
// unoptimised code), and rows after which it counts as optimised.
const WARM_STEP = 2048;
const WARM_ROWS = 65_536;

/**
 * @example
 * const runner = new ForestRunner(compileForest(trees, shape));
 * const raw = new Float64Array(x.rows * runner.forest.nOutputs);
 * runner.rawOutput(x.data, x.cols, 0, x.rows, raw);
 */
export class ForestRunner {
  readonly forest: CompiledForest;
  private code: ChunkFn[] | null | undefined;
  private codeRows = 0;

  constructor(forest: CompiledForest) {
    this.forest = forest;
  }

  /** Raw outputs of rows `[from, to)` into `out` (row-major, row `from` at `out[0]`). */
  rawOutput(data: Float32Array, cols: number, from: number, to: number, out: Float64Array): void {
    const forest = this.forest;
    const k = forest.nOutputs;
    out.fill(0, 0, (to - from) * k);
    const code = this.chunks();
    let i = from;
    if (code !== null) {
      const end = this.codeRows >= WARM_ROWS ? to : Math.min(to, from + WARM_STEP);
      for (const fn of code) fn(data, cols, from, end, out, forest.value);
      this.codeRows += end - from;
      i = end;
    }
    if (i < to) addForestOutput(forest, data, cols, i, to, out.subarray((i - from) * k));
    finishRawOutput(forest, out, to - from);
  }

  /** Raw output of one row `x` into `out` (length `nOutputs`), allocating nothing. */
  rowOutput(x: Float32Array, out: Float64Array): void {
    const forest = this.forest;
    out.fill(0);
    const code = this.chunks();
    if (code === null) addForestOutput(forest, x, forest.nFeatures, 0, 1, out);
    else {
      for (const fn of code) fn(x, forest.nFeatures, 0, 1, out, forest.value);
      this.codeRows++;
    }
    finishRawOutput(forest, out, 1);
  }

  private chunks(): ChunkFn[] | null {
    if (this.code === undefined) this.code = generateForestCode(this.forest);
    return this.code;
  }
}

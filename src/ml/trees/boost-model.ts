/**
 * A fitted gradient-boosting classifier: the initial margins plus the sum of its trees' leaf
 * values (one tree per round for two classes, one per class and round otherwise), through the
 * sigmoid or the softmax.
 */
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { checkPredictInput, stateInt, stateParams } from '../model-checks.js';
import type { Classifier, ModelState } from '../model.js';
import type { WorkerPool } from '../parallel/worker-pool.js';
import { decodeTyped, encodeTyped } from '../serialize.js';
import { BOOST_PARAMS } from './boost-params.js';
import { compileForest, type CompiledForest } from './compiled-forest.js';
import { ForestRunner } from './forest-runner.js';
import type { Params } from '../params.js';
import { forestRawOutputParallel, prepareForServing } from './parallel-predict.js';
import type { FlatTree } from './tree.js';
import type { TreeExplainable, TreeModelView } from './tree-model-view.js';
import { decodeTrees, encodeTrees } from './tree-state.js';

export const BOOST_KIND = 'gradient-boosting';
const STATE_VERSION = 1;

/**
 * @example
 * const model = GRADIENT_BOOSTING.fromState(state) as BoostedTreesClassifier;
 * const margins = model.rawOutput(x);
 */
export class BoostedTreesClassifier implements Classifier, TreeExplainable {
  readonly kind = BOOST_KIND;
  readonly params: Params;
  readonly nFeatures: number;
  readonly nClasses: number;
  /** Raw outputs: 1 margin for two classes, one per class otherwise. */
  readonly nOutputs: number;
  readonly trees: readonly FlatTree[];
  readonly base: Float64Array;
  /** Validation loss of the kept round when early stopping ran, else null. */
  readonly validationLoss: number | null;
  readonly compiled: CompiledForest;
  /** Runs `compiled`, through generated code once it pays (forest-runner.ts). */
  readonly runner: ForestRunner;
  private readonly rowRaw: Float64Array;

  constructor(
    params: Params,
    nFeatures: number,
    nClasses: number,
    trees: readonly FlatTree[],
    base: Float64Array,
    validationLoss: number | null,
  ) {
    this.params = params;
    this.nFeatures = nFeatures;
    this.nClasses = nClasses;
    this.nOutputs = nClasses === 2 ? 1 : nClasses;
    this.trees = trees;
    this.base = base;
    this.validationLoss = validationLoss;
    this.compiled = compileForest(trees, {
      nFeatures,
      nOutputs: this.nOutputs,
      scale: 1,
      base,
      treeOutput: this.treeOutput(),
    });
    this.runner = new ForestRunner(this.compiled);
    this.rowRaw = new Float64Array(this.nOutputs);
  }

  /** Boosting rounds kept. */
  get rounds(): number {
    return this.trees.length / this.nOutputs;
  }

  /**
   * Margins (log-odds, or per-class logits), row-major `x.rows × nOutputs`.
   *
   * @example
   * const z = model.rawOutput(x);
   */
  rawOutput(x: Matrix): Float64Array {
    checkPredictInput(this.kind, x, this.nFeatures);
    const raw = new Float64Array(x.rows * this.nOutputs);
    this.runner.rawOutput(x.data, x.cols, 0, x.rows, raw);
    return raw;
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    const raw = this.rawOutput(x);
    const size = x.rows * this.nClasses;
    if (out !== undefined && out.length !== size) {
      throw new RangeError(`predictProba: out has length ${out.length}, expected ${size}`);
    }
    const proba = out ?? new Float32Array(size);
    marginsToClassProba(raw, x.rows, this.nClasses, proba);
    return proba;
  }

  /**
   * `predictProba` on the pool's threads and this one (each row as on one thread).
   *
   * @example
   * const proba = await model.predictProbaParallel(x, await openTreePool(4));
   */
  async predictProbaParallel(x: Matrix, pool: WorkerPool | null): Promise<Float32Array> {
    checkPredictInput(this.kind, x, this.nFeatures);
    const raw = await forestRawOutputParallel(this.runner, x, pool);
    const proba = new Float32Array(x.rows * this.nClasses);
    marginsToClassProba(raw, x.rows, this.nClasses, proba);
    return proba;
  }

  /**
   * Compile the trees to code and warm it up, here and on the pool's workers (seconds, once):
   * for long-running serving, after which `predictRow` and batches run several times faster.
   * Returns whether every thread now runs the generated code (forest-runner.ts).
   *
   * @example
   * await model.prepareForServing(pool);
   */
  prepareForServing(pool: WorkerPool | null = null): Promise<boolean> {
    return prepareForServing(this.runner, pool);
  }

  /**
   * Class probabilities of one row into `out` (length `nClasses`), allocating nothing.
   *
   * @example
   * model.predictRow(row, p);
   */
  predictRow(x: Float32Array, out: Float32Array): void {
    this.runner.rowOutput(x, this.rowRaw);
    marginsToClassProba(this.rowRaw, 1, this.nClasses, out);
  }

  /** Boosting's view: one-value leaves, `treeOutput`, base = initial margins, margins. */
  treeView(): TreeModelView {
    return {
      nFeatures: this.nFeatures,
      nOutputs: this.nOutputs,
      trees: this.trees,
      treeOutput: this.treeOutput(),
      scale: 1,
      base: Float64Array.from(this.base),
      outputSpace: 'margin',
    };
  }

  toState(): ModelState {
    return {
      kind: this.kind,
      version: STATE_VERSION,
      params: this.params,
      data: {
        nFeatures: this.nFeatures,
        nClasses: this.nClasses,
        base: encodeTyped(this.base),
        validationLoss: this.validationLoss,
        trees: encodeTrees(this.trees),
      },
    };
  }

  /**
   * Restore a classifier written by `toState`.
   *
   * @example
   * const model = BoostedTreesClassifier.fromState(JSON.parse(text));
   */
  static fromState(state: ModelState): BoostedTreesClassifier {
    const params = stateParams(state, BOOST_KIND, STATE_VERSION, BOOST_PARAMS);
    const nFeatures = stateInt(state.data.nFeatures, 'data.nFeatures', 1);
    const nClasses = stateInt(state.data.nClasses, 'data.nClasses', 2);
    const nOutputs = nClasses === 2 ? 1 : nClasses;
    const base = decodeTyped(state.data.base, 'f64', 'data.base');
    if (base.length !== nOutputs) {
      throw badInput(`model state: data.base has ${base.length} values, expected ${nOutputs}`);
    }
    const trees = decodeTrees(state.data.trees, nFeatures, 1);
    if (trees.length === 0 || trees.length % nOutputs !== 0) {
      throw badInput(
        `model state: ${trees.length} trees is not a whole number of rounds of ${nOutputs}`,
      );
    }
    const loss = state.data.validationLoss;
    const validationLoss = typeof loss === 'number' ? loss : null;
    return new BoostedTreesClassifier(params, nFeatures, nClasses, trees, base, validationLoss);
  }

  private treeOutput(): Int32Array {
    return Int32Array.from({ length: this.trees.length }, (_, t) => t % this.nOutputs);
  }
}

/**
 * Class probabilities from margins: [1 − σ(z), σ(z)] for two classes, the softmax otherwise.
 *
 * @example
 * marginsToClassProba(raw, rows, 2, proba);
 */
export function marginsToClassProba(
  raw: Float64Array,
  rows: number,
  nClasses: number,
  out: Float32Array,
): void {
  if (nClasses === 2) {
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]!));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return;
  }
  for (let i = 0, o = 0; i < rows; i++, o += nClasses) {
    let max = -Infinity;
    for (let c = 0; c < nClasses; c++) if (raw[o + c]! > max) max = raw[o + c]!;
    let sum = 0;
    for (let c = 0; c < nClasses; c++) sum += Math.exp(raw[o + c]! - max);
    for (let c = 0; c < nClasses; c++) out[o + c] = Math.exp(raw[o + c]! - max) / sum;
  }
}

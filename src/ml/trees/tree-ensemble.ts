/**
 * The fitted classifier of every averaging tree model (decision tree, random forest, extra
 * trees): a decision tree is an ensemble of one. Probabilities are the mean of the trees' leaf
 * class distributions, as in scikit-learn's forests, computed from the flattened forest.
 */
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import type { Classifier, ModelState } from '../model.js';
import type { WorkerPool } from '../parallel/worker-pool.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';
import { stateNumber, type SerializedValue } from '../serialize.js';
import { compileForest, type CompiledForest } from './compiled-forest.js';
import { ForestRunner } from './forest-runner.js';
import type { FlatTree } from './tree.js';
import type { TreeExplainable, TreeModelView } from './tree-model-view.js';
import { decodeTrees, encodeTrees } from './tree-state.js';
import { forestRawOutputParallel, prepareForServing } from './parallel-predict.js';

/** Layout version of the state written by `TreeEnsembleClassifier.toState`. */
export const TREE_ENSEMBLE_STATE_VERSION = 1;

/**
 * @example
 * const model = new TreeEnsembleClassifier('decision-tree', params, 122, 2, [tree], null);
 * const proba = model.predictProba(x);
 */
export class TreeEnsembleClassifier implements Classifier, TreeExplainable {
  readonly kind: string;
  readonly params: Params;
  readonly nFeatures: number;
  readonly nClasses: number;
  readonly trees: readonly FlatTree[];
  /** Out-of-bag accuracy, when the fit computed it. */
  readonly oobScore: number | null;
  /** The trees flattened for serving (shared memory, readable by worker threads). */
  readonly compiled: CompiledForest;
  /** Runs `compiled`, through generated code once it pays (forest-runner.ts). */
  readonly runner: ForestRunner;
  private readonly rowRaw: Float64Array;

  constructor(
    kind: string,
    params: Params,
    nFeatures: number,
    nClasses: number,
    trees: readonly FlatTree[],
    oobScore: number | null,
  ) {
    this.kind = kind;
    this.params = params;
    this.nFeatures = nFeatures;
    this.nClasses = nClasses;
    this.trees = trees;
    this.oobScore = oobScore;
    this.compiled = compileForest(trees, {
      nFeatures,
      nOutputs: nClasses,
      scale: 1 / trees.length,
      base: new Float64Array(nClasses),
      treeOutput: null,
    });
    this.runner = new ForestRunner(this.compiled);
    this.rowRaw = new Float64Array(nClasses);
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    this.checkInput(x);
    const size = x.rows * this.nClasses;
    if (out !== undefined && out.length !== size) {
      throw new RangeError(`predictProba: out has length ${out.length}, expected ${size}`);
    }
    const proba = out ?? new Float32Array(size);
    const raw = new Float64Array(size);
    this.runner.rawOutput(x.data, x.cols, 0, x.rows, raw);
    proba.set(raw);
    return proba;
  }

  /**
   * `predictProba` on the pool's threads and this one (each row as on one thread).
   *
   * @example
   * const proba = await model.predictProbaParallel(x, await openTreePool(4));
   */
  async predictProbaParallel(x: Matrix, pool: WorkerPool | null): Promise<Float32Array> {
    this.checkInput(x);
    return Float32Array.from(await forestRawOutputParallel(this.runner, x, pool));
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
   * const p = new Float32Array(model.nClasses);
   * model.predictRow(row, p);
   */
  predictRow(x: Float32Array, out: Float32Array): void {
    this.runner.rowOutput(x, this.rowRaw);
    for (let c = 0; c < this.nClasses; c++) out[c] = this.rowRaw[c]!;
  }

  /** The averaging view: class-distribution leaves, scale 1/T, probabilities (tree-model-view.ts). */
  treeView(): TreeModelView {
    return {
      nFeatures: this.nFeatures,
      nOutputs: this.nClasses,
      trees: this.trees,
      scale: 1 / this.trees.length,
      base: new Float64Array(this.nClasses),
      outputSpace: 'probability',
    };
  }

  private checkInput(x: Matrix): void {
    if (x.cols !== this.nFeatures) {
      throw badInput(
        `${this.kind}: input has ${x.cols} columns, the model expects ${this.nFeatures}`,
        { hint: 'prepare the data with the pipeline the model was trained with' },
      );
    }
  }

  toState(): ModelState {
    return {
      kind: this.kind,
      version: TREE_ENSEMBLE_STATE_VERSION,
      params: this.params,
      data: {
        nFeatures: this.nFeatures,
        nClasses: this.nClasses,
        oobScore: this.oobScore,
        trees: encodeTrees(this.trees),
      },
    };
  }

  /**
   * Restore a classifier written by `toState`; a state of another kind or version, or with
   * inconsistent arrays, is rejected with BAD_INPUT.
   *
   * @example
   * const model = TreeEnsembleClassifier.fromState(state, 'random-forest', RANDOM_FOREST.params);
   */
  static fromState(
    state: ModelState,
    kind: string,
    specs: readonly ParamSpec[],
  ): TreeEnsembleClassifier {
    if (state.kind !== kind) {
      throw badInput(`model state is of kind "${state.kind}", expected "${kind}"`);
    }
    if (state.version !== TREE_ENSEMBLE_STATE_VERSION) {
      throw badInput(`${kind} state version ${state.version} is not supported`, {
        hint: `this build reads version ${TREE_ENSEMBLE_STATE_VERSION}; retrain the model`,
      });
    }
    const params = resolveParams(specs, state.params, kind);
    const nFeatures = positiveInt(state.data.nFeatures, 'nFeatures');
    const nClasses = positiveInt(state.data.nClasses, 'nClasses');
    const oob = state.data.oobScore;
    const oobScore = oob === null || oob === undefined ? null : stateNumber(oob, 'oobScore');
    const trees = decodeTrees(state.data.trees, nFeatures, nClasses);
    if (trees.length === 0) throw badInput(`${kind} state holds no trees`);
    return new TreeEnsembleClassifier(kind, params, nFeatures, nClasses, trees, oobScore);
  }
}

function positiveInt(v: SerializedValue | undefined, where: string): number {
  const n = stateNumber(v, where);
  if (!Number.isInteger(n) || n < 1)
    throw badInput(`model state: ${where} is not a positive integer`);
  return n;
}

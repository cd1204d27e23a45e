/**
 * Isolation forest (Liu, Ting & Zhou 2008) as an anomaly detector: trees grown on sub-samples
 * of the normal training rows isolate unusual rows in few splits. The anomaly score of a row
 * is s = 2^(−E[h(x)] / c(ψ)) in [0, 1] (eq. 2), E[h] its mean path length over the trees and
 * ψ the sub-sample size; rows scoring at or above the threshold that flags `targetFpr` of the
 * training rows are attacks (ml/anomaly.ts).
 */
import { badInput } from '../../core/errors.js';
import { selectRows, type Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { calibratedProba, thresholdForFpr, type AnomalyDetector } from '../anomaly.js';
import { checkFitInput, checkPredictInput, stateParams } from '../model-checks.js';
import type { Estimator, FitOptions, ModelSpec, ModelState } from '../model.js';
import { numParam, resolveParams, type ParamSpec, type Params } from '../params.js';
import { resolveThreads } from '../parallel/thread-count.js';
import type { WorkerPool } from '../parallel/worker-pool.js';
import { stateNumber } from '../serialize.js';
import { compileForest, type CompiledForest } from './compiled-forest.js';
import { ForestRunner } from './forest-runner.js';
import { averagePathLength, IsolationGrower } from './isolation-tree.js';
import { forestRawOutputParallel, prepareForServing } from './parallel-predict.js';
import type { FlatTree } from './tree.js';
import type { TreeExplainable, TreeModelView } from './tree-model-view.js';
import { openTreePool } from './tree-pool.js';
import { decodeTrees, encodeTrees } from './tree-state.js';

const NAME = 'isolation-forest';
const STATE_VERSION = 1;
// Training rows scored to choose the threshold: a seeded sample of this many estimates the
// (1 − targetFpr) quantile to about ±0.1 % of the rows at targetFpr = 0.01, and scoring all
// 67k normal rows of KDDTrain+ was 80 % of the fit.
const THRESHOLD_ROWS = 16_384;

const PARAMS: readonly ParamSpec[] = [
  {
    name: 'trees',
    type: 'int',
    min: 1,
    max: 10_000,
    default: 100,
    description: 'number of isolation trees',
  },
  {
    name: 'sampleSize',
    type: 'int',
    min: 2,
    max: 1_000_000,
    default: 256,
    description:
      'rows drawn (without replacement) for each tree, ψ of Liu et al. (256 in the paper)',
  },
  {
    name: 'maxDepth',
    type: 'int',
    min: 0,
    max: 64,
    default: 0,
    description: 'height limit of a tree; 0 = ⌈log₂ ψ⌉ as in the paper',
  },
  {
    name: 'targetFpr',
    type: 'float',
    min: 0,
    exclusiveMin: true,
    max: 0.5,
    default: 0.01,
    description:
      'share of the normal training rows flagged: sets the attack threshold of the score',
  },
];

/**
 * @example
 * const model = (await isolationForest().fit(xNormal, yNormal, 2, { seed: 0 })) as IsolationForestModel;
 * const scores = model.score(xTest);
 */
export class IsolationForestModel implements AnomalyDetector, TreeExplainable {
  readonly kind = NAME;
  readonly nClasses = 2;
  readonly params: Params;
  readonly nFeatures: number;
  readonly trees: readonly FlatTree[];
  /** ψ: the sub-sample size the trees were grown on. */
  readonly sampleSize: number;
  readonly threshold: number;
  readonly compiled: CompiledForest;
  /** Runs `compiled`, through generated code once it pays (forest-runner.ts). */
  readonly runner: ForestRunner;
  private readonly rowRaw = new Float64Array(1);

  constructor(
    params: Params,
    nFeatures: number,
    trees: readonly FlatTree[],
    sampleSize: number,
    threshold: number,
  ) {
    this.params = params;
    this.nFeatures = nFeatures;
    this.trees = trees;
    this.sampleSize = sampleSize;
    this.threshold = threshold;
    this.compiled = compileForest(trees, {
      nFeatures,
      nOutputs: 1,
      scale: 1 / trees.length,
      base: new Float64Array(1),
      treeOutput: null,
    });
    this.runner = new ForestRunner(this.compiled);
  }

  /** Anomaly scores in [0, 1], higher = more anomalous. */
  score(x: Matrix): Float32Array {
    checkPredictInput(NAME, x, this.nFeatures);
    const raw = new Float64Array(x.rows);
    this.runner.rawOutput(x.data, x.cols, 0, x.rows, raw);
    return this.scoresOf(raw);
  }

  /**
   * `score` on the pool's threads and this one.
   *
   * @example
   * const scores = await model.scoreParallel(x, await openTreePool(4));
   */
  async scoreParallel(x: Matrix, pool: WorkerPool | null): Promise<Float32Array> {
    checkPredictInput(NAME, x, this.nFeatures);
    return this.scoresOf(await forestRawOutputParallel(this.runner, x, pool));
  }

  /**
   * `predictProba` on the pool's threads and this one.
   *
   * @example
   * const proba = await model.predictProbaParallel(x, pool);
   */
  async predictProbaParallel(x: Matrix, pool: WorkerPool | null): Promise<Float32Array> {
    const scores = await this.scoreParallel(x, pool);
    return calibratedProba(scores, this.threshold, new Float32Array(2 * x.rows));
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    const scores = this.score(x);
    if (out !== undefined && out.length !== 2 * x.rows) {
      throw new RangeError(`predictProba: out has length ${out.length}, expected ${2 * x.rows}`);
    }
    return calibratedProba(scores, this.threshold, out ?? new Float32Array(2 * x.rows));
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
   * [normal, attack] probabilities of one row into `out`, allocating nothing.
   *
   * @example
   * model.predictRow(row, p);
   */
  predictRow(x: Float32Array, out: Float32Array): void {
    this.runner.rowOutput(x, this.rowRaw);
    // Rounded as `score` rounds, so a row and a batch agree at the threshold.
    this.rowRaw[0] = Math.fround(2 ** (-this.rowRaw[0]! / averagePathLength(this.sampleSize)));
    calibratedProba(this.rowRaw, this.threshold, out);
  }

  /** Path lengths: leaf value = depth + c(leaf size), scale 1/T (tree-model-view.ts). */
  treeView(): TreeModelView {
    return {
      nFeatures: this.nFeatures,
      nOutputs: 1,
      trees: this.trees,
      scale: 1 / this.trees.length,
      base: new Float64Array(1),
      outputSpace: 'path-length',
    };
  }

  toState(): ModelState {
    return {
      kind: NAME,
      version: STATE_VERSION,
      params: this.params,
      data: {
        nFeatures: this.nFeatures,
        sampleSize: this.sampleSize,
        threshold: this.threshold,
        trees: encodeTrees(this.trees),
      },
    };
  }

  /**
   * @example
   * const model = IsolationForestModel.fromState(state);
   */
  static fromState(state: ModelState): IsolationForestModel {
    const params = stateParams(state, NAME, STATE_VERSION, PARAMS);
    const nFeatures = stateNumber(state.data.nFeatures, 'data.nFeatures');
    const sampleSize = stateNumber(state.data.sampleSize, 'data.sampleSize');
    const threshold = stateNumber(state.data.threshold, 'data.threshold');
    if (
      !Number.isInteger(nFeatures) ||
      nFeatures < 1 ||
      !Number.isInteger(sampleSize) ||
      sampleSize < 2
    ) {
      throw badInput(
        'model state: isolation-forest has an impossible feature count or sample size',
      );
    }
    const trees = decodeTrees(state.data.trees, nFeatures, 1);
    if (trees.length === 0) throw badInput('model state: isolation-forest holds no trees');
    return new IsolationForestModel(params, nFeatures, trees, sampleSize, threshold);
  }

  private scoresOf(pathLengths: Float64Array): Float32Array {
    const c = averagePathLength(this.sampleSize);
    const out = new Float32Array(pathLengths.length);
    for (let i = 0; i < out.length; i++) out[i] = 2 ** (-pathLengths[i]! / c);
    return out;
  }
}

/**
 * Build an isolation-forest estimator. It is fitted on normal rows only (`train` keeps the
 * normal class for models whose spec says `learning: 'anomaly'`); labels are not used.
 *
 * @example
 * const model = await isolationForest({ trees: 200 }).fit(xNormal, yNormal, 2, { seed: 0, threads: 2 });
 */
export function isolationForest(params: Params = {}): Estimator {
  const p = resolveParams(PARAMS, params, NAME);
  return {
    kind: NAME,
    fit: (x, y, nClasses, options) => fitIsolationForest(p, x, y, nClasses, options),
  };
}

async function fitIsolationForest(
  p: Params,
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  options: FitOptions,
): Promise<IsolationForestModel> {
  checkFitInput(NAME, x, y, nClasses, 2);
  if (nClasses !== 2) {
    throw badInput(
      `${NAME}: predicts normal / attack, so it needs the binary task (got ${nClasses} classes)`,
      {
        hint: 'train it with --task binary',
      },
    );
  }
  const threads = resolveThreads(options.threads);
  const nTrees = numParam(p, 'trees');
  const psi = Math.min(numParam(p, 'sampleSize'), x.rows);
  const maxDepth = numParam(p, 'maxDepth') || Math.ceil(Math.log2(Math.max(psi, 2)));
  const grower = new IsolationGrower(x.cols, psi);
  const root = new Random(options.seed);
  const perm = Int32Array.from({ length: x.rows }, (_, i) => i);
  const trees: FlatTree[] = [];
  for (let t = 0; t < nTrees; t++) {
    const rng = root.fork(t);
    trees.push(grower.grow(x, drawSample(perm, psi, rng), maxDepth, rng));
    options.onProgress?.(t + 1, nTrees + 1);
  }
  const unscored = new IsolationForestModel(p, x.cols, trees, psi, 0);
  const scored =
    x.rows <= THRESHOLD_ROWS
      ? x
      : selectRows(x, drawSample(perm, THRESHOLD_ROWS, root.fork(nTrees)));
  const pool = await openTreePool(threads);
  let scores: Float32Array;
  try {
    scores = await unscored.scoreParallel(scored, pool);
  } finally {
    await pool?.close();
  }
  options.onProgress?.(nTrees + 1, nTrees + 1);
  const threshold = thresholdForFpr(scores, numParam(p, 'targetFpr'));
  return new IsolationForestModel(p, x.cols, trees, psi, threshold);
}

/**
 * `m` distinct rows, ascending: a partial Fisher–Yates shuffle of `perm` (a permutation of all
 * rows, left permuted for the next draw), O(m) rather than a pass over every row.
 */
function drawSample(perm: Int32Array, m: number, rng: Random): Int32Array {
  const n = perm.length;
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm.slice(0, m).sort();
}

/**
 * The isolation-forest model family: an anomaly detector trained on normal rows.
 *
 * @example
 * const model = await ISOLATION_FOREST.create({}).fit(xNormal, yNormal, 2, { seed: 0 });
 */
export const ISOLATION_FOREST: ModelSpec = {
  name: NAME,
  description:
    'Isolation forest (Liu et al. 2008): anomaly score in [0, 1] from path lengths, trained on normal rows, threshold at a target false-positive rate',
  params: PARAMS,
  input: 'raw',
  learning: 'anomaly',
  create: isolationForest,
  fromState: (state) => IsolationForestModel.fromState(state),
};

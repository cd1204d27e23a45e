/**
 * k-nearest-neighbour classification, as scikit-learn's `KNeighborsClassifier` (Euclidean,
 * brute-force results): the model is the training data, indexed for exact pruned search
 * (`neighbor-search.ts`). Votes are uniform or weighted by 1/distance; a query at distance 0
 * from some training rows takes its vote from those rows only, as in scikit-learn.
 */
import { badInput } from '../../core/errors.js';
import type { FeatureMatrix, Matrix, OneHotBlock } from '../../core/matrix.js';
import type { Classifier, Estimator, FitOptions, ModelSpec, ModelState } from '../model.js';
import { numParam, resolveParams, strParam, type ParamSpec, type Params } from '../params.js';
import { decodeTyped, encodeTyped } from '../serialize.js';
import {
  checkArray,
  checkFinite,
  checkFitInput,
  checkPredictInput,
  predictOutput,
  stateInt,
  stateParams,
} from '../model-checks.js';
import { buildClusterIndex, type ClusterIndex } from './cluster-index.js';
import { NeighborSearch } from './neighbor-search.js';
import { oneHotFromState, oneHotToState } from './onehot-state.js';

const KIND = 'knn';
const STATE_VERSION = 1;

export const KNN_PARAMS: readonly ParamSpec[] = [
  {
    name: 'k',
    type: 'int',
    default: 5,
    min: 1,
    description: 'number of neighbours that vote (1 ≤ k ≤ training rows)',
  },
  {
    name: 'weights',
    type: 'enum',
    default: 'uniform',
    values: ['uniform', 'distance'],
    description: 'uniform: one vote per neighbour; distance: votes weighted by 1/distance',
  },
];

/** Neighbours of a batch: rows × k original training-row indices and distances, nearest first. */
export interface Neighbors {
  readonly k: number;
  readonly indices: Int32Array;
  readonly distances: Float64Array;
}

/** A fitted model: the training rows, their labels and the search index over them. */
export class KnnModel implements Classifier {
  readonly kind = KIND;
  readonly nFeatures: number;
  private readonly index: ClusterIndex;

  /**
   * @param train the training rows (kept: the model is the data), with their one-hot blocks
   * @param seed seeds the index's k-means partition (speed only; results do not depend on it)
   */
  constructor(
    readonly params: Params,
    readonly train: FeatureMatrix,
    readonly labels: Int32Array,
    readonly nClasses: number,
    readonly seed: number,
  ) {
    this.nFeatures = train.cols;
    this.index = buildClusterIndex(train, seed);
  }

  /**
   * The k nearest training rows of each row of `x` (scikit-learn's `kneighbors`).
   *
   * @example
   * const { indices, distances } = model.kneighbors(x); // x.rows × k each
   */
  kneighbors(x: Matrix, k = numParam(this.params, 'k')): Neighbors {
    checkPredictInput(KIND, x, this.nFeatures);
    checkFinite(KIND, x, 'rows to predict:');
    if (!Number.isInteger(k) || k < 1 || k > this.train.rows) {
      throw badInput(`${KIND}: k=${k} must be a whole number in 1…${this.train.rows}`);
    }
    const indices = new Int32Array(x.rows * k);
    const distances = new Float64Array(x.rows * k);
    const search = new NeighborSearch(this.index, k);
    for (let i = 0; i < x.rows; i++) search.search(x.data, i, indices, distances, i * k);
    for (let j = 0; j < distances.length; j++) distances[j] = Math.sqrt(distances[j]!);
    return { k, indices, distances };
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    const proba = predictOutput(KIND, x, this.nFeatures, this.nClasses, out);
    checkFinite(KIND, x, 'rows to predict:');
    const k = numParam(this.params, 'k');
    const byDistance = strParam(this.params, 'weights') === 'distance';
    const K = this.nClasses;
    const ids = new Int32Array(k);
    const d2 = new Float64Array(k);
    const votes = new Float64Array(K);
    const search = new NeighborSearch(this.index, k);
    for (let i = 0; i < x.rows; i++) {
      search.search(x.data, i, ids, d2, 0);
      votes.fill(0);
      // Distance weights 1/d; exact matches (d = 0) outvote everything else, as in scikit-learn.
      const exact = byDistance && d2[0] === 0;
      for (let j = 0; j < k; j++) {
        const w = !byDistance ? 1 : exact ? (d2[j] === 0 ? 1 : 0) : 1 / Math.sqrt(d2[j]!);
        const label = this.labels[ids[j]!]!;
        votes[label] = votes[label]! + w;
      }
      let total = 0;
      for (let c = 0; c < K; c++) total += votes[c]!;
      for (let c = 0; c < K; c++) proba[i * K + c] = votes[c]! / total;
    }
    return proba;
  }

  toState(): ModelState {
    return {
      kind: KIND,
      version: STATE_VERSION,
      params: { ...this.params },
      data: {
        rows: this.train.rows,
        nFeatures: this.nFeatures,
        nClasses: this.nClasses,
        seed: this.seed,
        names: [...this.train.names],
        oneHot: oneHotToState(this.train.oneHot ?? []),
        x: encodeTyped(this.train.data),
        y: encodeTyped(this.labels),
      },
    };
  }
}

class KnnEstimator implements Estimator {
  readonly kind = KIND;
  constructor(private readonly params: Params) {}

  fit(x: FeatureMatrix, y: Int32Array, nClasses: number, options: FitOptions): Classifier {
    checkFitInput(KIND, x, y, nClasses);
    checkFinite(KIND, x, 'training');
    const k = numParam(this.params, 'k');
    if (k > x.rows) {
      throw badInput(`${KIND}: k=${k} is larger than the ${x.rows} training rows`, {
        hint: `use --param k=${x.rows} or fewer, or train on more rows`,
      });
    }
    // Copies: the caller may reuse its buffers, and the model is the data.
    const train: FeatureMatrix = {
      rows: x.rows,
      cols: x.cols,
      data: x.data.slice(),
      names: [...x.names],
      ...(x.oneHot ? { oneHot: x.oneHot.map((b): OneHotBlock => ({ ...b })) } : {}),
    };
    const model = new KnnModel(this.params, train, y.slice(), nClasses, options.seed >>> 0);
    options.onProgress?.(1, 1);
    return model;
  }
}

function fromState(state: ModelState): KnnModel {
  const params = stateParams(state, KIND, STATE_VERSION, KNN_PARAMS);
  const rows = stateInt(state.data['rows'], 'data.rows', 1);
  const cols = stateInt(state.data['nFeatures'], 'data.nFeatures', 1);
  const nClasses = stateInt(state.data['nClasses'], 'data.nClasses', 1);
  const seed = stateInt(state.data['seed'], 'data.seed', 0);
  const names = state.data['names'];
  if (
    !Array.isArray(names) ||
    names.length !== cols ||
    !names.every((s) => typeof s === 'string')
  ) {
    throw badInput(`model state: data.names is not a list of ${cols} column names`);
  }
  const data = decodeTyped(state.data['x'], 'f32', 'data.x');
  checkArray(data, rows * cols, 'data.x');
  const labels = decodeTyped(state.data['y'], 'i32', 'data.y');
  if (labels.length !== rows || labels.some((c) => c < 0 || c >= nClasses)) {
    throw badInput(`model state: data.y is not ${rows} labels in 0…${nClasses - 1}`);
  }
  if (numParam(params, 'k') > rows) {
    throw badInput(`model state: k=${numParam(params, 'k')} exceeds the ${rows} stored rows`);
  }
  const oneHot = oneHotFromState(state.data['oneHot'], cols);
  const train: FeatureMatrix = { rows, cols, data, names: names as string[], oneHot };
  return new KnnModel(params, train, labels, nClasses, seed);
}

/**
 * The `knn` model family.
 *
 * @example
 * const model = KNN.create({ k: 3 }).fit(x, y, 2, { seed: 0 });
 * const proba = model.predictProba(xTest);
 */
export const KNN: ModelSpec = {
  name: KIND,
  description:
    'k-nearest neighbours (Euclidean, exact; like scikit-learn KNeighborsClassifier), one-hot aware and indexed for speed.',
  params: KNN_PARAMS,
  input: 'scaled',
  create: (params) => new KnnEstimator(resolveParams(KNN_PARAMS, params, KIND)),
  fromState,
};

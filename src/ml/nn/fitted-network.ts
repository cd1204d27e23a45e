/**
 * What the MLP and the autoencoder share: fitting a dense network on a matrix (input checks,
 * seeded start, the early-stopping split, the wasm backend, the training loop) and the fitted
 * network's parameters, history and prepared inference weights.
 */
import type { Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { checkFinite } from '../model-checks.js';
import type { FitOptions } from '../model.js';
import type { Params } from '../params.js';
import { loadTf } from './backend.js';
import type { RowSet } from './batches.js';
import { prepareNet, type PreparedNet } from './dense-forward.js';
import { DenseNet } from './dense-net.js';
import { activationOf, streamSeed, validationSplit } from './nn-params.js';
import type { TrainingHistory } from './nn-state.js';
import { trainDense, type TrainingSettings } from './train-loop.js';

/** A fitted network: parameters, how training went, and weights laid out for inference. */
export abstract class FittedNetwork {
  protected readonly prepared: PreparedNet;

  constructor(
    readonly params: Params,
    readonly net: DenseNet,
    readonly theta: Float32Array,
    readonly history: TrainingHistory,
  ) {
    this.prepared = prepareNet(net, theta);
  }

  get nFeatures(): number {
    return this.net.inputs;
  }
}

/** One network fit. */
export interface NetworkFit {
  readonly kind: string;
  readonly params: Params;
  readonly settings: TrainingSettings;
  /** Units per layer, input first. */
  readonly sizes: readonly number[];
  readonly x: Matrix;
  /** What the early-stopping split is stratified by (one value for every row: a plain split). */
  readonly strata: Int32Array;
  /** Classes to learn with softmax cross-entropy; absent: reconstruct `x` (squared error). */
  readonly labels?: Int32Array;
  readonly classWeights?: Float64Array;
}

/**
 * Fit a network: Glorot start from stream 1 of the seed, the validation split from stream 2,
 * shuffling from stream 3 (`streamSeed`).
 *
 * @example
 * const { net, theta, history } = await fitNetwork({ kind: 'mlp', params, settings,
 *   sizes: [x.cols, 64, 64, 2], x, strata: y, labels: y }, { seed: 0 });
 */
export async function fitNetwork(
  f: NetworkFit,
  options: FitOptions,
): Promise<{ net: DenseNet; theta: Float32Array; history: TrainingHistory }> {
  checkFinite(f.kind, f.x, 'training');
  const net = new DenseNet(f.sizes, activationOf(f.params));
  const theta = net.initialParams(new Random(streamSeed(options.seed, 1)));
  const { train, validation } = validationSplit(f.kind, f.strata, f.params, options.seed);
  const set = (rows: Int32Array): RowSet => ({
    x: f.x,
    rows,
    ...(f.labels ? { labels: f.labels } : {}),
    ...(f.classWeights ? { classWeights: f.classWeights } : {}),
  });
  const tf = await loadTf();
  const r = await trainDense(
    tf,
    net,
    theta,
    set(train),
    validation ? set(validation) : null,
    f.settings,
    new Random(streamSeed(options.seed, 3)),
    options.onProgress,
  );
  return { net, theta: r.theta, history: r.history };
}

/**
 * Histogram gradient boosting (Friedman 2001; XGBoost's `hist` and LightGBM's leaf-wise
 * growth): binary log-loss or multinomial softmax, each round fitting one regression tree per
 * margin to the loss's gradients and hessians with Newton leaf values. Rows and features can
 * be subsampled per round / tree, classes weighted, and training stopped early on a held-out
 * validation share. Each round draws from its own stream `Random(seed).fork(round)`, and the
 * histogram work is split by feature group, so any thread count gives the same model.
 */
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { selectRows } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { checkFitInput } from '../model-checks.js';
import type { Estimator, FitOptions, ModelSpec } from '../model.js';
import { resolveParams, type Params } from '../params.js';
import { resolveThreads } from '../parallel/thread-count.js';
import { fitAndBinMatrix } from './binning.js';
import { BoostGrower, histogramBuffers } from './boost-grower.js';
import { stratifiedHoldout } from './boost-holdout.js';
import { BOOST_KIND, BoostedTreesClassifier } from './boost-model.js';
import { balancedWeights, baseMargins, meanLogLoss } from './boost-objective.js';
import { BOOST_PARAMS, boostSettings, type BoostSettings } from './boost-params.js';
import { BoostSteps } from './boost-steps.js';
import { createBoostWorkspace, OP_GRADIENTS, OP_MARGINS, OP_PROBA } from './boost-workspace.js';
import { bundleFeatures } from './feature-groups.js';
import { groupLayout } from './group-layout.js';
import { leafIndex, type FlatTree } from './tree.js';
import { openTreePool } from './tree-pool.js';

// Histogram buffers beyond this are a sign of a parameter mistake (thousands of leaves on
// wide data), not a model anyone needs.
const MAX_HISTOGRAM_BYTES = 2 ** 30;
// Early stopping counts a round as better when it lowers the loss by more than this
// (scikit-learn's tol).
const LOSS_TOLERANCE = 1e-7;

/**
 * Build a gradient-boosting estimator from (partial) parameters.
 *
 * @example
 * const model = await gradientBoosting({ trees: 200, maxDepth: 6, maxLeaves: 0 })
 *   .fit(x, y, 2, { seed: 0, threads: 2 });
 */
export function gradientBoosting(params: Params = {}): Estimator {
  const p = resolveParams(BOOST_PARAMS, params, BOOST_KIND);
  const settings = boostSettings(p);
  return {
    kind: BOOST_KIND,
    fit: (x, y, nClasses, options) => fitBoosting(p, settings, x, y, nClasses, options),
  };
}

async function fitBoosting(
  params: Params,
  s: BoostSettings,
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  options: FitOptions,
): Promise<BoostedTreesClassifier> {
  checkFitInput(BOOST_KIND, x, y, nClasses);
  if (nClasses < 2) {
    throw badInput(`${BOOST_KIND}: needs at least two classes, got ${nClasses}`);
  }
  const threads = resolveThreads(options.threads);
  const root = new Random(options.seed);
  let trainX = x;
  let trainY = y;
  let valid: { x: Matrix; y: Int32Array } | null = null;
  if (s.patience > 0) {
    const split = stratifiedHoldout(y, nClasses, s.validationFraction, root.fork(0x7fffffff));
    trainX = selectRows(x, split.train);
    trainY = Int32Array.from(split.train, (i) => y[i]!);
    valid = { x: selectRows(x, split.valid), y: Int32Array.from(split.valid, (i) => y[i]!) };
  }
  const { mapper, binned } = fitAndBinMatrix(trainX, { seed: options.seed, maxBins: s.maxBins });
  const pool = await openTreePool(threads);
  const used = pool === null ? 1 : pool.size + 1;
  const { groups, codes } = bundleFeatures(mapper, binned);
  const layout = groupLayout(groups, codes, trainX.rows, used > 1);
  const stride = s.tree.minSamplesLeaf > 1 ? 3 : 2;
  const nBuffers = histogramBuffers(s.tree);
  const histBytes = nBuffers * groups.groupSlot[groups.nGroups]! * stride * 8;
  if (histBytes > MAX_HISTOGRAM_BYTES) {
    await pool?.close();
    throw badInput(
      `${BOOST_KIND}: ${nBuffers} histogram buffers would take ${Math.round(histBytes / 2 ** 20)} MB`,
      { hint: 'lower maxLeaves (or maxDepth when maxLeaves=0) or maxBins' },
    );
  }
  const rules = {
    l2: s.tree.l2,
    minChildWeight: s.tree.minChildWeight,
    minSamplesLeaf: s.tree.minSamplesLeaf,
    stride,
  };
  const K = nClasses === 2 ? 1 : nClasses;
  const weights = s.balanced ? balancedWeights(trainY, nClasses) : null;
  const { maxLeaves, maxDepth } = s.tree;
  const leaves = Math.min(trainX.rows, maxLeaves > 0 ? maxLeaves : 2 ** Math.min(30, maxDepth));
  const loss = { K, y: trainY, weights };
  const ws = createBoostWorkspace(layout, mapper.nBins, rules, loss, leaves, nBuffers, used);
  const steps = new BoostSteps(ws, pool);
  steps.start();
  try {
    const grower = new BoostGrower(steps, mapper, binned, s.tree);
    return boost(params, s, grower, steps, trainX, nClasses, valid, root, options);
  } finally {
    await steps.finish();
    await pool?.close();
  }
}

function boost(
  params: Params,
  s: BoostSettings,
  grower: BoostGrower,
  steps: BoostSteps,
  x: Matrix,
  nClasses: number,
  valid: { x: Matrix; y: Int32Array } | null,
  root: Random,
  options: FitOptions,
): BoostedTreesClassifier {
  const ws = steps.ws;
  const { K, margins, weights } = ws;
  const n = x.rows;
  const base = baseMargins(ws.y, nClasses, weights);
  for (let i = 0; i < n; i++) margins.set(base, i * K);
  const validMargins = valid === null ? null : new Float64Array(valid.y.length * K);
  if (validMargins !== null)
    for (let i = 0; i < validMargins.length; i += K) validMargins.set(base, i);
  const sample = new Int32Array(n);
  const inSample = new Uint8Array(n);
  const trees: FlatTree[] = [];
  let bestLoss = Infinity;
  let bestRound = -1;
  for (let round = 0; round < s.rounds; round++) {
    const rng = root.fork(round);
    const m = drawRows(sample, inSample, s.subsample, rng);
    steps.run(OP_PROBA, [], n);
    for (let k = 0; k < K; k++) {
      steps.run(OP_GRADIENTS, [k], n);
      drawFeatures(ws.active, s.colsample, rng);
      ws.rows.set(sample.subarray(0, m));
      const grown = grower.grow(m, weights);
      trees.push(grown.tree);
      ws.leafStart.set(grown.leafStart);
      ws.leafEnd.set(grown.leafEnd);
      ws.leafValue.set(grown.leafValue);
      steps.run(OP_MARGINS, [k, grown.nLeaves], m);
      if (m < n) addTreeOutside(grown.tree, x, inSample, margins, K, k);
      if (validMargins !== null) addTree(grown.tree, valid!.x, validMargins, K, k);
    }
    options.onProgress?.(round + 1, s.rounds);
    if (validMargins === null) continue;
    const loss = meanLogLoss(validMargins, valid!.y, K);
    if (loss < bestLoss - LOSS_TOLERANCE) {
      bestLoss = loss;
      bestRound = round;
    } else if (round - bestRound >= s.patience) {
      break;
    }
  }
  if (validMargins !== null) trees.length = (bestRound + 1) * K;
  return new BoostedTreesClassifier(
    params,
    x.cols,
    nClasses,
    trees,
    base,
    validMargins === null ? null : bestLoss,
  );
}

/** This round's rows, ascending, into `sample`; returns how many. All rows when `share` is 1. */
function drawRows(sample: Int32Array, inSample: Uint8Array, share: number, rng: Random): number {
  const n = sample.length;
  if (share >= 1) {
    for (let i = 0; i < n; i++) sample[i] = i;
    return n;
  }
  const m = Math.max(1, Math.round(share * n));
  // Selection sampling (Knuth's algorithm S): ascending, exactly m rows, one pass.
  inSample.fill(0);
  let chosen = 0;
  for (let i = 0; i < n && chosen < m; i++) {
    if (rng.next() * (n - i) < m - chosen) {
      sample[chosen++] = i;
      inSample[i] = 1;
    }
  }
  return m;
}

/** Mark `round(share · d)` features (at least one) active for the next tree. */
function drawFeatures(active: Uint8Array, share: number, rng: Random): void {
  const d = active.length;
  if (share >= 1) {
    active.fill(1);
    return;
  }
  const k = Math.max(1, Math.round(share * d));
  active.fill(0);
  let chosen = 0;
  for (let f = 0; f < d && chosen < k; f++) {
    if (rng.next() * (d - f) < k - chosen) {
      active[f] = 1;
      chosen++;
    }
  }
}

/** Add `tree`'s values to the margins of the rows outside this round's sample. */
function addTreeOutside(
  tree: FlatTree,
  x: Matrix,
  inSample: Uint8Array,
  margins: Float64Array,
  K: number,
  k: number,
): void {
  for (let i = 0; i < x.rows; i++) {
    if (inSample[i] === 1) continue;
    margins[i * K + k]! += tree.value[leafIndex(tree, x.data, i * x.cols)]!;
  }
}

function addTree(tree: FlatTree, x: Matrix, margins: Float64Array, K: number, k: number): void {
  for (let i = 0; i < x.rows; i++) {
    margins[i * K + k]! += tree.value[leafIndex(tree, x.data, i * x.cols)]!;
  }
}

/**
 * The gradient-boosting model family.
 *
 * @example
 * const model = await GRADIENT_BOOSTING.create({ trees: 50 }).fit(x, y, 5, { seed: 0 });
 * const again = GRADIENT_BOOSTING.fromState(model.toState());
 */
export const GRADIENT_BOOSTING: ModelSpec = {
  name: BOOST_KIND,
  description:
    'Histogram gradient boosting: log-loss / softmax, leaf-wise trees on binned features, learned missing-value direction, multi-core',
  params: BOOST_PARAMS,
  input: 'raw',
  create: gradientBoosting,
  fromState: (state) => BoostedTreesClassifier.fromState(state),
};

/**
 * Barnes–Hut t-SNE to two dimensions (van der Maaten & Hinton, JMLR 2008; van der Maaten,
 * JMLR 2014) with scikit-learn 1.2's `TSNE` defaults: perplexity 30, PCA initialisation scaled to
 * a standard deviation of 1e-4, early exaggeration 12 for 250 iterations at momentum 0.5, then
 * momentum 0.8 up to 1,000 iterations, learning rate max(n / 12 / 4, 50), per-coordinate gains
 * (+0.2 / ×0.8, ≥ 0.01), θ = 0.5, a progress check every 50 iterations (stop after 300 without
 * progress or when ‖∇‖ ≤ 1e-7).
 */
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { checkFinite } from '../model-checks.js';
import { QuadTree } from './barnes-hut.js';
import { fitPca } from './pca.js';
import { affinities, type SparseAffinities } from './tsne-affinities.js';

/** Default largest input: beyond it the exact neighbour search (O(n²)) dominates. */
export const TSNE_MAX_ROWS = 5_000;

export interface TsneOptions {
  readonly perplexity?: number;
  readonly iterations?: number;
  /** Barnes–Hut accuracy: smaller is more exact and slower. */
  readonly theta?: number;
  readonly maxRows?: number;
  /** Called every 50 iterations with iterations done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface TsneResult {
  /** rows × 2, row-major. */
  readonly embedding: Float64Array;
  /** KL(P ‖ Q) at the end, with Q from the Barnes–Hut approximation of Z. */
  readonly klDivergence: number;
  readonly iterations: number;
}

const EXAGGERATION = 12;
const EXPLORATION_ITERATIONS = 250;
const CHECK_EVERY = 50;

/**
 * Embed the rows of `x` in 2-D. Deterministic: the start is PCA, not random.
 *
 * @example
 * const { embedding } = tsne(x, { perplexity: 30 });
 */
export function tsne(x: Matrix, options: TsneOptions = {}): TsneResult {
  const n = x.rows;
  const perplexity = options.perplexity ?? 30;
  const total = options.iterations ?? 1000;
  const theta = options.theta ?? 0.5;
  const maxRows = options.maxRows ?? TSNE_MAX_ROWS;
  if (n > maxRows) {
    throw badInput(
      `t-SNE of ${n.toLocaleString('en-US')} rows: the limit is ${maxRows.toLocaleString('en-US')} (its neighbour search is O(n²))`,
      { hint: `embed a seeded sample (--sample ${maxRows})` },
    );
  }
  if (!(perplexity > 0) || perplexity >= n) {
    throw badInput(`t-SNE: perplexity must be > 0 and below the row count ${n}, got ${perplexity}`);
  }
  if (!Number.isInteger(total) || total < EXPLORATION_ITERATIONS) {
    throw badInput(`t-SNE: iterations must be a whole number ≥ ${EXPLORATION_ITERATIONS}`);
  }
  if (!(theta >= 0 && theta <= 1)) throw badInput(`t-SNE: theta must be in [0, 1], got ${theta}`);
  checkFinite('t-SNE', x, 'input');
  const p = affinities(x, perplexity);
  const y = initialEmbedding(x);
  const state: Descent = {
    p,
    y,
    update: new Float64Array(2 * n),
    gains: new Float64Array(2 * n),
    grad: new Float64Array(2 * n),
    tree: new QuadTree(),
    rate: Math.max(n / EXAGGERATION / 4, 50),
    thetaSquared: theta * theta,
  };
  for (let e = 0; e < p.values.length; e++) p.values[e] = p.values[e]! * EXAGGERATION;
  let it = descend(state, 0, EXPLORATION_ITERATIONS, 0.5, EXPLORATION_ITERATIONS, options, total);
  for (let e = 0; e < p.values.length; e++) p.values[e] = p.values[e]! / EXAGGERATION;
  it = descend(state, it, total, 0.8, 300, options, total);
  return { embedding: y, klDivergence: gradient(state, true), iterations: it };
}

/** PCA to 2-D, scaled so that the first coordinate's standard deviation is 1e-4. */
function initialEmbedding(x: Matrix): Float64Array {
  const scores = fitPca(x, { components: Math.min(2, x.cols) }).transform(x);
  const n = x.rows;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += scores.data[i * scores.cols]!;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (scores.data[i * scores.cols]! - mean) ** 2;
  const sd = Math.sqrt(v / n);
  const scale = sd > 0 ? 1e-4 / sd : 1;
  const y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < scores.cols; c++) y[2 * i + c] = scores.data[i * scores.cols + c]! * scale;
  }
  return y;
}

interface Descent {
  readonly p: SparseAffinities;
  readonly y: Float64Array;
  readonly update: Float64Array;
  readonly gains: Float64Array;
  readonly grad: Float64Array;
  readonly tree: QuadTree;
  readonly rate: number;
  readonly thetaSquared: number;
}

/**
 * scikit-learn's `_gradient_descent` from iteration `it` to `end` (exclusive); returns the
 * last iteration run. Updates and gains restart at each stage, as there.
 */
function descend(
  s: Descent,
  it: number,
  end: number,
  momentum: number,
  patience: number,
  options: TsneOptions,
  total: number,
): number {
  s.update.fill(0);
  s.gains.fill(1);
  let bestError = Infinity;
  let bestIter = it;
  let i = it;
  for (; i < end; i++) {
    const check = (i + 1) % CHECK_EVERY === 0;
    const error = gradient(s, check || i === end - 1);
    const { grad, update, gains, y } = s;
    let norm = 0;
    for (let j = 0; j < y.length; j++) {
      const g = grad[j]!;
      const gain = update[j]! * g < 0 ? gains[j]! + 0.2 : gains[j]! * 0.8;
      gains[j] = Math.max(gain, 0.01);
      const gg = g * gains[j]!;
      norm += gg * gg;
      update[j] = momentum * update[j]! - s.rate * gg;
      y[j] = y[j]! + update[j]!;
    }
    if (check) {
      options.onProgress?.(i + 1, total);
      if (error < bestError) {
        bestError = error;
        bestIter = i;
      } else if (i - bestIter > patience) break;
      if (Math.sqrt(norm) <= 1e-7) break;
    }
  }
  return Math.min(i, end - 1) + 1;
}

/**
 * The KL gradient into s.grad: 4·(attraction − repulsion / Z) with q = 1/(1 + d²). Returns
 * KL(P ‖ Q) when asked (else 0).
 */
function gradient(s: Descent, withError: boolean): number {
  const { p, y, grad, tree } = s;
  const n = p.n;
  grad.fill(0);
  tree.build(y, n);
  const z = tree.repulsion(y, s.thetaSquared, grad);
  const invZ = 1 / z;
  for (let j = 0; j < grad.length; j++) grad[j] = -grad[j]! * invZ;
  let kl = 0;
  for (let i = 0; i < n; i++) {
    const yx = y[2 * i]!;
    const yy = y[2 * i + 1]!;
    let fx = 0;
    let fy = 0;
    for (let e = p.rowStart[i]!; e < p.rowStart[i + 1]!; e++) {
      const j = p.cols[e]!;
      const dx = yx - y[2 * j]!;
      const dy = yy - y[2 * j + 1]!;
      const q = 1 / (1 + dx * dx + dy * dy);
      const pij = p.values[e]!;
      fx += pij * q * dx;
      fy += pij * q * dy;
      if (withError) {
        kl += pij * Math.log(Math.max(pij, Number.EPSILON) / Math.max(q * invZ, Number.EPSILON));
      }
    }
    grad[2 * i] = 4 * (grad[2 * i]! + fx);
    grad[2 * i + 1] = 4 * (grad[2 * i + 1]! + fy);
  }
  return kl;
}

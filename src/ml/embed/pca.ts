/**
 * Principal component analysis: the eigen-decomposition (ml-matrix, symmetric QL) of the
 * covariance matrix, accumulated in float64 over the centred rows — O(n·d²) time and O(d²)
 * memory, one pass, instead of an SVD of the n × d data. Explained variances are the eigenvalues
 * (divisor n − 1) and their ratios are over the total variance (the trace), as scikit-learn's
 * `PCA` reports them.
 *
 * Sign convention (an eigenvector's sign is arbitrary): scikit-learn 1.2's `svd_flip` with its
 * default `u_based_decision`, i.e. each component is oriented so that the training row with the
 * largest absolute score on it scores positive. Same data, same signs as scikit-learn.
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { checkFinite } from '../model-checks.js';
import { decodeTyped, encodeTyped, stateNumber, type SerializedValue } from '../serialize.js';

export interface PcaOptions {
  /** Components to keep (1 … columns). */
  readonly components: number;
  /** Divide each score by the component's standard deviation (unit variance outputs). */
  readonly whiten?: boolean;
}

/** A fitted PCA: centre, rotate and (optionally) whiten rows. */
export class FittedPca {
  constructor(
    readonly nFeatures: number,
    readonly components: number,
    /** Column means of the training rows. */
    readonly mean: Float64Array,
    /** components × nFeatures, row-major, unit-length rows. */
    readonly axes: Float64Array,
    /** Variance along each kept component (eigenvalue, divisor n − 1). */
    readonly explainedVariance: Float64Array,
    /** Each kept component's share of the total variance. */
    readonly explainedVarianceRatio: Float64Array,
    readonly whiten: boolean,
  ) {}

  /**
   * Scores of each row on the components: rows × components.
   *
   * @example
   * const xy = pca.transform(x); // x.rows × 2 for a 2-component PCA
   */
  transform(x: Matrix): Matrix {
    if (x.cols !== this.nFeatures) {
      throw badInput(`PCA: fitted on ${this.nFeatures} columns, got ${x.cols}`, {
        hint: 'transform rows with the same feature pipeline as the fitted ones',
      });
    }
    const { rows, cols: d, data } = x;
    const k = this.components;
    const out = new Float32Array(rows * k);
    const centred = new Float64Array(d);
    const factor = new Float64Array(k).map((_, c) =>
      this.whiten ? 1 / Math.sqrt(Math.max(this.explainedVariance[c]!, Number.MIN_VALUE)) : 1,
    );
    for (let i = 0; i < rows; i++) {
      for (let t = 0; t < d; t++) centred[t] = data[i * d + t]! - this.mean[t]!;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += centred[t]! * this.axes[c * d + t]!;
        out[i * k + c] = s * factor[c]!;
      }
    }
    return { rows, cols: k, data: out };
  }

  /**
   * Points of the component space back in the input space: mean + Σ score · axis (scikit-learn's
   * `inverse_transform`). With fewer components than columns this is the projection of the
   * original rows onto the kept components, e.g. a grid over PC1 × PC2 for decision regions.
   *
   * @example
   * const rows = pca.inverseTransform({ rows: 1, cols: 2, data: Float32Array.of(1.5, -0.2) });
   */
  inverseTransform(z: Matrix): Matrix {
    if (z.cols !== this.components) {
      throw badInput(`PCA: ${this.components} components, got ${z.cols} scores per row`);
    }
    const d = this.nFeatures;
    const k = this.components;
    const out = new Float32Array(z.rows * d);
    const row = new Float64Array(d);
    for (let i = 0; i < z.rows; i++) {
      row.set(this.mean);
      for (let c = 0; c < k; c++) {
        const sd = this.whiten ? Math.sqrt(this.explainedVariance[c]!) : 1;
        const s = z.data[i * k + c]! * sd;
        for (let t = 0; t < d; t++) row[t] = row[t]! + s * this.axes[c * d + t]!;
      }
      for (let t = 0; t < d; t++) out[i * d + t] = row[t]!;
    }
    return { rows: z.rows, cols: d, data: out };
  }

  /** JSON-serialisable state; `FittedPca.fromState` restores it bit for bit. */
  toState(): { readonly [key: string]: SerializedValue } {
    return {
      kind: 'pca',
      version: 1,
      nFeatures: this.nFeatures,
      components: this.components,
      whiten: this.whiten,
      mean: encodeTyped(this.mean),
      axes: encodeTyped(this.axes),
      explainedVariance: encodeTyped(this.explainedVariance),
      explainedVarianceRatio: encodeTyped(this.explainedVarianceRatio),
    };
  }

  /**
   * Restore a state written by `toState` (after a JSON round trip).
   *
   * @example
   * const pca = FittedPca.fromState(JSON.parse(text));
   */
  static fromState(s: { readonly [key: string]: SerializedValue }): FittedPca {
    if (s['kind'] !== 'pca' || s['version'] !== 1) {
      throw badInput('PCA state: not a version 1 PCA state');
    }
    const d = stateNumber(s['nFeatures'], 'nFeatures');
    const k = stateNumber(s['components'], 'components');
    const mean = decodeTyped(s['mean'], 'f64', 'mean');
    const axes = decodeTyped(s['axes'], 'f64', 'axes');
    const ev = decodeTyped(s['explainedVariance'], 'f64', 'explainedVariance');
    const ratio = decodeTyped(s['explainedVarianceRatio'], 'f64', 'explainedVarianceRatio');
    if (mean.length !== d || axes.length !== k * d || ev.length !== k || ratio.length !== k) {
      throw badInput('PCA state: array lengths do not match nFeatures and components');
    }
    return new FittedPca(d, k, mean, axes, ev, ratio, s['whiten'] === true);
  }
}

/**
 * Fit a PCA on the rows of `x`.
 *
 * @example
 * const pca = fitPca(x, { components: 2 });
 * pca.explainedVarianceRatio; // [PC1 share, PC2 share]
 */
export function fitPca(x: Matrix, options: PcaOptions): FittedPca {
  const { rows: n, cols: d, data } = x;
  const k = options.components;
  if (!Number.isInteger(k) || k < 1 || k > d) {
    throw badInput(`PCA: components must be a whole number from 1 to ${d}, got ${k}`);
  }
  if (n < 2) throw badInput(`PCA needs at least 2 rows, got ${n}`);
  checkFinite('PCA', x, 'input');
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] = mean[t]! + data[i * d + t]!;
  for (let t = 0; t < d; t++) mean[t] = mean[t]! / n;
  const cov = covariance(x, mean);
  const evd = new EigenvalueDecomposition(new MlMatrix(cov), { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  let total = 0;
  for (let t = 0; t < d; t++) total += cov[t]![t]!;
  const byValue = values.map((_, i) => i).sort((p, q) => values[q]! - values[p]! || p - q);
  const axes = new Float64Array(k * d);
  const ev = new Float64Array(k);
  const ratio = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const j = byValue[c]!;
    ev[c] = Math.max(values[j]!, 0);
    ratio[c] = total > 0 ? ev[c]! / total : 0;
    for (let t = 0; t < d; t++) axes[c * d + t] = vectors.get(t, j);
  }
  orientLikeScikitLearn(x, mean, axes, k);
  return new FittedPca(d, k, mean, axes, ev, ratio, options.whiten === true);
}

/** (X − μ)ᵀ(X − μ) / (n − 1) as rows of plain arrays (ml-matrix's input). */
function covariance(x: Matrix, mean: Float64Array): number[][] {
  const { rows: n, cols: d, data } = x;
  const upper = new Float64Array(d * d);
  const v = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) v[t] = data[i * d + t]! - mean[t]!;
    for (let a = 0; a < d; a++) {
      const va = v[a]!;
      const row = a * d;
      for (let b = a; b < d; b++) upper[row + b] = upper[row + b]! + va * v[b]!;
    }
  }
  const out: number[][] = [];
  for (let a = 0; a < d; a++) {
    const r: number[] = new Array<number>(d);
    for (let b = 0; b < d; b++) r[b] = (a <= b ? upper[a * d + b]! : upper[b * d + a]!) / (n - 1);
    out.push(r);
  }
  return out;
}

/** Flip each axis so that the row with the largest |score| (first such row) scores positive. */
function orientLikeScikitLearn(x: Matrix, mean: Float64Array, axes: Float64Array, k: number): void {
  const { rows: n, cols: d, data } = x;
  const best = new Float64Array(k);
  const bestAbs = new Float64Array(k).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (data[i * d + t]! - mean[t]!) * axes[c * d + t]!;
      if (Math.abs(s) > bestAbs[c]!) {
        bestAbs[c] = Math.abs(s);
        best[c] = s;
      }
    }
  }
  for (let c = 0; c < k; c++) {
    if (best[c]! >= 0) continue;
    for (let t = 0; t < d; t++) axes[c * d + t] = -axes[c * d + t]!;
  }
}

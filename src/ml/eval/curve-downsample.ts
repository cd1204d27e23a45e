/**
 * Thinning a curve (ROC, precision–recall) for reports: a test set of 100k rows has up to 100k
 * distinct thresholds, while a chart needs a few hundred points to look the same.
 */

/** A curve as plain arrays, ready for JSON. */
export interface CurvePoints {
  readonly x: number[];
  readonly y: number[];
}

/**
 * At most `maxPoints` points of the curve (`x[i]`, `y[i]`), evenly spaced along its length
 * (L1 path length, so steep and flat stretches are both kept), always with both ends.
 *
 * @example
 * const { fpr, tpr } = rocCurve(yTrue, scores);
 * const chart = downsampleCurve(fpr, tpr, 500);
 */
export function downsampleCurve(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints = 500,
): CurvePoints {
  const n = Math.min(x.length, y.length);
  const limit = Math.max(2, Math.floor(maxPoints));
  if (n <= limit) return { x: Array.from(x).slice(0, n), y: Array.from(y).slice(0, n) };
  const step = (i: number) => finite(Math.abs(x[i]! - x[i - 1]!) + Math.abs(y[i]! - y[i - 1]!));
  let length = 0;
  for (let i = 1; i < n; i++) length += step(i);
  // Interior points are kept once `spacing` of path has passed since the last kept one, so at
  // most limit − 2 of them are kept, plus the two ends.
  const spacing = length / (limit - 2);
  const out: CurvePoints = { x: [x[0]!], y: [y[0]!] };
  let since = 0;
  for (let i = 1; i < n - 1; i++) {
    since += step(i);
    if (spacing > 0 && since >= spacing && out.x.length < limit - 1) {
      out.x.push(x[i]!);
      out.y.push(y[i]!);
      since = 0;
    }
  }
  out.x.push(x[n - 1]!);
  out.y.push(y[n - 1]!);
  return out;
}

function finite(v: number): number {
  return Number.isFinite(v) ? v : 0;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii, "k-means++: The Advantages of Careful
 * Seeding", SODA 2007, §5; the greedy variant is scikit-learn's `_kmeans_plusplus`): each new
 * centre is the best, by the resulting potential, of 2 + ⌊ln k⌋ rows drawn with probability
 * proportional to their squared distance from the nearest centre so far. Greedy seeding gives
 * lower final inertia than plain k-means++ at the cost of a few more distance passes.
 */
import type { Matrix } from '../../core/matrix.js';
import type { Random } from '../../core/random.js';
import { squaredDistance } from './distance.js';

/**
 * k initial centres (k × d, float64) drawn from the rows of `x`.
 *
 * @example
 * const centres = kmeansPlusPlus(x, 5, new Random(0));
 */
export function kmeansPlusPlus(x: Matrix, k: number, random: Random): Float64Array {
  const { rows: n, cols: d, data } = x;
  const centres = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const candidate = new Float64Array(n);
  const best = new Float64Array(n);
  const row = new Float64Array(d);
  // Nearest centre so far of each row, and each candidate's distance to every centre: a row
  // whose nearest centre is at least twice its current distance from the candidate cannot get
  // closer to the candidate (triangle inequality), so its distance is never computed. Exact;
  // on NSL-KDD it skips most of the work once a few centres exist.
  const nearest = new Int32Array(n);
  const toCentre = new Float64Array(k);

  const setCentre = (c: number, i: number): void => {
    for (let t = 0; t < d; t++) centres[c * d + t] = data[i * d + t]!;
  };
  setCentre(0, random.int(n));
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = squaredDistance(data, i * d, centres, 0, d);
    potential += closest[i]!;
  }
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumulative[i] = acc += closest[i]!;
    let bestPotential = Infinity;
    let bestRow = 0;
    for (let trial = 0; trial < trials; trial++) {
      const i = searchSorted(cumulative, random.next() * potential);
      for (let t = 0; t < d; t++) row[t] = data[i * d + t]!;
      for (let m = 0; m < c; m++) toCentre[m] = squaredDistance(data, i * d, centres, m * d, d);
      let pot = 0;
      for (let j = 0; j < n; j++) {
        const cj = closest[j]!;
        // ‖cand − centre‖ ≥ 2‖x − centre‖ ⇒ ‖x − cand‖ ≥ ‖x − centre‖
        const v =
          toCentre[nearest[j]!]! >= 4 * cj
            ? cj
            : Math.min(cj, squaredDistance(data, j * d, row, 0, d));
        candidate[j] = v;
        pot += v;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestRow = i;
        best.set(candidate);
      }
    }
    setCentre(c, bestRow);
    for (let j = 0; j < n; j++) if (best[j]! < closest[j]!) nearest[j] = c;
    closest.set(best);
    potential = bestPotential;
  }
  return centres;
}

/** First index whose cumulative value is ≥ v (numpy's `searchsorted`, left), clipped to n − 1. */
function searchSorted(cumulative: Float64Array, v: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

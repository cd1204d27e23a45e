/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii, "k-means++: The Advantages of Careful
 * Seeding", SODA 2007, §5; the greedy variant is scikit-learn's `_kmeans_plusplus`): each new
 * centre is the best, by the resulting potential, of 2 + ⌊ln k⌋ rows drawn with probability
 * proportional to their squared distance from the nearest centre so far. Greedy seeding gives
 * lower final inertia than plain k-means++ at the cost of a few more distance passes.
 */
import type { Random } from '../../core/random.js';
import { centreTables, rowCoordinates, rowToCentre, type KMeansSpace } from './kmeans-space.js';

/**
 * k initial centres (k × d, float64, the space's internal order) drawn from its rows.
 *
 * @example
 * const centres = kmeansPlusPlus(kmeansSpace(x), 5, new Random(0));
 */
export function kmeansPlusPlus(space: KMeansSpace, k: number, random: Random): Float64Array {
  const { n, d } = space;
  const centres = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const candidate = new Float64Array(n);
  const best = new Float64Array(n);
  // Nearest centre so far of each row, and each candidate's distance to every centre: a row
  // whose nearest centre is at least twice its current distance from the candidate cannot get
  // closer to the candidate (triangle inequality), so its distance is never computed. Exact.
  const nearest = new Int32Array(n);
  const toCentre = new Float64Array(k);

  rowCoordinates(space, random.int(n), centres, 0);
  let potential = 0;
  const first = centreTables(space, centres, 1);
  for (let i = 0; i < n; i++) {
    closest[i] = rowToCentre(space, first, i, 0);
    potential += closest[i]!;
  }
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumulative[i] = acc += closest[i]!;
    const chosen = centreTables(space, centres.subarray(0, c * d), c);
    let bestPotential = Infinity;
    let bestRow = 0;
    for (let trial = 0; trial < trials; trial++) {
      const i = searchSorted(cumulative, random.next() * potential);
      for (let m = 0; m < c; m++) toCentre[m] = rowToCentre(space, chosen, i, m);
      const row = new Float64Array(d);
      rowCoordinates(space, i, row, 0);
      const cand = centreTables(space, row, 1);
      let pot = 0;
      for (let j = 0; j < n; j++) {
        const cj = closest[j]!;
        // ‖cand − centre‖ ≥ 2‖x − centre‖ ⇒ ‖x − cand‖ ≥ ‖x − centre‖
        const v =
          toCentre[nearest[j]!]! >= 4 * cj ? cj : Math.min(cj, rowToCentre(space, cand, j, 0));
        candidate[j] = v;
        pot += v;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestRow = i;
        best.set(candidate);
      }
    }
    rowCoordinates(space, bestRow, centres, c * d);
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

/**
 * "Shared infrastructure" between two objects of the intelligence graph (two campaigns, two
 * malware families, two indicators): how much their neighbour sets (IPs, domains, certificates,
 * hashes they link to) overlap, with rare neighbours counting more than hubs. A CDN address that
 * thousands of objects link to says little; a server two campaigns alone share says a lot.
 */

/** An object and the ids of its neighbours in the graph. */
export interface NeighbourSet {
  readonly id: string;
  readonly neighbours: readonly string[];
}

export interface OverlapOptions {
  /**
   * How many objects of the whole graph link to a neighbour (≥ 1). With it, a neighbour weighs
   * `1 / log2(1 + degree)` (1 for a neighbour of one object, 0.63 for two, 0.1 for 1,000),
   * after Adamic and Adar ("Friends and neighbors on the Web", 2003); without it every
   * neighbour weighs 1.
   */
  readonly degree?: (neighbourId: string) => number;
}

/** The overlap of two neighbour sets. */
export interface SharedInfrastructure {
  /** Shared neighbours with their weights, heaviest first (ties by id). */
  readonly shared: readonly { readonly id: string; readonly weight: number }[];
  /** |A ∩ B| / |A ∪ B|. */
  readonly jaccard: number;
  /** Σ_{A∩B} w / Σ_{A∪B} w: Jaccard with rare neighbours counting more (0–1). */
  readonly weightedJaccard: number;
  /** |A ∩ B| / min(|A|, |B|): 1 when one set lies inside the other. */
  readonly overlapCoefficient: number;
  /** Σ_{A∩B} w: the evidence, not normalised (grows with every shared neighbour). */
  readonly sharedWeight: number;
}

/**
 * The overlap of two neighbour sets (duplicates within a set count once).
 *
 * @example
 * sharedInfrastructure(['ip-1', 'dom-1', 'cdn'], ['ip-1', 'cdn', 'dom-9'], { degree: (id) => (id === 'cdn' ? 5000 : 2) })
 * // shared ip-1 (0.63) then cdn (0.08); jaccard 0.5, weightedJaccard ≈ 0.36
 */
export function sharedInfrastructure(
  a: readonly string[],
  b: readonly string[],
  options: OverlapOptions = {},
): SharedInfrastructure {
  const weight = (id: string) => {
    const d = options.degree?.(id);
    return d === undefined ? 1 : 1 / Math.log2(1 + Math.max(1, d));
  };
  const setA = new Set(a);
  const setB = new Set(b);
  const shared: { id: string; weight: number }[] = [];
  let unionWeight = 0;
  for (const id of setA) {
    const w = weight(id);
    unionWeight += w;
    if (setB.has(id)) shared.push({ id, weight: w });
  }
  for (const id of setB) if (!setA.has(id)) unionWeight += weight(id);
  shared.sort((x, y) => y.weight - x.weight || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const sharedWeight = shared.reduce((s, x) => s + x.weight, 0);
  const union = setA.size + setB.size - shared.length;
  return {
    shared,
    jaccard: union === 0 ? 0 : shared.length / union,
    weightedJaccard: unionWeight === 0 ? 0 : sharedWeight / unionWeight,
    overlapCoefficient:
      Math.min(setA.size, setB.size) === 0 ? 0 : shared.length / Math.min(setA.size, setB.size),
    sharedWeight,
  };
}

/** A candidate's overlap with the target. */
export interface RankedOverlap extends SharedInfrastructure {
  readonly id: string;
}

/**
 * Ranks candidates by the infrastructure they share with `target`: by weighted Jaccard, then
 * shared weight, then number of shared neighbours, then id (a stable order for equal scores).
 * Candidates sharing nothing, and the target itself, are left out.
 *
 * @example rankSharedInfrastructure(campaignA, [campaignB, campaignC], { degree, limit: 10 })[0]?.id
 */
export function rankSharedInfrastructure(
  target: NeighbourSet,
  candidates: readonly NeighbourSet[],
  options: OverlapOptions & { readonly limit?: number } = {},
): RankedOverlap[] {
  const ranked: RankedOverlap[] = [];
  for (const c of candidates) {
    if (c.id === target.id) continue;
    const overlap = sharedInfrastructure(target.neighbours, c.neighbours, options);
    if (overlap.shared.length > 0) ranked.push({ id: c.id, ...overlap });
  }
  ranked.sort(
    (x, y) =>
      y.weightedJaccard - x.weightedJaccard ||
      y.sharedWeight - x.sharedWeight ||
      y.shared.length - x.shared.length ||
      (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
}

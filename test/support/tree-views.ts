/**
 * Hand-built `TreeModelView`s for the explanation tests (imported by *.test.ts only): random
 * pre-order trees of every shape the view allows, and Shapley values computed from their
 * definition to compare TreeSHAP against.
 */
import { Random } from '../../src/core/random.js';
import { goesLeft, type FlatTree } from '../../src/ml/trees/tree.js';
import type { TreeModelView } from '../../src/ml/trees/tree-model-view.js';

/** Feature values and thresholds come from this grid, so rows land exactly on thresholds too. */
const GRID = [0, 0.25, 0.5, 0.75, 1];

export interface RandomViewOptions {
  readonly minFeatures?: number;
  readonly maxFeatures?: number;
  readonly minOutputs?: number;
  readonly maxDepth?: number;
  /** Children's covers sum to their parent's (as trained trees'); otherwise arbitrary. */
  readonly consistentCovers?: boolean;
  /** One value per leaf and a `treeOutput` per tree (boosting's layout). */
  readonly oneValueLeaves?: boolean;
}

/**
 * A random view: 1–4 trees over 1–6 features, 1–3 outputs, random base and scale; features
 * repeat along paths, leaves may sit at any depth.
 *
 * @example
 * const view = randomView(42, { maxFeatures: 4 });
 */
export function randomView(seed: number, o: RandomViewOptions = {}): TreeModelView {
  const rng = new Random(seed);
  const minF = o.minFeatures ?? 1;
  const nFeatures = minF + rng.int((o.maxFeatures ?? 6) - minF + 1);
  const minOut = o.minOutputs ?? 1;
  const nOutputs = minOut + rng.int(Math.max(1, 3 - minOut + 1));
  const oneValue = o.oneValueLeaves ?? rng.next() < 0.4;
  const nTrees = 1 + rng.int(4);
  const trees: FlatTree[] = [];
  const treeOutput = new Int32Array(nTrees);
  for (let t = 0; t < nTrees; t++) {
    treeOutput[t] = rng.int(nOutputs);
    trees.push(
      randomTree(rng, nFeatures, oneValue ? 1 : nOutputs, o.maxDepth ?? 6, o.consistentCovers),
    );
  }
  const base = Float64Array.from({ length: nOutputs }, () => rng.normal());
  return {
    nFeatures,
    nOutputs,
    trees,
    ...(oneValue && nOutputs > 1 ? { treeOutput } : {}),
    scale: rng.next() < 0.5 ? 1 : 1 / nTrees,
    base,
    outputSpace: 'margin',
  };
}

function randomTree(
  rng: Random,
  nFeatures: number,
  k: number,
  maxDepth: number,
  consistent = true,
): FlatTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const weight: number[] = [];
  const grow = (depth: number, cover: number): number => {
    const id = feature.length;
    weight.push(cover);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    const leaf = depth >= maxDepth || (depth > 0 && rng.next() < 0.3);
    feature.push(leaf ? -1 : rng.int(nFeatures));
    for (let c = 0; c < k; c++) value.push(rng.normal());
    if (leaf) return id;
    threshold[id] = GRID[rng.int(GRID.length)]!;
    const share = 0.1 + 0.8 * rng.next();
    const lc = consistent ? cover * share : 0.5 + 10 * rng.next();
    const rc = consistent ? cover - lc : 0.5 + 10 * rng.next();
    left[id] = grow(depth + 1, lc);
    right[id] = grow(depth + 1, rc);
    return id;
  };
  grow(0, 100);
  const n = feature.length;
  // Half the trees send NaN left at some splits, as boosting's learned default direction does.
  const missingLeft =
    rng.next() < 0.5 ? { missingLeft: Uint8Array.from(feature, () => rng.int(2)) } : {};
  return {
    ...missingLeft,
    nNodes: n,
    nOutputs: k,
    feature: Int32Array.from(feature),
    threshold: Float32Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float32Array.from(value),
    weight: Float32Array.from(weight),
    impurity: new Float32Array(n),
  };
}

/** A row of grid values (some exactly on thresholds) and, now and then, a NaN. */
export function randomRow(seed: number, nFeatures: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: nFeatures }, () =>
    rng.next() < 0.1 ? NaN : GRID[rng.int(GRID.length)]!,
  );
}

/** The same tree with features `a` and `b` exchanged. */
export function swapFeatures(t: FlatTree, a: number, b: number): FlatTree {
  const feature = t.feature.map((f) => (f === a ? b : f === b ? a : f));
  return { ...t, feature };
}

/**
 * `1{x0 > 0.5 and x1 > 0.5}` over three features: root 4 rows, left leaf 2 (value 0), right
 * split on x1 with leaves 1 (value 0) and 1 (value 1).
 */
export function andTree(): TreeModelView {
  const tree: FlatTree = {
    nNodes: 5,
    nOutputs: 1,
    feature: Int32Array.of(0, -1, 1, -1, -1),
    threshold: Float32Array.of(0.5, 0, 0.5, 0, 0),
    left: Int32Array.of(1, -1, 3, -1, -1),
    right: Int32Array.of(2, -1, 4, -1, -1),
    value: Float32Array.of(0.25, 0, 0.5, 0, 1),
    weight: Float32Array.of(4, 2, 2, 1, 1),
    impurity: Float32Array.of(0.375, 0, 0.5, 0, 0),
  };
  return {
    nFeatures: 3,
    nOutputs: 1,
    trees: [tree],
    scale: 1,
    base: new Float64Array(1),
    outputSpace: 'probability',
  };
}

/**
 * Shapley values from the definition, over all 2^M coalitions, with the path-dependent value
 * function v(S) = E[f(x) | x_S] of Lundberg et al. (2020) Algorithm 1: at a split on a feature
 * in S follow the row, otherwise average the children weighted by cover.
 * Returns `nOutputs × nFeatures`, output-major.
 */
export function bruteForceShapley(view: TreeModelView, row: Float32Array): Float64Array {
  const m = view.nFeatures;
  const k = view.nOutputs;
  const v = (mask: number, o: number): number => {
    let sum = view.base[o]!;
    view.trees.forEach((t, ti) => {
      const first = t.nOutputs === k ? 0 : (view.treeOutput?.[ti] ?? 0);
      if (t.nOutputs !== k && first !== o) return;
      const c = t.nOutputs === k ? o : 0;
      const g = (node: number): number => {
        const f = t.feature[node]!;
        if (f < 0) return t.value[node * t.nOutputs + c]!;
        const l = t.left[node]!;
        const r = t.right[node]!;
        if (mask & (1 << f)) return g(goesLeft(t, node, row[f]!) ? l : r);
        return (t.weight[l]! * g(l) + t.weight[r]! * g(r)) / t.weight[node]!;
      };
      sum += view.scale * g(0);
    });
    return sum;
  };
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = new Float64Array(k * m);
  for (let o = 0; o < k; o++) {
    for (let i = 0; i < m; i++) {
      for (let s = 0; s < 1 << m; s++) {
        if (s & (1 << i)) continue;
        let size = 0;
        for (let b = s; b; b &= b - 1) size++;
        const weight = (fact(size) * fact(m - size - 1)) / fact(m);
        phi[o * m + i]! += weight * (v(s | (1 << i), o) - v(s, o));
      }
    }
  }
  return phi;
}

/**
 * Model-state encoding of a list of flat trees: the trees' arrays are concatenated (one typed
 * array per field, node counts alongside), so a forest of a hundred trees is eight base64
 * strings rather than eight hundred, and the JSON text is deterministic.
 */
import { badInput } from '../../core/errors.js';
import { decodeTyped, encodeTyped, type SerializedValue } from '../serialize.js';
import type { FlatTree } from './tree.js';

/**
 * Encode trees for `ModelState.data`.
 *
 * @example
 * const data = { trees: encodeTrees(classifier.trees) };
 */
export function encodeTrees(trees: readonly FlatTree[]): { [key: string]: SerializedValue } {
  const total = trees.reduce((s, t) => s + t.nNodes, 0);
  const k = trees[0]?.nOutputs ?? 0;
  const nodes = new Int32Array(trees.length);
  const feature = new Int32Array(total);
  const threshold = new Float32Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const value = new Float32Array(total * k);
  const weight = new Float32Array(total);
  const impurity = new Float32Array(total);
  const anyMissingLeft = trees.some((t) => t.missingLeft !== undefined);
  const missingLeft = anyMissingLeft ? new Uint8Array(total) : null;
  let at = 0;
  trees.forEach((t, i) => {
    nodes[i] = t.nNodes;
    feature.set(t.feature, at);
    threshold.set(t.threshold, at);
    left.set(t.left, at);
    right.set(t.right, at);
    value.set(t.value, at * k);
    weight.set(t.weight, at);
    impurity.set(t.impurity, at);
    if (missingLeft !== null && t.missingLeft !== undefined) missingLeft.set(t.missingLeft, at);
    at += t.nNodes;
  });
  return {
    // Written only by models with a learned missing-value direction, so that the states of
    // trees and forests stay as they were.
    ...(missingLeft !== null ? { missingLeft: encodeTyped(missingLeft) } : {}),
    nodes: encodeTyped(nodes),
    feature: encodeTyped(feature),
    threshold: encodeTyped(threshold),
    left: encodeTyped(left),
    right: encodeTyped(right),
    value: encodeTyped(value),
    weight: encodeTyped(weight),
    impurity: encodeTyped(impurity),
  };
}

/**
 * Decode and check trees encoded by `encodeTrees`: every array has the length the node counts
 * imply, tested features exist, and the nodes are in pre-order (left child next, right child
 * later), which prediction relies on and which rules out loops in a damaged state.
 *
 * @example
 * const trees = decodeTrees(state.data.trees, nFeatures, nClasses);
 */
export function decodeTrees(
  encoded: SerializedValue | undefined,
  nFeatures: number,
  nOutputs: number,
): FlatTree[] {
  if (typeof encoded !== 'object' || encoded === null || Array.isArray(encoded)) {
    throw badInput('model state: trees is not an object');
  }
  const data = encoded as { readonly [key: string]: SerializedValue };
  const nodes = decodeTyped(data.nodes, 'i32', 'trees.nodes');
  const feature = decodeTyped(data.feature, 'i32', 'trees.feature');
  const threshold = decodeTyped(data.threshold, 'f32', 'trees.threshold');
  const left = decodeTyped(data.left, 'i32', 'trees.left');
  const right = decodeTyped(data.right, 'i32', 'trees.right');
  const value = decodeTyped(data.value, 'f32', 'trees.value');
  const weight = decodeTyped(data.weight, 'f32', 'trees.weight');
  const impurity = decodeTyped(data.impurity, 'f32', 'trees.impurity');
  const missingLeft =
    data.missingLeft === undefined
      ? null
      : decodeTyped(data.missingLeft, 'u8', 'trees.missingLeft');
  let total = 0;
  for (const n of nodes) {
    if (n < 1) throw badInput(`model state: a tree has ${n} nodes`);
    total += n;
  }
  for (const [name, a, want] of [
    ['feature', feature, total],
    ['threshold', threshold, total],
    ['left', left, total],
    ['right', right, total],
    ['weight', weight, total],
    ['impurity', impurity, total],
    ['missingLeft', missingLeft ?? new Uint8Array(total), total],
    ['value', value, total * nOutputs],
  ] as const) {
    if (a.length !== want) {
      throw badInput(`model state: trees.${name} has ${a.length} entries, expected ${want}`, {
        hint: 'the bundle is damaged or from an incompatible version; retrain the model',
      });
    }
  }
  const trees: FlatTree[] = [];
  let at = 0;
  for (const n of nodes) {
    const tree: FlatTree = {
      nNodes: n,
      nOutputs,
      feature: feature.slice(at, at + n),
      threshold: threshold.slice(at, at + n),
      left: left.slice(at, at + n),
      right: right.slice(at, at + n),
      value: value.slice(at * nOutputs, (at + n) * nOutputs),
      weight: weight.slice(at, at + n),
      impurity: impurity.slice(at, at + n),
      ...(missingLeft !== null ? { missingLeft: missingLeft.slice(at, at + n) } : {}),
    };
    checkStructure(tree, nFeatures, trees.length);
    trees.push(tree);
    at += n;
  }
  return trees;
}

function checkStructure(t: FlatTree, nFeatures: number, index: number): void {
  for (let i = 0; i < t.nNodes; i++) {
    if (t.missingLeft !== undefined && t.missingLeft[i]! > 1) {
      throw badInput(
        `model state: tree ${index} node ${i} has missing-value direction ${t.missingLeft[i]}`,
        {
          hint: 'the bundle is damaged; retrain the model',
        },
      );
    }
    const f = t.feature[i]!;
    if (f === -1) continue;
    const l = t.left[i]!;
    const r = t.right[i]!;
    if (f < 0 || f >= nFeatures || l !== i + 1 || r <= l || r >= t.nNodes) {
      throw badInput(`model state: tree ${index} node ${i} is malformed`, {
        hint: `feature ${f} (of ${nFeatures}), children ${l} and ${r} (of ${t.nNodes} nodes)`,
      });
    }
  }
}

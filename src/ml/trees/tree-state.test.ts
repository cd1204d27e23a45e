import { describe, expect, it } from 'vitest';
import type { ModelState } from '../model.js';
import { decodeTyped, encodeTyped, type SerializedValue } from '../serialize.js';
import { DECISION_TREE, decisionTree } from './decision-tree.js';
import { RANDOM_FOREST } from './random-forest.js';
import { xorData } from '../../../test/support/tree-data.js';

function fittedState(): ModelState {
  const { x, y } = xorData();
  const model = decisionTree().fit(x, y, 2, { seed: 0 });
  return JSON.parse(JSON.stringify((model as { toState(): ModelState }).toState())) as ModelState;
}

function withTrees(state: ModelState, field: string, value: unknown): ModelState {
  const trees = { ...(state.data.trees as object), [field]: value };
  return { ...state, data: { ...state.data, trees } } as ModelState;
}

describe('tree model states', () => {
  it('are rejected when of another kind or version', () => {
    const state = fittedState();
    expect(() => RANDOM_FOREST.fromState(state)).toThrow(/kind "decision-tree"/);
    expect(() => DECISION_TREE.fromState({ ...state, version: 99 })).toThrow(/version 99/);
  });

  it('are rejected when arrays do not match the node counts', () => {
    const state = fittedState();
    const err = (() => {
      try {
        DECISION_TREE.fromState(withTrees(state, 'threshold', encodeTyped(new Float32Array(1))));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/threshold has 1/),
    });
    expect(() => DECISION_TREE.fromState(withTrees(state, 'value', 'abc'))).toThrow(/value/);
    expect(() =>
      DECISION_TREE.fromState({ ...state, data: { ...state.data, nClasses: 3 } }),
    ).toThrow(/value has/);
  });

  it('are rejected when a child points backwards (a loop) or a feature does not exist', () => {
    const state = fittedState();
    const nodes = DECISION_TREE.fromState(state).toState().data.trees as { nodes: unknown };
    const nNodes = decodeTyped(nodes.nodes as SerializedValue, 'i32', 'nodes')[0]!;
    // Every child pointing at the root: prediction would never reach a leaf.
    const loop = encodeTyped(new Int32Array(nNodes));
    expect(() => DECISION_TREE.fromState(withTrees(state, 'left', loop))).toThrow(/malformed/);
    expect(() =>
      DECISION_TREE.fromState({ ...state, data: { ...state.data, nFeatures: 1 } }),
    ).toThrow(/malformed/);
  });

  it('restore parameters with their defaults and reject unknown ones', () => {
    const state = fittedState();
    expect(DECISION_TREE.fromState(state).toState().params).toEqual(state.params);
    expect(() => DECISION_TREE.fromState({ ...state, params: { depth: 3 } })).toThrow(
      /no parameter/,
    );
  });
});

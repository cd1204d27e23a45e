/**
 * Which raw output of a `TreeModelView` speaks for a class, and with which sign. Forests and
 * multiclass boosting have one output per class. Binary boosting has one margin, the log-odds
 * of the second class, so the first class's log-odds is its negation. An isolation forest's
 * one output is the expected path length, whichever class is predicted.
 */
import { badInput } from '../../core/errors.js';
import type { TreeModelView } from '../trees/tree-model-view.js';

export interface ClassOutput {
  /** Index of the raw output. */
  readonly output: number;
  /** +1, or −1 when the class's own raw output is the negated model output. */
  readonly sign: 1 | -1;
}

/**
 * @example
 * const { output, sign } = classOutput(view, 2, 0); // binary boosting: { output: 0, sign: -1 }
 */
export function classOutput(view: TreeModelView, nClasses: number, cls: number): ClassOutput {
  if (view.nOutputs === nClasses) return { output: cls, sign: 1 };
  if (view.nOutputs === 1 && view.outputSpace === 'path-length') return { output: 0, sign: 1 };
  if (view.nOutputs === 1 && nClasses === 2 && view.outputSpace === 'margin') {
    return { output: 0, sign: cls === 1 ? 1 : -1 };
  }
  throw badInput(
    `tree view: ${view.nOutputs} ${view.outputSpace} output(s) cannot be matched to ${nClasses} classes`,
    { hint: 'the model and its tree view disagree; retrain the model with this version' },
  );
}

/**
 * One-hot block descriptions in a model state. k-NN keeps them because it rebuilds its index
 * from the stored rows, and the rows to predict arrive as a plain matrix without them.
 */
import { badInput } from '../../core/errors.js';
import type { OneHotBlock } from '../../core/matrix.js';
import type { SerializedValue } from '../serialize.js';

/**
 * Blocks as JSON values.
 *
 * @example
 * oneHotToState([{ source: 'flag', start: 0, size: 11 }]); // [{ source: 'flag', start: 0, size: 11 }]
 */
export function oneHotToState(blocks: readonly OneHotBlock[]): SerializedValue {
  return blocks.map((b) => ({ source: b.source, start: b.start, size: b.size }));
}

/**
 * Blocks back from state, each checked to lie within `cols` columns.
 *
 * @example
 * const blocks = oneHotFromState(state.data['oneHot'], 122);
 */
export function oneHotFromState(v: SerializedValue | undefined, cols: number): OneHotBlock[] {
  if (!Array.isArray(v)) throw badInput('model state: data.oneHot is not a list');
  return v.map((b, i) => {
    const where = `model state: data.oneHot[${i}]`;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) {
      throw badInput(`${where} is not an object`);
    }
    const { source, start, size } = b as Record<string, SerializedValue>;
    if (typeof source !== 'string') throw badInput(`${where}.source is not a string`);
    const ok =
      Number.isInteger(start) &&
      Number.isInteger(size) &&
      (start as number) >= 0 &&
      (size as number) >= 1 &&
      (start as number) + (size as number) <= cols;
    if (!ok) throw badInput(`${where} is not a column range within 0…${cols - 1}`);
    return { source, start: start as number, size: size as number };
  });
}

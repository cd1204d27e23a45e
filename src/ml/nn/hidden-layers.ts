/**
 * The `hidden` parameter of the neural networks: layer sizes as text ("64,64"), since a
 * parameter is a number, string or flag. Parsed once when the estimator is created, with an
 * error that points at the offending layer.
 */
import { badInput } from '../../core/errors.js';

/** Widest hidden layer accepted: beyond it a dense layer on this machine is impractical. */
export const MAX_LAYER_SIZE = 4096;
/** Deepest stack accepted. */
export const MAX_HIDDEN_LAYERS = 16;

/**
 * Parse comma-separated hidden layer sizes; each a whole number from 1 to 4096.
 *
 * @example
 * parseHiddenLayers('64,64', 'mlp'); // [64, 64]
 * parseHiddenLayers('64,,x', 'mlp'); // throws BAD_INPUT: layer 2 (at character 4) is empty
 */
export function parseHiddenLayers(text: string, model: string): number[] {
  const where = `${model} parameter hidden=${text}`;
  const hint =
    'give the layer sizes as whole numbers separated by commas, for example hidden=64,64';
  if (text.trim() === '') throw badInput(`${where}: no layer sizes`, { hint });
  const parts = text.split(',');
  if (parts.length > MAX_HIDDEN_LAYERS) {
    throw badInput(`${where}: ${parts.length} layers, at most ${MAX_HIDDEN_LAYERS} allowed`, {
      hint,
    });
  }
  const sizes: number[] = [];
  let at = 1;
  parts.forEach((raw, i) => {
    const part = raw.trim();
    const layer = `layer ${i + 1} (at character ${at})`;
    if (part === '') throw badInput(`${where}: ${layer} is empty`, { hint });
    if (!/^\d+$/.test(part)) {
      throw badInput(`${where}: ${layer} "${part}" is not a whole number`, { hint });
    }
    const size = Number(part);
    if (size < 1 || size > MAX_LAYER_SIZE) {
      throw badInput(`${where}: ${layer} has ${size} units, not 1…${MAX_LAYER_SIZE}`, { hint });
    }
    sizes.push(size);
    at += raw.length + 1;
  });
  return sizes;
}

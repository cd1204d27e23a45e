/**
 * The shape of a fully connected network and where each layer's parameters sit in one flat
 * `Float32Array` ("theta"): for layer l, the weights W_l (row-major, inputs × outputs, so that
 * a row vector times W_l gives the layer's pre-activation) and then its biases b_l. Training
 * updates theta in place; the model state stores it as one typed array.
 */
import type { Random } from '../../core/random.js';

export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh'] as const;
/** Activation of the hidden layers; output layers are linear (the loss head adds softmax). */
export type Activation = (typeof ACTIVATIONS)[number];

export class DenseNet {
  /** Offset of W_l in theta, per layer. */
  readonly weightOffsets: readonly number[];
  /** Offset of b_l in theta, per layer. */
  readonly biasOffsets: readonly number[];
  /** Length of theta. */
  readonly size: number;

  /**
   * @param sizes units per layer, the input width first and the output width last
   * @param activation applied after every layer but the last
   */
  constructor(
    readonly sizes: readonly number[],
    readonly activation: Activation,
  ) {
    const w: number[] = [];
    const b: number[] = [];
    let at = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      w.push(at);
      at += sizes[l]! * sizes[l + 1]!;
      b.push(at);
      at += sizes[l + 1]!;
    }
    this.weightOffsets = w;
    this.biasOffsets = b;
    this.size = at;
  }

  /** Number of weight layers (one less than the number of unit layers). */
  get layers(): number {
    return this.sizes.length - 1;
  }

  get inputs(): number {
    return this.sizes[0]!;
  }

  get outputs(): number {
    return this.sizes[this.sizes.length - 1]!;
  }

  /** Widest layer, input and output included (scratch buffer width). */
  get widest(): number {
    return Math.max(...this.sizes);
  }

  /** W_l as a view of theta (inputs × outputs, row-major). */
  weights(theta: Float32Array, l: number): Float32Array {
    const at = this.weightOffsets[l]!;
    return theta.subarray(at, at + this.sizes[l]! * this.sizes[l + 1]!);
  }

  /** b_l as a view of theta. */
  biases(theta: Float32Array, l: number): Float32Array {
    const at = this.biasOffsets[l]!;
    return theta.subarray(at, at + this.sizes[l + 1]!);
  }

  /**
   * Glorot-uniform initial parameters, as scikit-learn's MLP draws them: every weight and bias
   * of layer l uniform in ±√(f / (fan_in + fan_out)) with f = 6, or f = 2 for the sigmoid
   * (scikit-learn `_init_coef`).
   *
   * @example
   * const theta = new DenseNet([122, 64, 64, 2], 'relu').initialParams(new Random(0));
   */
  initialParams(rng: Random): Float32Array {
    const theta = new Float32Array(this.size);
    const factor = this.activation === 'sigmoid' ? 2 : 6;
    for (let l = 0; l < this.layers; l++) {
      const bound = Math.sqrt(factor / (this.sizes[l]! + this.sizes[l + 1]!));
      const w = this.weights(theta, l);
      for (let i = 0; i < w.length; i++) w[i] = (2 * rng.next() - 1) * bound;
      const b = this.biases(theta, l);
      for (let i = 0; i < b.length; i++) b[i] = (2 * rng.next() - 1) * bound;
    }
    return theta;
  }
}

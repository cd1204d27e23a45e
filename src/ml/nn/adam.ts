/**
 * Adam (Kingma & Ba 2015, Algorithm 1 with the bias corrections folded into the step size) on
 * a flat float32 parameter vector, in plain JavaScript with float64 moments: one pass over
 * ~12k parameters costs microseconds, far less than the ~30 kernel launches it would take on
 * the wasm backend, and the arithmetic is the same on every machine. Same update as
 * scikit-learn's `AdamOptimizer`: lr_t = lr · √(1 − β2^t) / (1 − β1^t),
 * θ ← θ − lr_t · m / (√v + ε).
 */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    size: number,
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /**
   * One update of `theta` in place with the gradient `grad` (same length).
   *
   * @example
   * const adam = new Adam(theta.length, 1e-3);
   * adam.step(theta, grad);
   */
  step(theta: Float32Array, grad: ArrayLike<number>): void {
    this.t++;
    const { m, v, beta1: b1, beta2: b2, epsilon } = this;
    const lr = (this.learningRate * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i]!;
      const mi = b1 * m[i]! + (1 - b1) * g;
      const vi = b2 * v[i]! + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      theta[i] = theta[i]! - (lr * mi) / (Math.sqrt(vi) + epsilon);
    }
  }
}

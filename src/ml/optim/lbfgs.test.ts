import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.js';
import { strongWolfe } from './line-search.js';
import { dot, type Objective } from './objective.js';

/** Extended Rosenbrock: Σ 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})², minimum 0 at all ones. */
const rosenbrock: Objective = (x, g) => {
  let f = 0;
  for (let i = 0; i < x.length; i += 2) {
    const a = x[i]!;
    const b = x[i + 1]!;
    const t = b - a * a;
    f += 100 * t * t + (1 - a) * (1 - a);
    g[i] = -400 * a * t - 2 * (1 - a);
    g[i + 1] = 200 * t;
  }
  return f;
};

/** f(x) = ½ xᵀAx − bᵀx with A = diag(scales): minimum at b / scales. */
function quadratic(scales: number[], b: number[]): Objective {
  return (x, g) => {
    let f = 0;
    for (let i = 0; i < x.length; i++) {
      g[i] = scales[i]! * x[i]! - b[i]!;
      f += 0.5 * scales[i]! * x[i]! * x[i]! - b[i]! * x[i]!;
    }
    return f;
  };
}

describe('minimizeLbfgs', () => {
  it('finds the minimum of the 2-D Rosenbrock function from the classic start (−1.2, 1)', () => {
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { gtol: 1e-8, ftol: 0 });
    expect(r.converged).toBe(true);
    expect(r.stop).toBe('gradient');
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.f).toBeLessThan(1e-12);
    // L-BFGS needs a few dozen iterations here; hundreds would mean a broken line search.
    expect(r.iterations).toBeLessThan(100);
  });

  it('solves a 20-D extended Rosenbrock problem', () => {
    const x0 = new Float64Array(20).map((_, i) => (i % 2 === 0 ? -1.2 : 1));
    const r = minimizeLbfgs(rosenbrock, x0, { gtol: 1e-7, ftol: 0 });
    expect(r.converged).toBe(true);
    for (const v of r.x) expect(v).toBeCloseTo(1, 5);
    expect(x0[0]).toBe(-1.2);
  });

  it('solves ill-conditioned quadratics to the requested gradient tolerance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-2, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 30, maxLength: 30 }),
        (scales, b) => {
          const r = minimizeLbfgs(quadratic(scales, b), new Float64Array(scales.length), {
            gtol: 1e-6,
            ftol: 0,
          });
          expect(r.stop).toBe('gradient');
          // |∂f/∂xᵢ| = sᵢ·|xᵢ − bᵢ/sᵢ| ≤ gtol
          scales.forEach((s, i) =>
            expect(Math.abs(r.x[i]! - b[i]! / s)).toBeLessThanOrEqual(1e-6 / s),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('stops at maxIter and says so', () => {
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 3, ftol: 0 });
    expect(r.iterations).toBe(3);
    expect(r.converged).toBe(false);
    expect(r.stop).toBe('max-iter');
  });

  it('returns at once when the start is already stationary', () => {
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(1, 1));
    expect(r).toMatchObject({ iterations: 0, evaluations: 1, stop: 'gradient', converged: true });
  });

  it('stops on the relative-decrease test like scipy (ftol)', () => {
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { gtol: 0, ftol: 1e-3 });
    expect(r.stop).toBe('function');
    expect(r.converged).toBe(true);
  });

  it('reports progress once per iteration', () => {
    const seen: number[] = [];
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      onIteration: (i) => seen.push(i),
    });
    expect(seen).toEqual(Array.from({ length: r.iterations }, (_, i) => i + 1));
  });
});

describe('strongWolfe', () => {
  it('returns a step satisfying both strong Wolfe conditions on random quadratics', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 2, maxLength: 8 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (scales, step0) => {
          const b = scales.map((_, i) => i + 1);
          const fun = quadratic(scales, b);
          const n = scales.length;
          const x0 = new Float64Array(n);
          const g0 = new Float64Array(n);
          const f0 = fun(x0, g0);
          const d = g0.map((v) => -v);
          const x = new Float64Array(n);
          const grad = new Float64Array(n);
          const r = strongWolfe({ fun, x0, f0, g0, d, x, grad }, step0, { c1: 1e-4, c2: 0.9 });
          expect(r.status).toBe('wolfe');
          const slope0 = dot(g0, d);
          expect(r.f).toBeLessThanOrEqual(f0 + 1e-4 * r.step * slope0);
          expect(Math.abs(dot(grad, d))).toBeLessThanOrEqual(-0.9 * slope0 + 1e-12);
          x.forEach((v, i) => expect(v).toBeCloseTo(r.step * d[i]!, 12));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fails, keeping f0, along an ascent direction', () => {
    const fun = quadratic([1, 1], [1, 1]);
    const x0 = new Float64Array(2);
    const g0 = new Float64Array(2);
    const f0 = fun(x0, g0);
    const problem = {
      fun,
      x0,
      f0,
      g0,
      d: g0.slice(),
      x: new Float64Array(2),
      grad: new Float64Array(2),
    };
    const r = strongWolfe(problem, 1, { maxEvaluations: 10 });
    expect(r).toMatchObject({ status: 'failed', step: 0, f: f0 });
    expect(r.evaluations).toBeLessThanOrEqual(10);
  });
});

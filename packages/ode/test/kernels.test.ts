import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import { scaledErrorNorm } from '../src/control/error-norm.js';
import { Float64Ops } from '../src/integrator/float64-ops.js';
import { columns, monomialOf } from '../src/integrator/interpolation.js';
import { combinationKernel, denseKernel, errorKernel } from '../src/integrator/kernels.js';
import { DP5_TABLEAU, TSIT5_TABLEAU, VERN7_TABLEAU } from '../src/tableaus/index.js';

const random = (n: number, seed: number): Float64Array => {
  let x = seed;
  return Float64Array.from({ length: n }, () => {
    x = (x * 16807) % 2147483647;
    return x / 2147483647 - 0.5;
  });
};

describe('generated kernels agree with the generic loops', () => {
  const n = 5;
  const ks = Array.from({ length: 10 }, (_, j) => random(n, j + 1));
  const u = random(n, 99);
  const ops = new Float64Ops(n, () => undefined, undefined, { nf: 0 });

  it.each([TSIT5_TABLEAU, VERN7_TABLEAU].map((t) => [t.name, t] as const))(
    '%s stage combinations match axpy',
    (_, tab) => {
      for (const row of [...tab.a, tab.b]) {
        const fast = combinationKernel(row)(new Float64Array(n), u, 0.3, ks);
        const slow = ops.axpy(new Float64Array(n), u, 0.3, row, ks);
        // Same terms, summed in a different order: a few ulps apart at most.
        expect(fast).toBeAllClose(slow, { rtol: 1e-14, atol: 1e-15 });
      }
    },
  );

  it.each([TSIT5_TABLEAU, VERN7_TABLEAU].map((t) => [t.name, t] as const))(
    '%s error norm matches the reference implementation',
    (_, tab) => {
      const bTilde = tab.bTilde as number[];
      const u1 = random(n, 7);
      const fast = errorKernel(bTilde)(0.1, ks, u, u1, 1e-6, 1e-3);
      const slow = scaledErrorNorm(0.1, bTilde, ks, u, u1, 1e-6, 1e-3);
      expect(fast).toBeAllClose(slow, { rtol: 1e-13 });
    },
  );

  it.each([TSIT5_TABLEAU, DP5_TABLEAU, VERN7_TABLEAU].map((t) => [t.name, t] as const))(
    '%s dense-output coefficients match combine',
    (_, tab) => {
      const m = monomialOf(tab);
      const u1 = random(n, 3);
      const cs = Array.from({ length: m.degree + 1 }, () => new Float64Array(n));
      denseKernel(m)(cs, u, u1, 0.2, ks);
      columns(m).forEach((col, p) => {
        const [w0, w1] = [m.w0[p] as number, m.w1[p] as number];
        const slow = ops.combine(new Float64Array(n), w0, u, w1, u1, 0.2, col as number[], ks);
        expect(cs[p] as Float64Array).toBeAllClose(slow, { rtol: 1e-13, atol: 1e-15 });
      });
    },
  );
});

import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import { matmul, mul, neg, type Value } from '@hamiltonian/autodiff';
import { tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import * as ode from '../src/index.js';
import { last, values } from './helpers.js';

/** exp(A) by scaling and squaring a 30-term Taylor series: exact to roundoff for small A. */
const expm = (A: number[][]): number[][] => {
  const n = A.length;
  const mm = (X: number[][], Y: number[][]) =>
    X.map((row, i) => Y[0]!.map((_, j) => row.reduce((s, x, k) => s + x * Y[k]![j]!, 0) + 0 * i));
  const norm = Math.max(...A.map((row) => row.reduce((s, x) => s + Math.abs(x), 0)));
  const squarings = Math.max(0, Math.ceil(Math.log2(norm)) + 4);
  const S = A.map((row) => row.map((x) => x / 2 ** squarings));
  let term: number[][] = S.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  let sum: number[][] = term.map((row) => row.slice());
  for (let k = 1; k <= 30; k++) {
    term = mm(term, S).map((row) => row.map((x) => x / k));
    sum = sum.map((row, i) => row.map((x, j) => x + term[i]![j]!));
  }
  for (let s = 0; s < squarings; s++) sum = mm(sum, sum);
  return sum.slice(0, n);
};

describe('analytic solutions', () => {
  it('exponential decay matches exp(-k t) at every saved time', () => {
    const prob = ode.ODEProblem((u, k: number) => mul(u, -k), [2], [0, 3], 0.7);
    const sol = ode.solve(prob, ode.Tsit5(), { reltol: 1e-10, abstol: 1e-12 });
    expect(sol.retcode).toBe('Success');
    sol.t.forEach((t, i) => {
      // Global error of a 1e-10 tolerance solve stays within a small multiple of it.
      expect(values(sol.u[i] as Value)).toBeAllClose([2 * Math.exp(-0.7 * t)], { rtol: 1e-9 });
    });
  });

  it('the harmonic oscillator returns to its start after a period', () => {
    const prob = ode.ODEProblem(
      (u) => {
        const d = (u as Tensor).data;
        return [d[1] as number, -(d[0] as number)];
      },
      [1, 0],
      [0, 2 * Math.PI],
    );
    for (const alg of [ode.BS3(), ode.DP5(), ode.Tsit5(), ode.Vern7()]) {
      const sol = ode.solve(prob, alg, { reltol: 1e-10, abstol: 1e-10 });
      expect(last(sol)).toBeAllClose([1, 0], { atol: 1e-8 });
    }
  });

  it('a linear system matches the matrix exponential, with u0 a matrix-shaped state', () => {
    const A = [
      [-0.5, 2, 0],
      [-2, -0.5, 0.3],
      [0.1, 0, -1],
    ];
    const At = tensorOrThrow(A);
    const U0 = [
      [1, 0],
      [0, 1],
      [1, -1],
    ];
    const prob = ode.ODEProblem((U, M: Tensor) => matmul(M, U), tensorOrThrow(U0), [0, 2], At);
    const sol = ode.solve(prob, ode.Vern7(), { reltol: 1e-12, abstol: 1e-12 });
    const E = expm(A.map((row) => row.map((x) => 2 * x)));
    const expected = E.map((row) =>
      [0, 1].map((j) => row.reduce((s, x, k) => s + x * U0[k]![j]!, 0)),
    );
    const end = sol.u[sol.u.length - 1] as Tensor;
    expect(end.shape).toEqual([3, 2]);
    expect(end).toBeAllClose(tensorOrThrow(expected), { atol: 1e-10 });
    expect(sol.toTensor().shape).toEqual([sol.t.length, 3, 2]);
  });

  it('integrates backward in time from tf to t0 without a dt', () => {
    const prob = ode.ODEProblem((u) => neg(u), [Math.exp(-1)], [1, 0]);
    const sol = ode.solve(prob, ode.Tsit5(), { reltol: 1e-10, abstol: 1e-12 });
    expect(sol.t[sol.t.length - 1]).toBe(0);
    expect(last(sol)).toBeAllClose([1], { rtol: 1e-9 });
    expect(sol.t.every((t, i) => i === 0 || t < (sol.t[i - 1] as number))).toBe(true);
    expect(values(sol.at(0.5))).toBeAllClose([Math.exp(-0.5)], { rtol: 1e-7 });
  });

  it('integrates backward with a negative fixed dt', () => {
    const prob = ode.ODEProblem((u) => neg(u), [Math.exp(-1)], [1, 0]);
    const sol = ode.solve(prob, ode.RK4(), { dt: -0.01 });
    expect(last(sol)).toBeAllClose([1], { rtol: 1e-9 });
  });

  it('the in-place form gives the same steps as the out-of-place form', () => {
    const inPlace = ode.InPlaceODEProblem(
      (du, u) => {
        du[0] = u[1] as number;
        du[1] = -(u[0] as number);
      },
      [1, 0],
      [0, 10],
    );
    const outOfPlace = ode.ODEProblem(
      (u) => {
        const d = (u as Tensor).data;
        return [d[1] as number, -(d[0] as number)];
      },
      [1, 0],
      [0, 10],
    );
    const a = ode.solve(inPlace, ode.Tsit5());
    const b = ode.solve(outOfPlace, ode.Tsit5());
    expect(a.t).toEqual(b.t);
    expect(a.stats).toEqual(b.stats);
    expect(last(a)).toEqual(last(b));
  });

  it('a zero-length span returns the initial state', () => {
    const sol = ode.solve(
      ode.ODEProblem((u) => neg(u), [3], [1, 1]),
      ode.Tsit5(),
    );
    expect(sol.t).toEqual([1]);
    expect(last(sol)).toEqual([3]);
  });
});

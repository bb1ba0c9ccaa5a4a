import { describe, expect, it } from 'vitest';
import { mul, neg, sqrt, sub } from '@hamiltonian/autodiff';
import type { Tensor } from '@hamiltonian/tensor';
import * as ode from '../src/index.js';
import { last } from './helpers.js';

// u' = u^2 from u(0) = 1 blows up at t = 1.
const blowUp = ode.ODEProblem((u) => mul(u, u), [1], [0, 2]);

describe('return codes', () => {
  it('Success when the span is covered', () => {
    const sol = ode.solve(
      ode.ODEProblem((u) => neg(u), [1], [0, 1]),
      ode.Tsit5(),
    );
    expect(sol.retcode).toBe('Success');
    expect(sol.successful).toBe(true);
    expect(sol.message).toMatch(/end of tspan/);
  });

  it('MaxIters keeps the partial solution and names the option to raise', () => {
    const prob = ode.ODEProblem((u) => neg(u), [1], [0, 100]);
    const sol = ode.solve(prob, ode.Tsit5(), { maxiters: 5, reltol: 1e-10 });
    expect(sol.retcode).toBe('MaxIters');
    expect(sol.message).toMatch(/maxiters/);
    expect(sol.t.length).toBeGreaterThan(1);
    expect(sol.t[sol.t.length - 1]).toBeLessThan(100);
  });

  it('DtLessThanMin at a finite-time blow-up, stopping near the singularity', () => {
    const sol = ode.solve(blowUp, ode.Tsit5());
    expect(sol.retcode).toBe('DtLessThanMin');
    expect(sol.message).toMatch(/dtmin/);
    expect(sol.t[sol.t.length - 1]).toBeCloseTo(1, 2);
  });

  it('DtLessThanMin honours a user dtmin', () => {
    const sol = ode.solve(blowUp, ode.Tsit5(), { dtmin: 1e-3 });
    expect(sol.retcode).toBe('DtLessThanMin');
    expect(sol.t[sol.t.length - 1]).toBeLessThan(1);
  });

  it('Unstable when a fixed-step solve overflows, keeping the last finite state', () => {
    const longer = ode.ODEProblem((u) => mul(u, u), [1], [0, 10]);
    const sol = ode.solve(longer, ode.Euler(), { dt: 0.25 });
    expect(sol.retcode).toBe('Unstable');
    expect(sol.message).toMatch(/smaller dt/);
    expect(Number.isFinite(last(sol)[0])).toBe(true);
  });

  it('DtNaN when f(u0) is NaN, so no initial step can be chosen', () => {
    const prob = ode.ODEProblem((u) => sqrt(sub(u, 2)), [1], [0, 1]);
    const sol = ode.solve(prob, ode.Tsit5());
    expect(sol.retcode).toBe('DtNaN');
    expect(sol.message).toMatch(/f\(u0\)/);
    expect(sol.t).toEqual([0]);
  });

  it('Terminated when a callback stops the solve', () => {
    const prob = ode.ODEProblem(() => [-1], [1], [0, 5]);
    const stop = ode.ContinuousCallback(
      (u) => (u[0] as number) - 0.25,
      (i) => i.terminate(),
    );
    const sol = ode.solve(prob, ode.Tsit5(), { callback: stop });
    expect(sol.retcode).toBe('Terminated');
    expect(sol.successful).toBe(true);
  });

  it('solveOrThrow throws with the message on failure and returns on success', () => {
    expect(() => ode.solveOrThrow(blowUp, ode.Tsit5())).toThrow(ode.ODESolveError);
    expect(() => ode.solveOrThrow(blowUp, ode.Tsit5())).toThrow(/DtLessThanMin/);
    const ok = ode.solveOrThrow(
      ode.ODEProblem((u) => neg(u), [1], [0, 1]),
      ode.DP5(),
    );
    expect(ok.retcode).toBe('Success');
  });

  it('a NaN appearing mid-solve in an adaptive solve backs off and fails cleanly', () => {
    const prob = ode.ODEProblem(
      (u, _p, t) => {
        const x = (u as Tensor).data[0] as number;
        return [t > 0.5 ? NaN : -x];
      },
      [1],
      [0, 1],
    );
    const sol = ode.solve(prob, ode.Tsit5());
    expect(sol.retcode).toBe('DtLessThanMin');
    expect(sol.t[sol.t.length - 1]).toBeLessThanOrEqual(0.5);
  });
});

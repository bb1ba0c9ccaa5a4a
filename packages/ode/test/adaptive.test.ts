import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@hamiltonian/tensor';
import * as ode from '../src/index.js';
import { last, logLogSlope, values } from './helpers.js';

const T = 10;
const oscillator = ode.ODEProblem(
  (u) => {
    const d = (u as Tensor).data;
    return [d[1] as number, -(d[0] as number)];
  },
  [0, 1],
  [0, T],
);
const exact = (t: number) => [Math.sin(t), Math.cos(t)];
const maxDiff = (x: readonly number[], y: readonly number[]) =>
  Math.max(...x.map((v, i) => Math.abs(v - (y[i] as number))));

const adaptive = [ode.BS3(), ode.DP5(), ode.Tsit5(), ode.Vern7()];
const tols = [1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10];

describe('adaptive stepping', () => {
  it.each(adaptive.map((a) => [a.name, a] as const))(
    '%s: the global error is proportional to the tolerance',
    (_, alg) => {
      const errs = tols.map((tol) =>
        maxDiff(last(ode.solve(oscillator, alg, { reltol: tol, abstol: tol })), exact(T)),
      );
      // Local error per unit step tracks tol; the global error follows with a method-dependent
      // constant, so the slope is 1 and error/tol stays within one decade over six decades.
      expect(Math.abs(logLogSlope(tols, errs) - 1)).toBeLessThan(0.15);
      const ratios = errs.map((e, i) => e / (tols[i] as number));
      expect(Math.max(...ratios) / Math.min(...ratios)).toBeLessThan(10);
    },
  );

  it('takes fewer steps at looser tolerances and counts every evaluation', () => {
    const loose = ode.solve(oscillator, ode.Tsit5(), { reltol: 1e-4, abstol: 1e-4 });
    const tight = ode.solve(oscillator, ode.Tsit5(), { reltol: 1e-10, abstol: 1e-10 });
    expect(loose.stats.naccept).toBeLessThan(tight.stats.naccept);
    // One probe of f(u0), one Euler probe for the initial step, six stages per attempt.
    const attempts = tight.stats.naccept + tight.stats.nreject;
    expect(tight.stats.nf).toBe(2 + 6 * attempts);
  });

  it('respects dtmax and steps exactly onto tstops', () => {
    const sol = ode.solve(oscillator, ode.Tsit5(), { dtmax: 0.5, tstops: [1.234, 7.5] });
    const steps = sol.t.slice(1).map((t, i) => t - (sol.t[i] as number));
    expect(Math.max(...steps)).toBeLessThanOrEqual(0.5 + 1e-12);
    expect(sol.t).toContain(1.234);
    expect(sol.t).toContain(7.5);
  });

  it('saveat a number saves on a uniform grid including both ends', () => {
    const sol = ode.solve(oscillator, ode.DP5(), { saveat: 0.5, reltol: 1e-8, abstol: 1e-8 });
    expect(sol.t.length).toBe(21);
    sol.t.forEach((t, i) => {
      expect(t).toBeCloseTo(0.5 * i, 12);
      expect(values(sol.u[i]!)).toBeAllClose(exact(t), { atol: 1e-7 });
    });
  });

  it('saveat a list saves only the listed times unless ends are requested', () => {
    const sol = ode.solve(oscillator, ode.Tsit5(), { saveat: [0.3, 2.5, 9] });
    expect(sol.t).toEqual([0.3, 2.5, 9]);
    const withEnds = ode.solve(oscillator, ode.Tsit5(), {
      saveat: [0.3],
      saveStart: true,
      saveEnd: true,
    });
    expect(withEnds.t).toEqual([0, 0.3, T]);
  });

  it('saveEverystep: false keeps only the ends', () => {
    const sol = ode.solve(oscillator, ode.Tsit5(), { saveEverystep: false });
    expect(sol.t).toEqual([0, T]);
  });
});

describe('dense output', () => {
  const midpointError = (sol: ode.ODESolution) => {
    let worst = 0;
    for (let i = 0; i + 1 < sol.t.length; i++) {
      const tm = ((sol.t[i] as number) + (sol.t[i + 1] as number)) / 2;
      worst = Math.max(worst, maxDiff(values(sol.at(tm)), exact(tm)));
    }
    return worst;
  };

  it.each([ode.DP5(), ode.Tsit5(), ode.BS3()].map((a) => [a.name, a] as const))(
    '%s interpolates between steps as accurately as it steps',
    (_, alg) => {
      const sol = ode.solve(oscillator, alg, { reltol: 1e-8, abstol: 1e-8 });
      const endError = maxDiff(last(sol), exact(T));
      // The interpolant's order matches the method's, so midpoints are no worse than ends.
      expect(midpointError(sol)).toBeLessThan(3 * endError + 1e-9);
    },
  );

  it('Tsit5 interpolant converges at fourth order or better between fixed steps', () => {
    const dts = [0.2, 0.1, 0.05, 0.025];
    const errs = dts.map((dt) =>
      midpointError(ode.solve(oscillator, ode.Tsit5(), { dt, adaptive: false })),
    );
    expect(logLogSlope(dts, errs)).toBeGreaterThan(3.8);
  });

  it('DP5 interpolant converges at fourth order or better between fixed steps', () => {
    const dts = [0.2, 0.1, 0.05, 0.025];
    const errs = dts.map((dt) =>
      midpointError(ode.solve(oscillator, ode.DP5(), { dt, adaptive: false })),
    );
    expect(logLogSlope(dts, errs)).toBeGreaterThan(3.8);
  });

  it('Hermite interpolation (RK4) converges at third order or better', () => {
    const dts = [0.2, 0.1, 0.05, 0.025];
    const errs = dts.map((dt) => midpointError(ode.solve(oscillator, ode.RK4(), { dt })));
    expect(logLogSlope(dts, errs)).toBeGreaterThan(2.8);
  });

  it('without dense output, at() interpolates linearly between saved points', () => {
    const sol = ode.solve(oscillator, ode.Tsit5(), { saveat: [1, 2] });
    expect(values(sol.at(1.5))).toBeAllClose(
      exact(1).map((x, i) => (x + (exact(2)[i] as number)) / 2),
      { atol: 1e-3 },
    );
  });
});

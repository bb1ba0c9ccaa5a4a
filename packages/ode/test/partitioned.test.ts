import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import { neg } from '@hamiltonian/autodiff';
import * as ode from '../src/index.js';
import { last, values } from './helpers.js';

// u'' = -u from (u', u) = (1, 0): u = sin t, u' = cos t; states are [u'; u].
const oscillator = ode.SecondOrderODEProblem((_v, u) => neg(u), [1], [0], [0, 5]);
const exact = (t: number) => [Math.cos(t), Math.sin(t)];

describe('partitioned problems', () => {
  it('Runge-Kutta methods solve a SecondOrderODEProblem, states ordered [v; u]', () => {
    const sol = ode.solve(oscillator, ode.Tsit5(), { reltol: 1e-10, abstol: 1e-10 });
    expect(last(sol)).toBeAllClose(exact(5), { atol: 1e-8 });
    expect(sol.toTensor().shape).toEqual([sol.t.length, 2]);
  });

  it('symplectic methods save at saveat points through Hermite interpolation', () => {
    const sol = ode.solve(oscillator, ode.KahanLi8(), { dt: 0.05, saveat: [0.33, 1.7, 4.01] });
    expect(sol.t).toEqual([0.33, 1.7, 4.01]);
    // Hermite between steps is third order: about dt^4 / 384 * |u''''| ~ 2e-8 here.
    sol.t.forEach((t, i) => expect(values(sol.u[i]!)).toBeAllClose(exact(t), { atol: 1e-7 }));
  });

  it('symplectic dense output evaluates between steps', () => {
    const sol = ode.solve(oscillator, ode.McAte4(), { dt: 0.01, dense: true });
    expect(values(sol.at(2.345))).toBeAllClose(exact(2.345), { atol: 1e-8 });
  });

  it('symplectic methods step onto tstops and the end exactly', () => {
    const sol = ode.solve(oscillator, ode.VelocityVerlet(), { dt: 0.3, tstops: [1] });
    expect(sol.t).toContain(1);
    expect(sol.t[sol.t.length - 1]).toBe(5);
  });

  it('a DynamicalODEProblem takes f1 for v and f2 for u', () => {
    // v' = -u, u' = 2 v from (v, u) = (1, 0): u = sqrt(2) sin(sqrt(2) t), v = cos(sqrt(2) t).
    const prob = ode.DynamicalODEProblem(
      (_v, u) => neg(u),
      (v) => values(v).map((x) => 2 * x),
      [1],
      [0],
      [0, 1],
    );
    const sol = ode.solve(prob, ode.Vern7(), { reltol: 1e-12, abstol: 1e-12 });
    const w = Math.SQRT2;
    expect(last(sol)).toBeAllClose([Math.cos(w), w * Math.sin(w)], { atol: 1e-10 });
  });
});

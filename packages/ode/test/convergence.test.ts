/**
 * Orders of convergence: each method's global error at the end of the span over halving fixed
 * steps, fitted on a log-log scale, must be within 0.2 of the nominal order.
 */
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@hamiltonian/tensor';
import * as ode from '../src/index.js';
import { halvings, last, logLogSlope } from './helpers.js';

const maxDiff = (x: readonly number[], y: readonly number[]): number =>
  Math.max(...x.map((v, i) => Math.abs(v - (y[i] as number))));

// Harmonic oscillator u = [q, p], q' = p, p' = -q, from (0, 1): q = sin t, p = cos t.
const T = 5;
const oscillator = ode.ODEProblem(
  (u) => {
    const d = (u as Tensor).data;
    return [d[1] as number, -(d[0] as number)];
  },
  [0, 1],
  [0, T],
);
const oscillatorExact = [Math.sin(T), Math.cos(T)];

// Pendulum theta'' = -sin(theta): nonlinear, so it exercises every order condition, not only
// the stability polynomial. Reference: Vern7 with a step small enough that its error is at
// roundoff level, yet few enough steps that roundoff does not accumulate.
const pendulum = ode.ODEProblem(
  (u) => {
    const d = (u as Tensor).data;
    return [d[1] as number, -Math.sin(d[0] as number)];
  },
  [1, 0],
  [0, 4],
);
const pendulumRef = last(ode.solve(pendulum, ode.Vern7(), { dt: 0.02, adaptive: false }));

const order = (
  prob: ode.ODEProblem<undefined>,
  alg: ode.Algorithm,
  dts: number[],
  ref: number[],
) => {
  const errs = dts.map((dt) => maxDiff(last(ode.solve(prob, alg, { dt, adaptive: false })), ref));
  return logLogSlope(dts, errs);
};

// Step ranges keep errors between about 1e-4 and 1e-12: asymptotic, and above roundoff.
const rkCases = [
  [ode.Euler(), 1, 0.02],
  [ode.Midpoint(), 2, 0.05],
  [ode.Heun(), 2, 0.05],
  [ode.RK4(), 4, 0.2],
  [ode.BS3(), 3, 0.1],
  [ode.DP5(), 5, 0.25],
  [ode.Tsit5(), 5, 0.25],
  [ode.Vern7(), 7, 0.5],
] as const;

describe('explicit Runge-Kutta orders', () => {
  it.each(rkCases.map(([alg, p, dt]) => [alg.name, alg, p, dt] as const))(
    '%s converges at its nominal order on the harmonic oscillator',
    (_, alg, p, dt) => {
      const count = alg.name === 'Vern7' ? 3 : 4;
      const slope = order(oscillator, alg, halvings(dt, count), oscillatorExact);
      expect(Math.abs(slope - p)).toBeLessThan(0.2);
    },
  );

  const nonlinear = [
    [ode.Euler(), 1, 0.05],
    [ode.Midpoint(), 2, 0.1],
    [ode.Heun(), 2, 0.1],
    [ode.RK4(), 4, 0.2],
    [ode.BS3(), 3, 0.1],
    [ode.DP5(), 5, 0.0625],
  ] as const;
  it.each(nonlinear.map(([alg, p, dt]) => [alg.name, alg, p, dt] as const))(
    '%s converges at its nominal order on the nonlinear pendulum',
    (_, alg, p, dt) => {
      const slope = order(pendulum, alg, halvings(dt, 4), pendulumRef);
      expect(Math.abs(slope - p)).toBeLessThan(0.2);
    },
  );

  // Tsit5 and Vern7 are tuned for tiny leading error coefficients, so on the pendulum the next
  // order's term still dominates at every step size above roundoff and the fitted slope sits
  // above nominal. What a wrong coefficient would cause is a slope below nominal: test that.
  it.each([
    [ode.Tsit5(), 5, 0.25],
    [ode.Vern7(), 7, 1],
  ] as const)('$name shows no order reduction on the nonlinear pendulum', (alg, p, dt) => {
    const slope = order(pendulum, alg, halvings(dt, 3), pendulumRef);
    expect(slope).toBeGreaterThan(p - 0.2);
  });
});

// Pendulum as a partitioned problem: v = theta', u = theta; states are [v; u].
const dynamicalPendulum = ode.DynamicalODEProblem(
  (_v, u) => [-Math.sin((u as Tensor).data[0] as number)],
  (v) => [(v as Tensor).data[0] as number],
  [0],
  [1],
  [0, 4],
);
const dynamicalRef = [pendulumRef[1] as number, pendulumRef[0] as number];

describe('symplectic orders', () => {
  const cases = [
    [ode.SymplecticEuler(), 1, 0.05],
    [ode.VelocityVerlet(), 2, 0.1],
    [ode.VerletLeapfrog(), 2, 0.1],
    [ode.CandyRoz4(), 4, 0.25],
    [ode.McAte4(), 4, 0.25],
    [ode.McAte5(), 5, 0.125],
    [ode.Yoshida6(), 6, 0.25],
    [ode.KahanLi8(), 8, 0.5],
  ] as const;
  it.each(cases.map(([alg, p, dt]) => [alg.name, alg, p, dt] as const))(
    '%s converges at its nominal order on the pendulum',
    (_, alg, p, dt) => {
      const dts = halvings(dt, alg.name === 'KahanLi8' ? 3 : 4);
      const errs = dts.map((h) =>
        maxDiff(last(ode.solve(dynamicalPendulum, alg, { dt: h })), dynamicalRef),
      );
      expect(Math.abs(logLogSlope(dts, errs) - p)).toBeLessThan(0.2);
    },
  );
});

/**
 * Long-time behaviour: symplectic methods keep the energy error bounded over 10^4 periods,
 * while an explicit Runge-Kutta method's energy drifts away.
 */
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@hamiltonian/tensor';
import * as ode from '../src/index.js';

const first = (x: unknown) => (x as Tensor).data[0] as number;

/** Max |H - H0| over the first and the last tenth of the run, tracked by a callback. */
const energyDrift = (
  prob: ode.AnyProblem,
  alg: ode.Algorithm,
  H: (u: Float64Array) => number,
  T: number,
  opts: ode.SolveOptions,
) => {
  let h0 = NaN;
  let early = 0;
  let late = 0;
  const track = ode.DiscreteCallback(
    (u, t) => {
      if (Number.isNaN(h0)) h0 = H(u);
      const e = Math.abs(H(u) - h0);
      if (t <= 0.1 * T) early = Math.max(early, e);
      if (t >= 0.9 * T) late = Math.max(late, e);
      return false;
    },
    () => undefined,
  );
  const sol = ode.solve(prob, alg, { ...opts, callback: track, saveEverystep: false });
  expect(sol.retcode).toBe('Success');
  return { early, late };
};

// Period 1: q' = 2 pi p, p' = -2 pi q. States are [p; q].
const periods = 1e4;
const w = 2 * Math.PI;
const oscillator = ode.DynamicalODEProblem(
  (_p, q) => [-w * first(q)],
  (p) => [w * first(p)],
  [1],
  [0],
  [0, periods],
);
const oscillatorH = (u: Float64Array) => (w / 2) * ((u[0] as number) ** 2 + (u[1] as number) ** 2);

// Pendulum H = p^2/2 - cos q, amplitude 1 rad: period about 6.74.
const pendulumPeriod = 6.7430014;
const pendulum = ode.DynamicalODEProblem(
  (_p, q) => [-Math.sin(first(q))],
  (p) => [first(p)],
  [0],
  [1],
  [0, periods * pendulumPeriod],
);
const pendulumH = (u: Float64Array) => (u[0] as number) ** 2 / 2 - Math.cos(u[1] as number);

// High-order methods reach roundoff: each of ~10^7 updates adds an error near 1e-16 with a
// random sign, so the energy wanders by about sqrt(10^7) * 1e-16 = 3e-13; allow 100 times that.
const ROUNDOFF = 3e-11;

const methods = [
  ode.SymplecticEuler(),
  ode.VelocityVerlet(),
  ode.VerletLeapfrog(),
  ode.CandyRoz4(),
  ode.McAte4(),
  ode.McAte5(),
  ode.Yoshida6(),
  ode.KahanLi8(),
];

describe('energy over 10^4 periods', () => {
  it.each(methods.map((m) => [m.name, m] as const))(
    '%s keeps the oscillator energy error bounded',
    (_, alg) => {
      const dt = 1 / 16;
      const { early, late } = energyDrift(oscillator, alg, oscillatorH, periods, { dt });
      // A symplectic method conserves a modified energy exactly, so |H - H0| oscillates with
      // a fixed amplitude: the last 1000 periods are no worse than the first 1000. The
      // amplitude is O((w dt)^order) relative to H0 = pi.
      expect(late).toBeLessThan(1.5 * early + ROUNDOFF);
      expect(late / Math.PI).toBeLessThan((w * dt) ** alg.tableau.order);
    },
  );

  it.each(methods.map((m) => [m.name, m] as const))(
    '%s keeps the pendulum energy error bounded',
    (_, alg) => {
      const T = periods * pendulumPeriod;
      const dt = 0.4;
      const { early, late } = energyDrift(pendulum, alg, pendulumH, T, { dt });
      expect(late).toBeLessThan(1.5 * early + ROUNDOFF);
      // The linearised frequency is 1 and |H0| = cos(1).
      expect(late / Math.cos(1)).toBeLessThan(dt ** alg.tableau.order);
    },
  );

  it('Tsit5 drifts: its energy error grows steadily over the same run', () => {
    // At a tolerance that keeps the error small, the drift is linear in time, so the last
    // tenth of the run ends about ten times further off than the first tenth.
    const opts = { reltol: 1e-6, abstol: 1e-6 };
    const osc = energyDrift(oscillator, ode.Tsit5(), oscillatorH, periods, opts);
    expect(osc.late).toBeGreaterThan(5 * osc.early);
    const T = periods * pendulumPeriod;
    const pend = energyDrift(pendulum, ode.Tsit5(), pendulumH, T, opts);
    expect(pend.late).toBeGreaterThan(5 * pend.early);
  });
});

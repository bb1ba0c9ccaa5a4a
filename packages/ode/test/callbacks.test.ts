import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import { neg } from '@hamiltonian/autodiff';
import type { Tensor } from '@hamiltonian/tensor';
import * as ode from '../src/index.js';
import { last, values } from './helpers.js';

const g = 9.81;
// u = [height, velocity].
const fallingBall = ode.ODEProblem((u) => [(u as Tensor).data[1] as number, -g], [1, 0], [0, 3]);

describe('callbacks', () => {
  it('a continuous callback locates each bounce of a ball on the interpolant', () => {
    const bounces: number[] = [];
    const bounce = ode.ContinuousCallback(
      (u) => u[0] as number,
      (i) => {
        bounces.push(i.t);
        i.u[1] = -0.9 * (i.u[1] as number);
      },
    );
    const sol = ode.solve(fallingBall, ode.Tsit5(), {
      callback: bounce,
      reltol: 1e-10,
      abstol: 1e-10,
    });
    expect(sol.retcode).toBe('Success');
    // Free fall from height 1: t1 = sqrt(2/g); each flight after lasts 2 * 0.9^k * g t1 / g.
    const t1 = Math.sqrt(2 / g);
    const expected = [t1, t1 + 2 * 0.9 * t1, t1 + 2 * 0.9 * t1 + 2 * 0.81 * t1];
    expect(bounces.slice(0, 3)).toBeAllClose(expected, { atol: 1e-8 });
    // The ball never goes through the floor.
    for (const u of sol.u) expect(values(u)[0]).toBeGreaterThan(-1e-8);
  });

  it('a continuous callback can terminate at the crossing', () => {
    const prob = ode.ODEProblem(() => [-1], [1], [0, 5]);
    const stop = ode.ContinuousCallback(
      (u) => (u[0] as number) - 0.25,
      (i) => i.terminate(),
    );
    const sol = ode.solve(prob, ode.Tsit5(), { callback: stop });
    expect(sol.retcode).toBe('Terminated');
    expect(sol.t[sol.t.length - 1]).toBeCloseTo(0.75, 12);
    expect(last(sol)[0]).toBeCloseTo(0.25, 12);
  });

  it('affectNeg: null ignores downcrossings', () => {
    const hits: number[] = [];
    const osc = ode.ODEProblem(
      (u) => {
        const d = (u as Tensor).data;
        return [d[1] as number, -(d[0] as number)];
      },
      [0, 1],
      [0, 10],
    );
    const up = ode.ContinuousCallback(
      (u) => u[0] as number,
      (i) => void hits.push(i.t),
      {
        affectNeg: null,
      },
    );
    ode.solve(osc, ode.Tsit5(), { callback: up, reltol: 1e-9, abstol: 1e-9 });
    // sin t crosses zero upward at 2 pi only (t = 0 is the start, not a crossing).
    expect(hits).toBeAllClose([2 * Math.PI], { atol: 1e-7 });
  });

  it('a discrete callback at a tstop changes the state exactly there', () => {
    const prob = ode.ODEProblem((u) => neg(u), [1], [0, 2]);
    const kick = ode.DiscreteCallback(
      (_u, t) => t === 1,
      (i) => {
        i.u[0] = 1;
      },
    );
    const sol = ode.solve(prob, ode.Tsit5(), {
      callback: kick,
      tstops: [1],
      reltol: 1e-10,
      abstol: 1e-10,
    });
    expect(sol.t).toContain(1);
    // After the reset at t = 1 the solution is exp(-(t - 1)).
    expect(last(sol)).toBeAllClose([Math.exp(-1)], { rtol: 1e-8 });
  });

  it('a discrete callback can terminate', () => {
    const prob = ode.ODEProblem((u) => neg(u), [1], [0, 10]);
    const stop = ode.DiscreteCallback(
      (u) => (u[0] as number) < 0.5,
      (i) => i.terminate(),
    );
    const sol = ode.solve(prob, ode.Tsit5(), { callback: stop });
    expect(sol.retcode).toBe('Terminated');
    expect(last(sol)[0]).toBeLessThan(0.5);
    expect(sol.t[sol.t.length - 1]).toBeLessThan(10);
  });

  it('CallbackSet runs several callbacks', () => {
    const seen: string[] = [];
    const prob = ode.ODEProblem(() => [1], [0], [0, 1]);
    const set = ode.CallbackSet(
      ode.ContinuousCallback(
        (u) => (u[0] as number) - 0.5,
        () => void seen.push('half'),
      ),
      ode.DiscreteCallback(
        () => true,
        () => void seen.push('step'),
      ),
    );
    ode.solve(prob, ode.Tsit5(), { callback: set });
    expect(seen).toContain('half');
    expect(seen).toContain('step');
  });
});

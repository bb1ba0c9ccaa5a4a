/** The README's example, kept running. */
import { expect, it } from 'vitest';
import { grad, mul, neg, primalOf, sum, type Value } from '@hamiltonian/autodiff';
import { scalar } from '@hamiltonian/tensor';
import { ContinuousCallback, ODEProblem, Tsit5, solve } from '../src/index.js';

it('the README example runs and prints what it says', () => {
  // du/dt = -k u on [0, 2]: u(t) = exp(-k t).
  const decay = (k: Value | number) =>
    ODEProblem((u, kk: Value | number) => mul(neg(kk), u), [1], [0, 2], k);

  const sol = solve(decay(0.5), Tsit5(), { reltol: 1e-8, abstol: 1e-8 });
  expect(sol.retcode).toBe('Success');
  expect(primalOf(sol.at(1)).data[0]).toBeCloseTo(Math.exp(-0.5), 7);

  // Stop where u crosses 1/2: at t = 2 ln 2.
  const half = ContinuousCallback(
    (u) => (u[0] as number) - 0.5,
    (integrator) => integrator.terminate(),
  );
  const stopped = solve(decay(0.5), Tsit5(), { callback: half });
  expect(stopped.retcode).toBe('Terminated');
  // At the default tolerances the interpolant, and so the crossing, is good to about 1e-5.
  expect(stopped.t[stopped.t.length - 1]).toBeCloseTo(2 * Math.LN2, 4);

  // d u(2) / dk = -2 exp(-2k), through the steps.
  const dudk = grad((k: Value) => sum(solve(decay(k), Tsit5(), { reltol: 1e-8 }).at(2)))(
    scalar(0.5),
  );
  expect(primalOf(dudk).data[0]).toBeCloseTo(-2 * Math.exp(-1), 6);
});

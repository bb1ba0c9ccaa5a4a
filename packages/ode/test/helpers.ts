/**
 * Shared test helpers: least-squares slopes for convergence orders, and plain-array access to
 * solution states.
 */
import { primalOf, type Value } from '@hamiltonian/autodiff';
import type { ODESolution } from '../src/index.js';

/** Slope of the least-squares line through (log x, log y). */
export const logLogSlope = (xs: readonly number[], ys: readonly number[]): number => {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((x, i) => {
    num += (x - mx) * ((ly[i] as number) - my);
    den += (x - mx) * (x - mx);
  });
  return num / den;
};

/** The values of a state as a plain array. */
export const values = (x: Value): number[] => Array.from(primalOf(x).data);

/** The last saved state of a solution as a plain array. */
export const last = (sol: ODESolution): number[] => values(sol.u[sol.u.length - 1] as Value);

/** dt, dt/2, dt/4, ... (count entries). */
export const halvings = (dt: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => dt / 2 ** i);

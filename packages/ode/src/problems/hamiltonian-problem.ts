/**
 * `HamiltonianProblem`: Hamilton's equations from a scalar H(p, q), with the derivatives taken
 * by autodiff, so only the energy has to be written.
 */
import { grad, neg, type Value, type ValueLike } from '@hamiltonian/autodiff';
import { DynamicalODEProblem } from './dynamical-problem.js';
import type { StateInput } from './state.js';

/** A Hamiltonian: a scalar function of momenta `p`, positions `q`, parameters and time. */
export type Hamiltonian<P> = (p: Value, q: Value, params: P, t: number) => ValueLike;

/**
 * Defines dq/dt = dH/dp, dp/dt = -dH/dq from (p0, q0), as a `DynamicalODEProblem` with v = p
 * and u = q. Solution states are `[p; q]`: momenta first, as DiffEqPhysics orders them.
 *
 * Pitfall: H takes (p, q), momenta first; swapping them flips the sign of time.
 *
 * @example
 * // Pendulum: H = p^2/2 - cos(q).
 * const H = (p: Value, q: Value) => sub(mul(0.5, sum(square(p))), sum(cos(q)));
 * const prob = HamiltonianProblem(H, [0], [1], [0, 100]);
 * solve(prob, KahanLi8(), { dt: 0.1 });
 */
export function HamiltonianProblem<P = undefined>(
  H: Hamiltonian<P>,
  p0: StateInput,
  q0: StateInput,
  tspan: readonly [number, number],
  params?: P,
): DynamicalODEProblem<P> {
  const scalarH = (p: Value, q: Value, prm: P, t: number): ValueLike => H(p, q, prm, t);
  const dHdp = grad(scalarH, { argnums: 0 });
  const dHdq = grad(scalarH, { argnums: 1 });
  const f1 = (p: Value, q: Value, prm: P, t: number): Value => neg(dHdq(p, q, prm, t));
  const f2 = (p: Value, q: Value, prm: P, t: number): Value => dHdp(p, q, prm, t);
  return DynamicalODEProblem(f1, f2, p0, q0, tspan, params);
}

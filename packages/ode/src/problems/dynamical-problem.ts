/**
 * Partitioned problems: `DynamicalODEProblem` (dv/dt = f1(v, u), du/dt = f2(v, u)) and its
 * special case `SecondOrderODEProblem` (u'' = f(u', u)). These are what symplectic methods need.
 *
 * State ordering, as Julia's ArrayPartition(v0, u0): the solution's states are flat vectors
 * `[v; u]`, velocities (or momenta) first, positions second.
 */
import type { Value } from '@hamiltonian/autodiff';
import {
  checkFunction,
  toInitialState,
  toTspan,
  type InitialState,
  type StateInput,
} from './state.js';
import type { ODEFunction } from './ode-problem.js';

/** One half of a partitioned field, out of place; same conventions as `ODEFunction`. */
export type PartitionedFunction<P> = (
  v: Value,
  u: Value,
  p: P,
  t: number,
) => ReturnType<ODEFunction<P>>;

/** dv/dt = f1(v, u, p, t), du/dt = f2(v, u, p, t). */
export interface DynamicalODEProblem<P = undefined> {
  readonly kind: 'DynamicalODEProblem';
  readonly f1: PartitionedFunction<P>;
  readonly f2: PartitionedFunction<P>;
  readonly v0: InitialState;
  readonly u0: InitialState;
  readonly tspan: readonly [number, number];
  readonly p: P;
}

/**
 * Defines dv/dt = f1(v, u, p, t), du/dt = f2(v, u, p, t) from (v0, u0).
 *
 * Pitfall: the argument order is (v, u) everywhere, as in DifferentialEquations.jl, and states
 * in the solution are `[v; u]`.
 *
 * @example
 * // Harmonic oscillator: v' = -u, u' = v.
 * const prob = DynamicalODEProblem((v, u) => neg(u), (v) => v, [0], [1], [0, 10]);
 * solve(prob, McAte4(), { dt: 0.1 });
 */
export function DynamicalODEProblem<P = undefined>(
  f1: PartitionedFunction<P>,
  f2: PartitionedFunction<P>,
  v0: StateInput,
  u0: StateInput,
  tspan: readonly [number, number],
  p?: P,
): DynamicalODEProblem<P> {
  checkFunction('DynamicalODEProblem: f1', f1);
  checkFunction('DynamicalODEProblem: f2', f2);
  return {
    kind: 'DynamicalODEProblem',
    f1,
    f2,
    v0: toInitialState('DynamicalODEProblem: v0', v0),
    u0: toInitialState('DynamicalODEProblem: u0', u0),
    tspan: toTspan(tspan),
    p: p as P,
  };
}

/**
 * Defines u'' = f(du, u, p, t) from (du0, u0): a `DynamicalODEProblem` with f1 = f and
 * f2 = (v) => v. The solution's states are `[du; u]`.
 *
 * @example
 * // Pendulum: theta'' = -sin(theta).
 * const prob = SecondOrderODEProblem((dth, th) => neg(sin(th)), [0], [1], [0, 10]);
 */
export function SecondOrderODEProblem<P = undefined>(
  f: PartitionedFunction<P>,
  du0: StateInput,
  u0: StateInput,
  tspan: readonly [number, number],
  p?: P,
): DynamicalODEProblem<P> {
  checkFunction('SecondOrderODEProblem: f', f);
  return DynamicalODEProblem(f, (v) => v, du0, u0, tspan, p);
}

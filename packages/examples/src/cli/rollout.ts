/**
 * Rollouts: solving a learned vector field from initial states, and comparing the true energy
 * along it with the true energy along the true trajectory (the paper's energy MSE).
 */
import { jit, type Value } from '@hamiltonian/autodiff';
import { ODEProblem, solve, type Algorithm, type ReturnCode } from '@hamiltonian/ode';
import type { Tensor } from '@hamiltonian/tensor';
import type { HamiltonianSystem } from '../systems/system.js';
import type { Learner } from './network.js';

/** A solved learned trajectory (or batch of them). */
export interface Rollout {
  /** The saved times actually reached. */
  readonly t: readonly number[];
  /** States `[nt, ...x0.shape]`. */
  readonly states: Tensor;
  readonly retcode: ReturnCode;
  readonly message: string;
}

/** Options of `rollout`. */
export interface RolloutOptions {
  readonly alg: Algorithm;
  readonly reltol?: number;
  readonly abstol?: number;
  /** The step of a fixed-step method. */
  readonly dt?: number;
}

/**
 * Solves dx/dt = learner.field(x, params) from `x0` (`[2n]` or a batch `[B, 2n]`), saving at
 * `times`. A failed solve (a baseline that blows up, say) returns what was reached, with the
 * `retcode` and message, rather than throwing.
 *
 * @example
 * const r = rollout(learner, params, x0, linspace([0, 20], 200), { alg: Tsit5() });
 */
export const rollout = (
  learner: Learner,
  params: Value,
  x0: Tensor,
  times: readonly number[],
  options: RolloutOptions,
): Rollout => {
  const field = jit((x: Value, p: Value) => learner.field(x, p));
  const tspan: [number, number] = [times[0] as number, times[times.length - 1] as number];
  const problem = ODEProblem((u: Value, p: Value) => field(u, p), x0, tspan, params);
  const { reltol = 1e-8, abstol = 1e-8, dt } = options;
  const solution = solve(problem, options.alg, {
    reltol,
    abstol,
    saveat: [...times],
    maxiters: 200_000,
    ...(dt === undefined ? {} : { dt }),
  });
  return {
    t: solution.t,
    states: solution.toTensor() as Tensor,
    retcode: solution.retcode,
    message: solution.message,
  };
};

/** The true energy of every state in `[..., 2n]` states, flattened. */
export const energiesOf = (system: HamiltonianSystem, states: Tensor): Float64Array =>
  Float64Array.from((system.H(states) as Tensor).data);

/**
 * The paper's energy MSE: the mean over saved times (and trajectories) of the squared
 * difference between the true energy along the true states and along the learned ones. When
 * the learned rollout stopped early, only the times it reached count.
 *
 * @example
 * energyMse(system, trueStates, learned.states); // a number
 */
export const energyMse = (
  system: HamiltonianSystem,
  trueStates: Tensor,
  learnedStates: Tensor,
): number => {
  const a = energiesOf(system, trueStates);
  const b = energiesOf(system, learnedStates);
  const n = Math.min(a.length, b.length);
  let total = 0;
  for (let i = 0; i < n; i++) total += ((a[i] as number) - (b[i] as number)) ** 2;
  return n === 0 ? NaN : total / n;
};

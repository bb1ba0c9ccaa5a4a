/**
 * Trajectories solved from a system's true energy with the ode package at tight tolerance: the
 * data an experiment trains on and the references its rollouts are compared against.
 */
import { jit, type Value } from '@hamiltonian/autodiff';
import { symplecticGradient } from '@hamiltonian/hnn';
import { ODEProblem, solve, Tsit5 } from '@hamiltonian/ode';
import { random, type Key, type Tensor } from '@hamiltonian/tensor';
import type { DataSettings, HamiltonianSystem } from './system.js';
import type { Trajectory, TrajectorySet } from './trajectories.js';

/** Evenly spaced times over `tspan`, both ends included. */
export const linspace = (tspan: readonly [number, number], points: number): number[] => {
  const [t0, t1] = tspan;
  if (points === 1) return [t0];
  return Array.from({ length: points }, (_, i) => t0 + ((t1 - t0) * i) / (points - 1));
};

/** The exact vector field of a system, compiled once per system. */
const fields = new WeakMap<HamiltonianSystem, (x: Value) => Value>();
export const trueField = (system: HamiltonianSystem): ((x: Value) => Value) => {
  let field = fields.get(system);
  if (field === undefined) {
    field = jit(symplecticGradient(system.H));
    fields.set(system, field);
  }
  return field;
};

/** Thrown when a solve of the true dynamics fails. */
export class SolveFailure extends Error {
  override readonly name = 'SolveFailure';
}

/**
 * Solves the true dynamics from a batch of initial states `[B, 2n]` (all at once: one adaptive
 * solve whose step suits every trajectory) and returns the states `[nt, B, 2n]`.
 */
export const solveTrue = (
  system: HamiltonianSystem,
  x0: Tensor,
  times: readonly number[],
  reltol: number,
): Tensor => {
  const field = trueField(system);
  const tspan: [number, number] = [times[0] as number, times[times.length - 1] as number];
  const problem = ODEProblem((u: Value) => field(u), x0, tspan);
  const solution = solve(problem, Tsit5(), { reltol, abstol: reltol, saveat: [...times] });
  if (!solution.successful) {
    throw new SolveFailure(`solving ${system.name} (H = ${system.formula}): ${solution.message}`);
  }
  return solution.toTensor() as Tensor;
};

/** Rows of `[nt, B, w]` states for trajectory `b`. */
const rowsOf = (states: Tensor, b: number): number[][] => {
  const [nt, batch, width] = states.shape as [number, number, number];
  return Array.from({ length: nt }, (_, i) => {
    const offset = (i * batch + b) * width;
    return Array.from(states.data.subarray(offset, offset + width) as Float64Array);
  });
};

/**
 * Samples `settings.trajectories` trajectories of `system`: initial states from its sampler,
 * solved with Tsit5 at `settings.reltol`, derivatives from the exact vector field at the clean
 * states, then Gaussian noise of `settings.noise` added to the states (as the paper does: the
 * targets stay exact).
 *
 * @example
 * const set = sampleTrajectories(builtinSystem('spring'), settings, random.key(0));
 */
export const sampleTrajectories = (
  system: HamiltonianSystem,
  settings: DataSettings,
  key: Key,
): TrajectorySet => {
  const [kInit, kNoise] = random.split(key) as [Key, Key];
  const count = settings.trajectories;
  const times = linspace(settings.tspan, settings.points);
  const clean = solveTrue(system, system.sample(kInit, count), times, settings.reltol);
  const derivatives = trueField(system)(clean) as Tensor;
  const noise = random.normal(kNoise, clean.shape);
  const trajectories: Trajectory[] = Array.from({ length: count }, (_, b) => {
    const states = rowsOf(clean, b);
    const jitter = rowsOf(noise, b);
    return {
      id: String(b),
      t: times,
      states: states.map((row, i) => row.map((v, j) => v + settings.noise * jitter[i]![j]!)),
      derivatives: rowsOf(derivatives, b),
    };
  });
  return { coords: system.coords, trajectories };
};

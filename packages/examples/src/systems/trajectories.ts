/**
 * Trajectories as the `hnn` command handles them, whether solved from a system or read from a
 * file, and the training arrays made from them.
 */
import { fromTypedArray, type Tensor } from '@hamiltonian/tensor';

/** One trajectory: saved times, the state at each, and optionally the time derivatives. */
export interface Trajectory {
  readonly id: string;
  readonly t: readonly number[];
  /** One row per time, in the order of the set's coordinates. */
  readonly states: readonly (readonly number[])[];
  /** One row (dq/dt, dp/dt) per time; absent when only states were measured. */
  readonly derivatives?: readonly (readonly number[])[];
}

/** Trajectories over the same coordinates. */
export interface TrajectorySet {
  /** n positions then their n momenta. */
  readonly coords: readonly string[];
  readonly trajectories: readonly Trajectory[];
}

/** Inputs and targets for training: states `[N, 2n]` and their derivatives `[N, 2n]`. */
export interface Samples {
  readonly data: Tensor;
  readonly target: Tensor;
}

/**
 * Time derivatives of a trajectory's states by finite differences: central in the interior,
 * one-sided at the two ends (first order there), with the actual time steps, so uneven sampling
 * is fine. Needs at least two times.
 *
 * Pitfall: differences amplify measurement noise by about noise / dt; smooth noisy data first.
 *
 * @example
 * finiteDifferences([0, 1, 2], [[0], [1], [4]]); // [[1], [2], [3]]
 */
export const finiteDifferences = (
  t: readonly number[],
  states: readonly (readonly number[])[],
): number[][] => {
  const last = t.length - 1;
  return states.map((_, i) => {
    const a = Math.max(0, i - 1);
    const b = Math.min(last, i + 1);
    const dt = (t[b] as number) - (t[a] as number);
    const sa = states[a] as readonly number[];
    const sb = states[b] as readonly number[];
    return sa.map((v, j) => ((sb[j] as number) - v) / dt);
  });
};

/**
 * Every saved state of every trajectory as one training sample, with its derivative (the
 * measured one, or finite differences when the set has none).
 *
 * @example
 * const { data, target } = toSamples(set); // [N, 2n] each
 */
export const toSamples = (set: TrajectorySet): Samples => {
  const width = set.coords.length;
  const rows = set.trajectories.reduce((n, tr) => n + tr.t.length, 0);
  const data = new Float64Array(rows * width);
  const target = new Float64Array(rows * width);
  let row = 0;
  for (const tr of set.trajectories) {
    const derivatives = tr.derivatives ?? finiteDifferences(tr.t, tr.states);
    tr.states.forEach((state, i) => {
      data.set(state, row * width);
      target.set(derivatives[i] as readonly number[], row * width);
      row++;
    });
  }
  return {
    data: fromTypedArray(data, [rows, width]),
    target: fromTypedArray(target, [rows, width]),
  };
};

/**
 * Splits trajectories into train and test sets, whole trajectories at a time: the last
 * `round(testSplit * count)` are held out (at least one of each when there are two or more).
 *
 * @example
 * const { train, test } = splitTrajectories(set, 0.5);
 */
export const splitTrajectories = (
  set: TrajectorySet,
  testSplit: number,
): { readonly train: TrajectorySet; readonly test: TrajectorySet } => {
  const count = set.trajectories.length;
  const wanted = Math.round(testSplit * count);
  const held = count < 2 ? 0 : Math.min(count - 1, Math.max(testSplit > 0 ? 1 : 0, wanted));
  const cut = count - held;
  return {
    train: { coords: set.coords, trajectories: set.trajectories.slice(0, cut) },
    test: { coords: set.coords, trajectories: set.trajectories.slice(cut) },
  };
};

/**
 * Comparing trained networks on the same data: train and test loss, and the energy MSE of
 * rollouts from held-out initial states against the true system.
 */
import type { Value } from '@hamiltonian/autodiff';
import { Tsit5 } from '@hamiltonian/ode';
import type { Tensor } from '@hamiltonian/tensor';
import { linspace, solveTrue } from '../systems/generate.js';
import type { HamiltonianSystem } from '../systems/system.js';
import type { RunData } from './experiment.js';
import { keyFor, lossStat, type LossStat } from './fit.js';
import type { Learner } from './network.js';
import { energyMse, rollout, type Rollout } from './rollout.js';

/** One network's scores. */
export interface Scores {
  readonly label: string;
  readonly trainLoss: LossStat;
  readonly testLoss: LossStat;
  /** Undefined when the true energy is unknown (data from a file). */
  readonly energyMse: number | undefined;
  /** Whether every rollout reached the end of the span. */
  readonly rolloutsComplete: boolean;
  readonly learned: Rollout | undefined;
}

/** Held-out initial states and the true trajectories from them, shared by every network. */
export interface References {
  readonly times: readonly number[];
  readonly x0: Tensor;
  /** `[nt, B, 2n]`. */
  readonly states: Tensor;
}

/**
 * `count` fresh initial states (from the run's rollout key, so never training data) and their
 * true trajectories over `tspan`, solved at rtol 1e-10.
 */
export const references = (
  system: HamiltonianSystem,
  seed: number,
  count: number,
  tspan: readonly [number, number],
  points: number,
): References => {
  const x0 = system.sample(keyFor(seed, 'rollout'), count);
  const times = linspace(tspan, points);
  return { times, x0, states: solveTrue(system, x0, times, 1e-10) };
};

/** Scores one network on the run's data and, when given, the reference rollouts. */
export const score = (
  label: string,
  learner: Learner,
  params: Value,
  data: RunData,
  refs: References | undefined,
): Scores => {
  const trainLoss = lossStat(learner, params, data.trainSamples);
  const testLoss = lossStat(learner, params, data.testSamples);
  if (refs === undefined || data.system === undefined) {
    return {
      label,
      trainLoss,
      testLoss,
      energyMse: undefined,
      rolloutsComplete: true,
      learned: undefined,
    };
  }
  const learned = rollout(learner, params, refs.x0, refs.times, {
    alg: Tsit5(),
    reltol: 1e-8,
    abstol: 1e-8,
  });
  return {
    label,
    trainLoss,
    testLoss,
    energyMse: energyMse(data.system, refs.states, learned.states),
    rolloutsComplete: learned.retcode === 'Success',
    learned,
  };
};

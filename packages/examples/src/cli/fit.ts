/**
 * Training a network on (state, derivative) samples with a jit-compiled step, and measuring
 * its losses the way the HNN paper reports them.
 */
import { add, jit, mul, square, sub, sum, type Value } from '@hamiltonian/autodiff';
import {
  Adam,
  AdamW,
  DataLoader,
  SGD,
  mse,
  train,
  trainStep,
  type Optimiser,
} from '@hamiltonian/nn';
import { random, type Key, type Tensor } from '@hamiltonian/tensor';
import type { Samples } from '../systems/trajectories.js';
import type { Learner } from './network.js';

/** The optimisers `--optimiser` accepts. */
export type OptimiserName = 'adam' | 'adamw' | 'sgd';

/** How to train. */
export interface FitOptions {
  readonly optimiser: OptimiserName;
  readonly lr: number;
  /**
   * For adam and sgd an L2 penalty whose gradient is `weightDecay * params` (PyTorch's coupled
   * `weight_decay`, which the paper's spring and pendulum use); for adamw the decoupled decay.
   */
  readonly weightDecay: number;
  readonly epochs: number;
  /** Samples per step; the number of samples (or more) means full batch. */
  readonly batchsize: number;
  readonly key: Key;
}

/** What `fit` reports after each epoch. */
export interface FitProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
}

/** A loss as the paper reports it: the mean squared error and its standard error. */
export interface LossStat {
  readonly mean: number;
  readonly stderr: number;
}

const makeOptimiser = (o: FitOptions): Optimiser => {
  if (o.optimiser === 'adamw') return AdamW(o.lr, { lambda: o.weightDecay });
  return o.optimiser === 'sgd' ? SGD(o.lr) : Adam(o.lr);
};

/**
 * Trains `learner` from its initial parameters on `samples` and returns the final parameters.
 * Each step is `jit`-compiled (one compile per batch shape), batches are reshuffled every epoch
 * from `options.key`, and `onEpoch` sees the mean batch loss after each epoch.
 *
 * @example
 * const params = fit(learner, samples, { optimiser: 'adam', lr: 1e-3, weightDecay: 0,
 *   epochs: 100, batchsize: 750, key: random.key(1) });
 */
export const fit = (
  learner: Learner,
  samples: Samples,
  options: FitOptions,
  onEpoch?: (progress: FitProgress) => void,
): Tensor => {
  const size = samples.data.shape[0] as number;
  const decay = options.optimiser === 'adamw' ? 0 : options.weightDecay;
  const dataLoss = (params: Value, x: Value, y: Value): Value => mse(learner.field(x, params), y);
  const loss =
    decay === 0
      ? dataLoss
      : (params: Value, x: Value, y: Value): Value =>
          add(dataLoss(params, x, y), mul(sum(square(params)), decay / 2));
  const optimiser = makeOptimiser(options);
  const batchsize = Math.min(options.batchsize, size);
  const loader = DataLoader(samples, {
    batchsize,
    shuffle: batchsize < size,
    key: options.key,
  });
  const result = train<Value>({
    loss,
    params: learner.initial,
    optimiser,
    loader,
    epochs: options.epochs,
    step: jit(trainStep(loss, optimiser)),
    callback: ({ epoch, loss: value }) => onEpoch?.({ epoch, epochs: options.epochs, loss: value }),
  });
  if (result.retcode === 'NonFinite') {
    throw new Error(
      `training diverged: the loss became ${result.losses[result.losses.length - 1]} in epoch ` +
        `${result.epochs}; lower --lr (now ${options.lr})`,
    );
  }
  return result.params as Tensor;
};

/**
 * The mean squared error of the predicted derivatives over all entries, with its standard
 * error over samples (the paper's `mean ± std / sqrt(N)` of squared distances).
 *
 * @example
 * lossStat(learner, params, test).mean;
 */
export const lossStat = (learner: Learner, params: Value, samples: Samples): LossStat => {
  const errors = jit((p: Value, x: Value, y: Value) => square(sub(learner.field(x, p), y)));
  const sq = (errors(params, samples.data, samples.target) as Tensor).data;
  const n = sq.length;
  if (n === 0) return { mean: NaN, stderr: NaN };
  let total = 0;
  for (let i = 0; i < n; i++) total += sq[i] as number;
  const mean = total / n;
  let spread = 0;
  for (let i = 0; i < n; i++) spread += ((sq[i] as number) - mean) ** 2;
  const rows = samples.data.shape[0] as number;
  return { mean, stderr: Math.sqrt(spread / n) / Math.sqrt(rows) };
};

/** A key derived from a seed for one purpose, so data, init and batches stay independent. */
export const keyFor = (seed: number, purpose: 'data' | 'init' | 'batches' | 'rollout'): Key => {
  const index = { data: 0, init: 1, batches: 2, rollout: 3 }[purpose];
  return random.foldIn(random.key(seed), index);
};

/**
 * `train`: the small loop of Flux's `train!`, over epochs of a `DataLoader`, reporting through a
 * callback and a result code; it prints nothing.
 */
import { isValue, primalOf, valueAndGrad, type Tree, type Value } from '@hamiltonian/autodiff';
import { item, type Tensor } from '@hamiltonian/tensor';
import type { DataLoader } from './data/loader.js';
import { NNError } from './errors.js';
import type { Optimiser, OptimiserState } from './optimisers/optimiser.js';

/** A loss of the parameters on one batch; must return a scalar. */
export type LossFn<P extends Tree> = (params: P, x: Value, y: Value) => Value | number;

/**
 * One training step: new parameters, new optimiser state and the batch loss before the step.
 * `train` calls it once per batch; pass a compiled one (`jit(trainStep(loss, opt))`) to go fast.
 */
export type TrainStep<P extends Tree> = (
  params: P,
  optState: OptimiserState<P>,
  x: Tensor,
  y: Tensor,
) => readonly [P, OptimiserState<P>, Value | number];

/** What the callback sees after each epoch. */
export interface EpochInfo<P extends Tree> {
  /** Epochs completed so far: 1 after the first. */
  readonly epoch: number;
  /** The parameters after this epoch. */
  readonly params: P;
  /** The mean batch loss over the epoch (weighted by batch size), before each batch's step. */
  readonly loss: number;
}

/** Stop when the epoch loss has not improved by more than `minDelta` for `patience` epochs. */
export interface EarlyStop {
  readonly patience: number;
  /** The improvement that counts (default 0: any decrease). */
  readonly minDelta?: number;
}

/** Options of `train`. */
export interface TrainOptions<P extends Tree> {
  readonly loss: LossFn<P>;
  readonly params: P;
  readonly optimiser: Optimiser;
  readonly loader: DataLoader;
  readonly epochs: number;
  /** A state to resume from (default `optimiser.init(params)`). */
  readonly optState?: OptimiserState<P>;
  /** Called after each epoch; returning 'stop' ends training. */
  readonly callback?: (info: EpochInfo<P>) => void | 'stop';
  readonly earlyStop?: EarlyStop;
  /** Replaces the default eager step, e.g. with a `jit`-compiled one. */
  readonly step?: TrainStep<P>;
}

/**
 * Why training ended: all epochs ran (`Success`), the callback asked (`CallbackStop`), early
 * stopping triggered (`EarlyStop`), or an epoch loss was NaN or infinite (`NonFinite`).
 */
export type TrainRetcode = 'Success' | 'CallbackStop' | 'EarlyStop' | 'NonFinite';

/** The outcome of `train`. */
export interface TrainResult<P extends Tree> {
  readonly params: P;
  readonly optState: OptimiserState<P>;
  /** Epochs completed. */
  readonly epochs: number;
  /** The mean batch loss of each completed epoch. */
  readonly losses: readonly number[];
  readonly retcode: TrainRetcode;
}

/**
 * The default step: the loss and its gradient by `valueAndGrad`, then one optimiser update.
 * The step reads no concrete values, so `jit` can compile it.
 *
 * @example
 * const step = jit(trainStep(loss, Adam(0.01)));
 * train({ loss, params, optimiser, loader, epochs: 500, step });
 */
export const trainStep =
  <P extends Tree>(loss: LossFn<P>, optimiser: Optimiser): TrainStep<P> =>
  (params, optState, x, y) => {
    const [value, grads] = valueAndGrad(loss)(params, x, y);
    const [next, state] = optimiser.update(grads as P, optState, params);
    return [next, state, value];
  };

const toNumber = (v: Value | number): number => (isValue(v) ? item(primalOf(v)) : v);

const checkOptions = <P extends Tree>(options: TrainOptions<P>): void => {
  const { epochs, earlyStop } = options;
  if (!Number.isSafeInteger(epochs) || epochs < 0) {
    throw new NNError(`train: epochs must be an integer >= 0, got ${String(epochs)}`);
  }
  if (
    earlyStop !== undefined &&
    !(Number.isSafeInteger(earlyStop.patience) && earlyStop.patience >= 1)
  ) {
    throw new NNError(
      `train: earlyStop.patience must be a positive integer, got ${String(earlyStop.patience)}`,
    );
  }
  if (options.loader.length === 0) {
    throw new NNError(
      `train: the loader has no batches (${options.loader.size} samples, batchsize ` +
        `${options.loader.batchsize}, partial false); lower the batchsize or keep the ` +
        'partial batch',
    );
  }
};

/**
 * Trains `params` for `epochs` passes over `loader`: per batch, the gradient of
 * `loss(params, x, y)` and an `optimiser` update (or the given `step`); after each epoch
 * `callback({ epoch, params, loss })`. Returns the final parameters and state with a `retcode`.
 *
 * Epoch e (0-based) uses `loader.epoch(e)`, so a seeded run repeats bit for bit.
 *
 * @example
 * const model = Chain(Dense(1, 16, 'tanh'), Dense(16, 1));
 * const result = train({
 *   loss: (params, x, y) => mse(model(x, params), y),
 *   params: model.init(key(0)),
 *   optimiser: Adam(0.01),
 *   loader: DataLoader({ data, target }, { batchsize: 32, shuffle: true, key: key(1) }),
 *   epochs: 100,
 *   callback: ({ epoch, loss }) => (loss < 1e-4 ? 'stop' : undefined),
 * });
 */
export const train = <P extends Tree>(options: TrainOptions<P>): TrainResult<P> => {
  checkOptions(options);
  const { loader, epochs, callback, earlyStop } = options;
  const step = options.step ?? trainStep(options.loss, options.optimiser);
  let params = options.params;
  let optState = options.optState ?? options.optimiser.init(params);
  const losses: number[] = [];
  let best = Infinity;
  let stale = 0;

  const result = (retcode: TrainRetcode): TrainResult<P> => ({
    params,
    optState,
    epochs: losses.length,
    losses,
    retcode,
  });

  for (let e = 0; e < epochs; e++) {
    let total = 0;
    for (const { x, y } of loader.epoch(e)) {
      const [p, s, value] = step(params, optState, x, y);
      params = p;
      optState = s;
      total += toNumber(value) * (x.shape[0] as number);
    }
    const loss = total / batchedSamples(loader);
    losses.push(loss);

    if (!Number.isFinite(loss)) return result('NonFinite');
    if (callback?.({ epoch: e + 1, params, loss }) === 'stop') return result('CallbackStop');
    if (earlyStop !== undefined) {
      if (loss < best - (earlyStop.minDelta ?? 0)) {
        best = loss;
        stale = 0;
      } else if (++stale >= earlyStop.patience) {
        return result('EarlyStop');
      }
    }
  }
  return result('Success');
};

// The samples an epoch visits: all of them, or whole batches only when the partial one is dropped.
const batchedSamples = (loader: DataLoader): number =>
  Math.min(loader.size, loader.length * loader.batchsize);

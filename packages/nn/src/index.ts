/**
 * `@hamiltonian/nn`: neural networks as pure values over the autodiff package, in the role Flux
 * plays for Julia.
 *
 * Layers (`Dense`, `Chain`) create parameter pytrees from a PRNG key and apply them with
 * differentiable ops; a model is also callable as `model(x, params)` with the pytree or one flat
 * vector. Initialisers, losses, optimisers (pure state transforms), a `DataLoader` and a small
 * `train` loop complete the set. Nothing here mutates, reads concrete values inside a step, or
 * prints, so a whole training step can be compiled with `jit`.
 */
export { NNError } from './errors.js';
export {
  activations,
  resolveActivation,
  type Activation,
  type ActivationFn,
  type ActivationName,
  type ResolvedActivation,
} from './activations.js';
export {
  fans,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  orthogonal,
  zeros,
  type Initialiser,
  type InitialiserOptions,
} from './initialisers.js';
export type { InitOptions, Layer, Model, ParamsOf } from './layers/layer.js';
export { Dense, type DenseOptions, type DenseParams } from './layers/dense.js';
export { Chain, type ChainParams } from './layers/chain.js';
export { huber, mae, mse } from './losses.js';
export type { Optimiser, OptimiserState } from './optimisers/optimiser.js';
export { SGD } from './optimisers/sgd.js';
export { Momentum } from './optimisers/momentum.js';
export { RMSProp, type RMSPropOptions } from './optimisers/rmsprop.js';
export { Adam, type AdamOptions } from './optimisers/adam.js';
export { AdamW, type AdamWOptions } from './optimisers/adamw.js';
export {
  DataLoader,
  type Batch,
  type DataLoaderOptions,
  type Dataset,
  type EpochBatches,
} from './data/loader.js';
export {
  train,
  trainStep,
  type EarlyStop,
  type EpochInfo,
  type LossFn,
  type TrainOptions,
  type TrainResult,
  type TrainRetcode,
  type TrainStep,
} from './train.js';

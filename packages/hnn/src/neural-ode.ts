/**
 * `NeuralODE`: the baseline the HNN paper compares against, a network that predicts the vector
 * field directly.
 */
import { destructure, type Tree } from '@hamiltonian/autodiff';
import type { Model } from '@hamiltonian/nn';
import type { Algorithm } from '@hamiltonian/ode';
import { random, type DType, type Key, type Tensor } from '@hamiltonian/tensor';
import { HNNError, describe } from './errors.js';
import { neuralDE, type NeuralDE, type NeuralSolveOptions } from './neural-de.js';

/** Options of `NeuralODE`'s initial parameters. */
export interface NeuralODEOptions {
  /** The key the initial parameters are drawn from (default `random.key(0)`). */
  readonly key?: Key;
  /** The element type of the parameters (default float64). */
  readonly dtype?: DType;
}

/** A `NeuralDE` that also carries its network. */
export interface NeuralODE<P extends Tree = Tree> extends NeuralDE<P> {
  readonly model: Model<P>;
}

const checkModel = (model: unknown): void => {
  const m = model as { inDim?: unknown; outDim?: unknown };
  const ok = typeof model === 'function' && [m.inDim, m.outDim].every(Number.isInteger);
  if (!ok) {
    throw new HNNError(
      `NeuralODE: model must be an nn Model (callable, with inDim, outDim, init and rebuild), ` +
        `got ${describe(model)}`,
    );
  }
  if (m.inDim !== m.outDim) {
    throw new HNNError(
      `NeuralODE: the model maps width ${m.inDim} to width ${m.outDim}; a vector field maps ` +
        'a state to its time derivative, so both widths must be equal',
    );
  }
};

/**
 * Solves dx/dt = model(x, params) over `tspan`: a network that predicts the time derivative of
 * a state directly, with no energy behind it (Chen et al., "Neural Ordinary Differential
 * Equations", NeurIPS 2018). Called like `NeuralHamiltonianDE`: `de(x0, params?)` returns the
 * `ODESolution`, `.params` holds the initial flat parameters drawn from `options.key`, and the
 * field is `jit`-compiled for concrete inputs and differentiated through `solve` otherwise.
 *
 * Pitfall: nothing makes the learned field conserve an energy, so long rollouts drift; that is
 * the comparison the HNN paper draws.
 *
 * @example
 * const model = Chain(Dense(2, 64, 'tanh'), Dense(64, 2));
 * const node = NeuralODE(model, [0, 1], Tsit5(), { saveat: 0.01 }, { key: random.key(1) });
 * const loss = (params: Value) => mse(node(x0, params).toTensor(), trajectory);
 */
export const NeuralODE = <P extends Tree>(
  model: Model<P>,
  tspan: readonly [number, number],
  alg: Algorithm,
  solveOptions: NeuralSolveOptions = {},
  options: NeuralODEOptions = {},
): NeuralODE<P> => {
  checkModel(model);
  const { key = random.key(0), dtype } = options;
  const initial = model.init(key, dtype === undefined ? {} : { dtype });
  const params = destructure(initial).flat as Tensor;
  const spec = {
    name: 'NeuralODE',
    field: model,
    params,
    dim: model.inDim,
    rebuild: model.rebuild,
  };
  return Object.assign(neuralDE<P>(spec, tspan, alg, solveOptions), { model });
};

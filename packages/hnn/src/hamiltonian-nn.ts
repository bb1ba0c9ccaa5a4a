/**
 * `HamiltonianNN`: a network that learns a scalar energy H(q, p) and predicts motion by
 * Hamilton's equations (Greydanus, Dzamba and Yosinski, "Hamiltonian Neural Networks",
 * NeurIPS 2019).
 */
import { destructure, isValue, reshape, type Tree, type Value } from '@hamiltonian/autodiff';
import type { Model } from '@hamiltonian/nn';
import type { DType, Key, Tensor } from '@hamiltonian/tensor';
import { HNNError, describe, showShape } from './errors.js';
import { symplecticGradient } from './symplectic.js';

/** Options of `HamiltonianNN`. */
export interface HamiltonianNNOptions {
  /** The key the initial parameters are drawn from (the model's own initialisers). */
  readonly key: Key;
  /** The element type of the parameters (default float64, the nn package's default). */
  readonly dtype?: DType;
}

/**
 * A Hamiltonian neural network: callable as `hnn(x, params?)`, which returns the symplectic
 * gradient `[dH/dp, -dH/dq]` of the learned energy for states `x` of shape `[batch, 2n]` or
 * `[2n]` (n positions q, then n momenta p).
 */
export interface HamiltonianNN<P extends Tree = Tree> {
  (x: Value, params?: P | Value): Value;
  /** The initial parameters as one flat vector (a plain tensor): what an optimiser trains. */
  readonly params: Tensor;
  /** The network H; it maps 2n inputs to one output. */
  readonly model: Model<P>;
  /** The width 2n of a state. */
  readonly dim: number;
  /** The learned energy: shape `[batch]` for `[batch, 2n]` states, a scalar for one state. */
  hamiltonian(x: Value, params?: P | Value): Value;
  /** The model's parameter pytree from a flat vector (differentiable). */
  rebuild(flat: Value): P;
}

const checkModel = (model: unknown): void => {
  const m = model as { inDim?: unknown; outDim?: unknown; describe?: () => string };
  const dims = typeof model === 'function' ? [m.inDim, m.outDim] : [];
  if (dims.length === 0 || !dims.every((d) => Number.isInteger(d))) {
    throw new HNNError(
      `HamiltonianNN: model must be an nn Model (callable, with inDim, outDim, init and ` +
        `rebuild), such as Chain(Dense(2, 64, 'relu'), Dense(64, 1)); got ${describe(model)}`,
    );
  }
  const [inDim, outDim] = dims as [number, number];
  const name = m.describe?.().split('\n')[0] ?? 'model';
  if (inDim === 0 || inDim % 2 !== 0) {
    throw new HNNError(
      `HamiltonianNN: ${name} has input width ${inDim}; a state (q, p) needs an even width ` +
        '2n, n positions then n momenta',
    );
  }
  if (outDim !== 1) {
    throw new HNNError(
      `HamiltonianNN: ${name} has output width ${outDim}; the network is the energy H and ` +
        'must output width 1 (end it with Dense(hidden, 1))',
    );
  }
};

/** Checks that `x` is `[batch, dim]` or `[dim]`. */
const checkState = (where: string, dim: number, x: unknown): Value => {
  const ok = isValue(x) && (x.shape.length === 1 || x.shape.length === 2);
  if (!ok || x.shape[x.shape.length - 1] !== dim) {
    throw new HNNError(
      `${where}: x is ${describe(x)}; expected a tensor of shape [batch, ${dim}] or ` +
        `[${dim}] (q then p along the last axis)`,
    );
  }
  return x;
};

/**
 * Wraps `model` (2n inputs, one output: the energy H) as a Hamiltonian neural network. The
 * prediction for states `x` is `[dH/dp, -dH/dq]`, the gradient of `sum(H(x))` with respect to
 * `x` by autodiff, so training the prediction differentiates the network twice. Parameters
 * come from `model.init(key)` (Glorot uniform weights and zero biases for nn's `Dense`, the
 * initialisation the tutorial's results depend on) and `hnn.params` holds them as one flat
 * vector; a call takes that vector, the model's pytree, or nothing for `hnn.params`.
 *
 * An odd input width or an output width other than 1 is an `HNNError` here, at construction.
 *
 * Pitfall: with relu the energy is piecewise linear, so its Hessian is zero almost everywhere
 * and the biases of the first layer receive gradient only through which units are active;
 * smooth activations (tanh, softplus) give smoother energies.
 *
 * @example
 * const hnn = HamiltonianNN(Chain(Dense(2, 64, 'relu'), Dense(64, 1)), { key: random.key(0) });
 * const loss = (params: Value, x: Value, y: Value) => mse(hnn(x, params), y);
 * hnn(tensorOrThrow([[0, 1]])); // [1, 2]: (dq/dt, dp/dt) at q = 0, p = 1
 */
export const HamiltonianNN = <P extends Tree>(
  model: Model<P>,
  options: HamiltonianNNOptions,
): HamiltonianNN<P> => {
  checkModel(model);
  if (options?.key === undefined) {
    throw new HNNError('HamiltonianNN: options.key is required, e.g. { key: random.key(0) }');
  }
  const dim = model.inDim;
  const initial = model.init(options.key, options.dtype === undefined ? {} : options);
  const flat = destructure(initial).flat as Tensor;
  const count = flat.shape[0] as number;

  const resolve = (where: string, params: P | Value | undefined): P => {
    if (params === undefined) return initial;
    if (!isValue(params)) return params;
    if (params.shape.length !== 1 || params.shape[0] !== count) {
      throw new HNNError(
        `${where}: flat params have shape ${showShape(params.shape)}, expected [${count}] ` +
          '(the shape of hnn.params)',
      );
    }
    return model.rebuild(params);
  };

  const field = (x: Value, params?: P | Value): Value => {
    checkState('HamiltonianNN', dim, x);
    const p = resolve('HamiltonianNN', params);
    return symplecticGradient((state) => model(state, p))(x);
  };

  const hamiltonian = (x: Value, params?: P | Value): Value => {
    checkState('HamiltonianNN.hamiltonian', dim, x);
    const energy = model(x, resolve('HamiltonianNN.hamiltonian', params));
    return reshape(energy, x.shape.slice(0, -1));
  };

  return Object.assign(field, { params: flat, model, dim, hamiltonian, rebuild: model.rebuild });
};

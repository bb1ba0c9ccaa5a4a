/**
 * What a layer is: a pure value that creates parameters from a key and applies them to inputs.
 * A layer holds no parameters itself, so one layer value can serve many parameter sets.
 */
import { isValue, type Tree, type Value } from '@hamiltonian/autodiff';
import type { DType, Key } from '@hamiltonian/tensor';
import { NNError, showShape } from '../errors.js';

/** Options of `init`. */
export interface InitOptions {
  /** The element type of the parameters (default float64; Flux uses float32). */
  readonly dtype?: DType;
}

/**
 * A layer or model as a pure value. `P` is the structure of its parameters (a pytree).
 *
 * @example
 * const layer = Dense(2, 3);
 * const params = layer.init(key(0));
 * layer.apply(params, x); // [batch, 3]
 */
export interface Layer<P extends Tree = Tree> {
  /** The width of the input's last axis. */
  readonly inDim: number;
  /** The width of the output's last axis. */
  readonly outDim: number;
  /** The number of scalars in the parameters: the length of their flat vector. */
  readonly paramCount: number;
  /** Fresh parameters drawn from `key`. The same key gives the same parameters. */
  init(key: Key, options?: InitOptions): P;
  /** The output for `x` of shape `[batch, inDim]` or `[inDim]`; differentiable and traceable. */
  apply(params: P, x: Value): Value;
  /** The parameter pytree from one flat vector of `paramCount` entries (differentiable). */
  rebuild(flat: Value): P;
  /** A readable one-line (or, for a `Chain`, multi-line) summary, as Flux prints a model. */
  describe(): string;
}

/**
 * A layer that is also callable as `model(x, params)`, where `params` is the pytree from `init`
 * or one flat vector of it (from autodiff's `destructure`, in the same order).
 *
 * Pitfall: a tensor or traced value is always read as the flat vector, never as a pytree.
 *
 * @example
 * const model = Chain(Dense(2, 64, 'relu'), Dense(64, 1));
 * const params = model.init(key(0));
 * model(x, params); // the same as
 * model(x, destructure(params).flat);
 */
export interface Model<P extends Tree = Tree> extends Layer<P> {
  (x: Value, params: P | Value): Value;
}

/** The parameter structure of a layer type. */
export type ParamsOf<L> = L extends Layer<infer P> ? P : never;

/** Makes a layer callable; the call accepts the pytree or the flat vector. */
export const toModel = <P extends Tree>(layer: Layer<P>): Model<P> => {
  const call = (x: Value, params: P | Value): Value =>
    layer.apply(isValue(params) ? layer.rebuild(params) : (params as P), x);
  return Object.assign(call, {
    inDim: layer.inDim,
    outDim: layer.outDim,
    paramCount: layer.paramCount,
    init: layer.init,
    apply: layer.apply,
    rebuild: layer.rebuild,
    describe: layer.describe,
    toString: layer.describe,
  });
};

/**
 * Checks that `x` is `[batch, width]` or `[width]` with the width `inDim`; `where` names the
 * layer in the message.
 */
export const checkInput = (where: string, inDim: number, x: Value): void => {
  const rank = x.shape.length;
  if (rank !== 1 && rank !== 2) {
    throw new NNError(
      `${where}: input has shape ${showShape(x.shape)}; expected [batch, ${inDim}] or [${inDim}]`,
    );
  }
  const width = x.shape[rank - 1] as number;
  if (width === inDim) return;
  const transposed = rank === 2 && x.shape[0] === inDim;
  const hint = transposed ? '; samples go along the first axis, so transpose Julia-style data' : '';
  throw new NNError(
    `${where}: input has width ${width} (shape ${showShape(x.shape)}), expected width ` +
      `${inDim}${hint}`,
  );
};

/** Checks that `flat` is a vector of `count` parameters. */
export const checkFlat = (where: string, count: number, flat: Value): void => {
  if (flat.shape.length !== 1 || flat.shape[0] !== count) {
    throw new NNError(
      `${where}: flat parameters have shape ${showShape(flat.shape)}, expected [${count}]`,
    );
  }
};

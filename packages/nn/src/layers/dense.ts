/**
 * `Dense`: the fully connected layer `activation(x Wᵀ + b)`, with Flux's `[out, in]` weights.
 */
import { add, matmul, reshape, slice, transpose, type Value } from '@hamiltonian/autodiff';
import { random, shapesEqual, type Key } from '@hamiltonian/tensor';
import { resolveActivation, type Activation } from '../activations.js';
import { NNError, isPositiveInteger, showShape } from '../errors.js';
import { glorotUniform, zeros, type Initialiser } from '../initialisers.js';
import { checkFlat, checkInput, toModel, type Model } from './layer.js';

/** The parameters of a `Dense` layer: weights `[out, in]` and bias `[out]`. */
export type DenseParams = { readonly W: Value; readonly b: Value };

/** Options of `Dense`. */
export interface DenseOptions {
  /** The weight initialiser (default `glorotUniform`, as Flux). */
  readonly init?: Initialiser;
  /** The bias initialiser (default `zeros`, as Flux). */
  readonly biasInit?: Initialiser;
}

/**
 * A fully connected layer from `inDim` to `outDim` features: `activation(x Wᵀ + b)` for `x` of
 * shape `[batch, inDim]` (or one sample `[inDim]`). Weights start Glorot uniform and biases at
 * zero, as in Flux.
 *
 * Pitfall: the batch axis comes first (row-major); Flux's inputs are `[in, batch]`.
 *
 * @example
 * const layer = Dense(2, 64, 'relu');
 * const params = layer.init(key(0)); // { W: [64, 2], b: [64] }
 * layer(tensorOrThrow([[1, 2]]), params); // shape [1, 64]
 */
export const Dense = (
  inDim: number,
  outDim: number,
  activation: Activation = 'identity',
  options: DenseOptions = {},
): Model<DenseParams> => {
  if (!isPositiveInteger(inDim) || !isPositiveInteger(outDim)) {
    throw new NNError(
      `Dense: inDim and outDim must be positive integers, got ${String(inDim)} and ` +
        String(outDim),
    );
  }
  const act = resolveActivation(activation);
  const { init = glorotUniform, biasInit = zeros } = options;
  const label = `Dense(${inDim} => ${outDim}${act.name === 'identity' ? '' : `, ${act.name}`})`;
  const weightCount = outDim * inDim;

  const checkParams = (params: DenseParams): void => {
    const { W, b } = (params ?? {}) as Partial<DenseParams>;
    const okW = W !== undefined && shapesEqual(W.shape, [outDim, inDim]);
    const okB = b !== undefined && shapesEqual(b.shape, [outDim]);
    if (okW && okB) return;
    const show = (v: Value | undefined) => (v === undefined ? 'missing' : showShape(v.shape));
    throw new NNError(
      `${label}: params have W ${show(W)} and b ${show(b)}; expected W [${outDim},${inDim}] ` +
        `and b [${outDim}] (create them with init)`,
    );
  };

  return toModel<DenseParams>({
    inDim,
    outDim,
    paramCount: weightCount + outDim,
    init: (key, initOptions = {}) => {
      const [kW, kb] = random.split(key) as [Key, Key];
      const dtype = initOptions.dtype ?? 'float64';
      return { W: init(kW, [outDim, inDim], { dtype }), b: biasInit(kb, [outDim], { dtype }) };
    },
    apply: (params, x) => {
      checkInput(label, inDim, x);
      checkParams(params);
      const y = add(matmul(x, transpose(params.W)), params.b);
      return act.fn(y);
    },
    rebuild: (flat) => {
      checkFlat(label, weightCount + outDim, flat);
      const W = reshape(slice(flat, [0], [weightCount]), [outDim, inDim]);
      return { W, b: slice(flat, [weightCount], [outDim]) };
    },
    describe: () => label,
  });
};

/**
 * Weight initialisers: pure functions of a PRNG key and a shape, as Flux's `glorot_uniform` and
 * friends. A weight of shape `[out, in]` (Flux's layout, row-major here) has fan-in `in` and
 * fan-out `out`; for higher ranks the trailing axes are a receptive field that multiplies both
 * (PyTorch's convention for `[out, in, ...kernel]`).
 */
import {
  fromTypedArray,
  full,
  random,
  type DType,
  type Key,
  type Tensor,
} from '@hamiltonian/tensor';
import { NNError, showShape } from './errors.js';

/** Options every initialiser takes. */
export interface InitialiserOptions {
  /** The element type of the result (default float64). */
  readonly dtype?: DType;
  /** A factor on the scale; each initialiser documents its default. */
  readonly gain?: number;
}

/**
 * A function from a key and a shape to a fresh tensor. Reusing a key gives the same tensor.
 *
 * @example
 * const W: Tensor = glorotUniform(key(0), [64, 2]);
 */
export type Initialiser = (
  key: Key,
  shape: readonly number[],
  options?: InitialiserOptions,
) => Tensor;

/**
 * The fan-in and fan-out of a weight shape: `[out, in]` gives `[in, out]`; a vector `[n]` gives
 * `[1, n]` (Flux's `nfan`); a scalar `[1, 1]`.
 *
 * @example
 * fans([64, 2]); // [2, 64]
 */
export const fans = (shape: readonly number[]): [number, number] => {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [1, shape[0] as number];
  const field = shape.slice(2).reduce((a, b) => a * b, 1);
  return [(shape[1] as number) * field, (shape[0] as number) * field];
};

const gainOf = (what: string, options: InitialiserOptions, fallback: number): number => {
  const gain = options.gain ?? fallback;
  if (!Number.isFinite(gain) || gain < 0) {
    throw new NNError(`${what}: gain must be a finite number >= 0, got ${String(gain)}`);
  }
  return gain;
};

const symmetricUniform = (k: Key, shape: readonly number[], bound: number, dtype?: DType) =>
  bound === 0
    ? full(shape, 0, { dtype: dtype ?? 'float64' })
    : random.uniform(k, shape, { min: -bound, max: bound, dtype: dtype ?? 'float64' });

/**
 * Glorot (Xavier) uniform, Flux's default for `Dense` weights: U(-a, a) with
 * a = gain * sqrt(6 / (fanIn + fanOut)), gain 1 by default (Glorot & Bengio, AISTATS 2010).
 *
 * Pitfall: PyTorch's `nn.Linear` default differs (uniform in +-1/sqrt(fanIn), random biases);
 * the HNN tutorial's results depend on this one.
 *
 * @example
 * glorotUniform(key(0), [64, 2]); // entries in +-sqrt(6/66)
 */
export const glorotUniform: Initialiser = (k, shape, options = {}) => {
  const [fanIn, fanOut] = fans(shape);
  const bound = gainOf('glorotUniform', options, 1) * Math.sqrt(6 / (fanIn + fanOut));
  return symmetricUniform(k, shape, bound, options.dtype);
};

/**
 * Glorot (Xavier) normal: N(0, s^2) with s = gain * sqrt(2 / (fanIn + fanOut)), gain 1 by
 * default. Not truncated, as in Flux.
 *
 * @example
 * glorotNormal(key(0), [64, 2]);
 */
export const glorotNormal: Initialiser = (k, shape, options = {}) => {
  const [fanIn, fanOut] = fans(shape);
  const std = gainOf('glorotNormal', options, 1) * Math.sqrt(2 / (fanIn + fanOut));
  return random.normal(k, shape, { std, dtype: options.dtype ?? 'float64' });
};

/**
 * He (Kaiming) uniform, for relu layers: U(-a, a) with a = gain * sqrt(3 / fanIn), gain
 * sqrt(2) by default, so the variance is 2 / fanIn (He et al., ICCV 2015; Flux's
 * `kaiming_uniform`).
 *
 * @example
 * Dense(2, 64, 'relu', { init: heUniform });
 */
export const heUniform: Initialiser = (k, shape, options = {}) => {
  const [fanIn] = fans(shape);
  const bound = gainOf('heUniform', options, Math.SQRT2) * Math.sqrt(3 / fanIn);
  return symmetricUniform(k, shape, bound, options.dtype);
};

/**
 * He (Kaiming) normal: N(0, s^2) with s = gain / sqrt(fanIn), gain sqrt(2) by default
 * (Flux's `kaiming_normal`).
 *
 * @example
 * heNormal(key(0), [64, 2]); // variance 2 / 2 = 1
 */
export const heNormal: Initialiser = (k, shape, options = {}) => {
  const [fanIn] = fans(shape);
  const std = gainOf('heNormal', options, Math.SQRT2) / Math.sqrt(fanIn);
  return random.normal(k, shape, { std, dtype: options.dtype ?? 'float64' });
};

/**
 * A (semi-)orthogonal matrix times `gain` (default 1), uniformly distributed (Saxe et al.,
 * ICLR 2014; Flux's `orthogonal`): for `[rows, cols]` with rows >= cols the columns are
 * orthonormal (WᵀW = I), otherwise the rows are (WWᵀ = I). Higher ranks are treated as
 * `[shape[0], rest]`.
 *
 * It orthonormalises a Gaussian matrix by Gram-Schmidt with positive diagonal of R, which is
 * Flux's `Q * sign(diag(R))` and gives the Haar measure (Mezzadri, 2007).
 *
 * @example
 * orthogonal(key(0), [64, 64]); // W Wᵀ = I
 */
export const orthogonal: Initialiser = (k, shape, options = {}) => {
  if (shape.length < 2) {
    throw new NNError(
      `orthogonal: needs a shape of rank 2 or more, got ${showShape(shape)}; use glorotUniform ` +
        'or zeros for vectors',
    );
  }
  const gain = gainOf('orthogonal', options, 1);
  const rows = shape[0] as number;
  const cols = shape.slice(1).reduce((a, b) => a * b, 1);
  const [n, m] = rows >= cols ? [rows, cols] : [cols, rows];
  const q = orthonormalColumns(Float64Array.from(random.normal(k, [n, m]).data), n, m);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const at = rows >= cols ? i * m + j : j * n + i;
      out[at] = gain * (q[i * m + j] as number);
    }
  }
  return fromTypedArray(options.dtype === 'float32' ? new Float32Array(out) : out, shape);
};

// Modified Gram-Schmidt on the m columns of a row-major n x m matrix, in place. Each column is
// orthogonalised twice ("twice is enough", Giraud et al., 2005) to keep QᵀQ = I to rounding.
const orthonormalColumns = (a: Float64Array, n: number, m: number): Float64Array => {
  for (let j = 0; j < m; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += (a[i * m + p] as number) * (a[i * m + j] as number);
        for (let i = 0; i < n; i++)
          a[i * m + j] = (a[i * m + j] as number) - d * (a[i * m + p] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (a[i * m + j] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) a[i * m + j] = (a[i * m + j] as number) / norm;
  }
  return a;
};

/**
 * All zeros (Flux's `zeros32`), the default for biases. The key is ignored.
 *
 * Pitfall: zero weights make every unit of a layer identical forever; use it for biases.
 *
 * @example
 * Dense(2, 64, 'relu', { biasInit: zeros });
 */
export const zeros: Initialiser = (_k, shape, options = {}) =>
  full(shape, 0, { dtype: options.dtype ?? 'float64' });

/**
 * Creating tensors: from nested arrays (validated), typed arrays, constants and ranges.
 */
import * as E from 'fp-ts/lib/Either.js';
import { isDType, type DType, type Storage } from './dtype.js';
import { ShapeError, TensorError } from './errors.js';
import { alloc } from './pool.js';
import { checkShape, formatShape, sizeOf, type Shape } from './shape.js';
import { wrap, type Tensor } from './tensor.js';

/** Options of the creation functions. */
export interface DTypeOptions {
  readonly dtype?: DType;
}

/** A number or an arbitrarily nested array of numbers. */
export type NestedArray = number | readonly NestedArray[];

const dtypeOption = (op: string, options?: DTypeOptions): DType => {
  const dtype = options?.dtype ?? 'float64';
  if (!isDType(dtype)) {
    throw new TensorError(`${op}: dtype must be 'float64' or 'float32', got ${String(dtype)}`);
  }
  return dtype;
};

const at = (path: readonly number[]): string => `[${path.join(',')}]`;

// The shape follows the first entry at each depth; every other entry must then agree with it.
const inferShape = (x: unknown): number[] => {
  const shape: number[] = [];
  let v = x;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
};

const fill = (
  x: unknown,
  shape: Shape,
  depth: number,
  path: number[],
  out: Storage,
  offset: number,
): E.Either<TensorError, number> => {
  if (depth === shape.length) {
    if (typeof x !== 'number') {
      const what = Array.isArray(x) ? 'a nested array' : describeLeaf(x);
      return E.left(
        new TensorError(`tensor: non-numeric value at ${at(path)}: expected a number, got ${what}`),
      );
    }
    out[offset] = x;
    return E.right(offset + 1);
  }
  if (!Array.isArray(x)) {
    return E.left(
      new TensorError(
        `tensor: ragged nested array at ${at(path)}: expected an array of length ` +
          `${shape[depth]}, got ${describeLeaf(x)}`,
      ),
    );
  }
  if (x.length !== shape[depth]) {
    return E.left(
      new TensorError(
        `tensor: ragged nested array at ${at(path)}: expected length ${shape[depth]}, ` +
          `got ${x.length}`,
      ),
    );
  }
  let next = offset;
  for (let i = 0; i < x.length; i++) {
    path.push(i);
    const r = fill(x[i], shape, depth + 1, path, out, next);
    path.pop();
    if (E.isLeft(r)) return r;
    next = r.right;
  }
  return E.right(next);
};

const describeLeaf = (x: unknown): string => {
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  if (x === null) return 'null';
  return typeof x;
};

/**
 * A tensor from a number or nested arrays of numbers, validated: a ragged or non-numeric input
 * is a `Left` whose message names the offending index path.
 *
 * @example
 * tensor([[1, 2], [3, 4]]); // Right(tensor of shape [2, 2])
 * tensor([[1, 2, 3], [4, 5]]);
 * // Left(TensorError('tensor: ragged nested array at [1]: expected length 3, got 2'))
 */
export const tensor = (nested: unknown, options?: DTypeOptions): E.Either<TensorError, Tensor> => {
  const dtype = dtypeOption('tensor', options);
  const shape = inferShape(nested);
  const out = alloc(dtype, sizeOf(shape));
  const filled = fill(nested, shape, 0, [], out, 0);
  return E.isLeft(filled) ? filled : E.right(wrap(out, shape));
};

/**
 * `tensor` that throws the `TensorError` instead of returning a `Left`: for literals in code.
 *
 * @example
 * const w = tensorOrThrow([[1, 0], [0, 1]]);
 */
export const tensorOrThrow = (nested: NestedArray, options?: DTypeOptions): Tensor => {
  const r = tensor(nested, options);
  if (E.isLeft(r)) throw r.left;
  return r.right;
};

/**
 * A rank-0 tensor holding `x`.
 *
 * @example
 * scalar(2.5).shape; // []
 */
export const scalar = (x: number, dtype: DType = 'float64'): Tensor => full([], x, { dtype });

/**
 * A tensor with a copy of `data` in the given shape; the dtype follows the array type
 * (a plain number array gives float64). Throws a `ShapeError` when the sizes differ.
 *
 * @example
 * fromTypedArray(new Float32Array([1, 2, 3, 4]), [2, 2]);
 */
export const fromTypedArray = (
  data: Float64Array | Float32Array | readonly number[],
  shape: Shape,
): Tensor => {
  const dims = checkShape('fromTypedArray', shape);
  if (data.length !== sizeOf(dims)) {
    throw new ShapeError(
      'fromTypedArray',
      [[data.length], shape],
      `${data.length} values do not fill shape ${formatShape(shape)} (${sizeOf(dims)} elements)`,
    );
  }
  const out = alloc(data instanceof Float32Array ? 'float32' : 'float64', data.length);
  out.set(data);
  return wrap(out, dims);
};

/**
 * A tensor of the given shape filled with `value`.
 *
 * @example
 * full([2, 3], 7);
 */
export const full = (shape: Shape, value: number, options?: DTypeOptions): Tensor => {
  const dims = checkShape('full', shape);
  if (typeof value !== 'number') {
    throw new TensorError(`full: value must be a number, got ${describeLeaf(value)}`);
  }
  const out = alloc(dtypeOption('full', options), sizeOf(dims));
  out.fill(value);
  return wrap(out, dims);
};

/**
 * A tensor of zeros.
 *
 * @example
 * zeros([256, 64], { dtype: 'float32' });
 */
export const zeros = (shape: Shape, options?: DTypeOptions): Tensor => full(shape, 0, options);

/**
 * A tensor of ones.
 *
 * @example
 * ones([3]);
 */
export const ones = (shape: Shape, options?: DTypeOptions): Tensor => full(shape, 1, options);

/**
 * A tensor of the shape and dtype of `x` filled with `value`.
 *
 * @example
 * fullLike(x, NaN);
 */
export const fullLike = (x: Tensor, value: number): Tensor =>
  full(x.shape, value, { dtype: x.dtype });

/**
 * Zeros with the shape and dtype of `x`.
 *
 * @example
 * zerosLike(params);
 */
export const zerosLike = (x: Tensor): Tensor => fullLike(x, 0);

/**
 * Ones with the shape and dtype of `x`.
 *
 * @example
 * onesLike(x);
 */
export const onesLike = (x: Tensor): Tensor => fullLike(x, 1);

/**
 * The n x m identity matrix (m defaults to n): ones on the main diagonal.
 *
 * @example
 * eye(3);
 */
export const eye = (n: number, m: number = n, options?: DTypeOptions): Tensor => {
  checkShape('eye', [n, m], 'size');
  const x = alloc(dtypeOption('eye', options), n * m);
  x.fill(0);
  for (let i = 0; i < Math.min(n, m); i++) x[i * m + i] = 1;
  return wrap(x, [n, m]);
};

/**
 * `num` evenly spaced values from `start` to `stop`, both included exactly (Julia's
 * `range(start, stop, length=num)`). Each value is the interpolation
 * `((num - 1 - i) / (num - 1)) * start + (i / (num - 1)) * stop`, as Julia's `LinRange`: both
 * ends are exact and swapping `start` and `stop` reverses the values bit for bit.
 *
 * @example
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 */
export const linspace = (
  start: number,
  stop: number,
  num: number,
  options?: DTypeOptions,
): Tensor => {
  if (!Number.isInteger(num) || num < 0) {
    throw new TensorError(`linspace: num must be a non-negative integer, got ${String(num)}`);
  }
  const out = alloc(dtypeOption('linspace', options), num);
  const d = num - 1;
  for (let i = 0; i < num; i++) out[i] = ((d - i) / d) * start + (i / d) * stop;
  if (num === 1) out[0] = start;
  return wrap(out, [num]);
};

/**
 * Values from `start` (inclusive) to `stop` (exclusive) by `step`, as NumPy's `arange`: with one
 * argument the range is [0, start). The count is ceil((stop - start) / step); values are
 * `start + i * step`.
 *
 * @example
 * arange(5); // [0, 1, 2, 3, 4]
 * arange(1, 2, 0.25); // [1, 1.25, 1.5, 1.75]
 */
export const arange = (start: number, stop?: number, step = 1, options?: DTypeOptions): Tensor => {
  const [lo, hi] = stop === undefined ? [0, start] : [start, stop];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isFinite(step) || step === 0) {
    throw new TensorError(
      `arange: start, stop and step must be finite and step nonzero, got ${lo}, ${hi}, ${step}`,
    );
  }
  const num = Math.max(0, Math.ceil((hi - lo) / step));
  const out = alloc(dtypeOption('arange', options), num);
  for (let i = 0; i < num; i++) out[i] = lo + i * step;
  return wrap(out, [num]);
};

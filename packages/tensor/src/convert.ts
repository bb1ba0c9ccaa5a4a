/**
 * Getting numbers out of tensors, and changing dtype.
 */
import { allocate, type DType } from './dtype.js';
import { TensorError } from './errors.js';
import { alloc } from './pool.js';
import { formatShape, stridesOf } from './shape.js';
import { wrap, type Tensor } from './tensor.js';
import type { NestedArray } from './create.js';

/**
 * The entries as nested JS arrays (a number for a scalar).
 *
 * @example
 * toArray(eye(2)); // [[1, 0], [0, 1]]
 */
export const toArray = (x: Tensor): NestedArray => {
  const data = x.data;
  const strides = stridesOf(x.shape);
  const build = (depth: number, offset: number): NestedArray => {
    if (depth === x.rank) return data[offset];
    const out: NestedArray[] = [];
    for (let i = 0; i < x.shape[depth]; i++)
      out.push(build(depth + 1, offset + i * strides[depth]));
    return out;
  };
  return build(0, 0);
};

/**
 * The single entry of a size-1 tensor (any rank) as a number.
 *
 * @example
 * item(sum(x)); // a JS number
 */
export const item = (x: Tensor): number => {
  if (x.size !== 1) {
    throw new TensorError(
      `item: expected a tensor of size 1, got shape ${formatShape(x.shape)} (size ${x.size})`,
    );
  }
  return x.data[0];
};

/**
 * The tensor converted to `dtype` (float64 to float32 rounds to nearest). Returns `x` itself when
 * it already has that dtype: tensors are immutable, so sharing is safe.
 *
 * @example
 * astype(x, 'float32');
 */
export const astype = (x: Tensor, dtype: DType): Tensor => {
  if (x.dtype === dtype) return x;
  const out = alloc(dtype, x.size);
  out.set(x.data);
  return wrap(out, x.shape);
};

/**
 * A fresh copy of the storage, safe to write to.
 *
 * @example
 * const buf = toTypedArray(x); buf[0] = 1; // x is unchanged
 */
export const toTypedArray = (x: Tensor): Float64Array | Float32Array => {
  const out = allocate(x.dtype, x.size);
  out.set(x.data);
  return out;
};

/**
 * A readable rendering: `tensor([[1, 2], [3, 4]], float64)`. Large tensors are elided to their
 * first and last 3 entries per axis.
 *
 * @example
 * console.log(format(x));
 */
export const format = (x: Tensor): string => {
  if (x.disposed) return `tensor(<disposed>, shape ${formatShape(x.shape)}, ${x.dtype})`;
  const data = x.data;
  const strides = stridesOf(x.shape);
  const show = (depth: number, offset: number): string => {
    if (depth === x.rank) return String(data[offset]);
    const n = x.shape[depth];
    const pick =
      n > 6 ? [0, 1, 2, -1, n - 3, n - 2, n - 1] : Array.from({ length: n }, (_, i) => i);
    const parts = pick.map((i) => (i < 0 ? '...' : show(depth + 1, offset + i * strides[depth])));
    return `[${parts.join(', ')}]`;
  };
  return `tensor(${show(0, 0)}, ${x.dtype})`;
};

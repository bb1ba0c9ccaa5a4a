/**
 * Reductions over any set of axes, with `keepdims`. Summation order is fixed (see the kernels):
 * sequential accumulation in row-major order, so results are reproducible.
 */
import { TensorError } from '../errors.js';
import {
  argmaxInto,
  argminInto,
  logsumexpInto,
  maxInto,
  meanInto,
  minInto,
  normInto,
  prodInto,
  sumInto,
  varianceInto,
} from '../kernels/reduce.js';
import { alloc } from '../pool.js';
import { formatShape, normalizeAxes, normalizeAxis, sizeOf, type Shape } from '../shape.js';
import { wrap, type Tensor } from '../tensor.js';

/** Which axes to reduce (default: all; negative counts from the end) and whether to keep them. */
export interface ReduceOptions {
  readonly axis?: number | readonly number[];
  readonly keepdims?: boolean;
}

/** The shape of a reduction's result. */
export const reducedShape = (shape: Shape, axes: readonly number[], keepdims: boolean): Shape => {
  const out: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (!axes.includes(d)) out.push(shape[d]);
    else if (keepdims) out.push(1);
  }
  return out;
};

type Kernel = (
  x: Tensor['data'],
  shape: Shape,
  axes: readonly number[],
  out: Tensor['data'],
) => void;

const reduceWith = (
  op: string,
  kernel: Kernel,
  x: Tensor,
  options: ReduceOptions,
  nonEmpty = false,
): Tensor => {
  const axes = normalizeAxes(op, options.axis, x.rank);
  if (nonEmpty && axes.some((a) => x.shape[a] === 0)) {
    throw new TensorError(
      `${op}: cannot reduce over an empty axis of shape ${formatShape(x.shape)} (no identity)`,
    );
  }
  const shape = reducedShape(x.shape, axes, options.keepdims ?? false);
  const out = alloc(x.dtype, sizeOf(shape));
  kernel(x.data, x.shape, axes, out);
  return wrap(out, shape);
};

/**
 * Sum over `axis` (default all). The sum of an empty axis is 0.
 *
 * @example
 * sum(x, { axis: 0 }); // column sums
 * sum(x, { axis: -1, keepdims: true }); // row sums as a column
 */
export const sum = (x: Tensor, options: ReduceOptions = {}): Tensor =>
  reduceWith('sum', sumInto, x, options);

/**
 * Arithmetic mean over `axis` (default all): the sum divided once by the count. Empty gives NaN.
 *
 * @example
 * mean(x, { axis: 0 });
 */
export const mean = (x: Tensor, options: ReduceOptions = {}): Tensor =>
  reduceWith('mean', meanInto, x, options);

/**
 * Product over `axis` (default all). The product of an empty axis is 1.
 *
 * @example
 * prod(tensorOrThrow([2, 3])); // 6
 */
export const prod = (x: Tensor, options: ReduceOptions = {}): Tensor =>
  reduceWith('prod', prodInto, x, options);

/**
 * Maximum over `axis` (default all); NaN propagates. An empty axis is an error.
 *
 * @example
 * max(x, { axis: 1, keepdims: true });
 */
export const max = (x: Tensor, options: ReduceOptions = {}): Tensor =>
  reduceWith('max', maxInto, x, options, true);

/**
 * Minimum over `axis` (default all); NaN propagates. An empty axis is an error.
 *
 * @example
 * min(x);
 */
export const min = (x: Tensor, options: ReduceOptions = {}): Tensor =>
  reduceWith('min', minInto, x, options, true);

/**
 * log(sum(exp(x))) over `axis`, computed stably as m + log(sum(exp(x - m))) with m the max.
 *
 * @example
 * logsumexp(logits, { axis: -1, keepdims: true });
 */
export const logsumexp = (x: Tensor, options: ReduceOptions = {}): Tensor =>
  reduceWith('logsumexp', logsumexpInto, x, options);

/** Options of `variance`: `ddof` 0 (default, population) or 1 (sample), as in NumPy. */
export interface VarianceOptions extends ReduceOptions {
  readonly ddof?: number;
}

/**
 * Variance over `axis` by two passes (mean, then mean squared deviation), divided by
 * `count - ddof`.
 *
 * @example
 * variance(x, { axis: 0, ddof: 1 });
 */
export const variance = (x: Tensor, options: VarianceOptions = {}): Tensor => {
  const ddof = options.ddof ?? 0;
  if (!Number.isInteger(ddof) || ddof < 0) {
    throw new TensorError(`variance: ddof must be a non-negative integer, got ${String(ddof)}`);
  }
  return reduceWith('variance', (d, s, a, o) => varianceInto(d, s, a, o, ddof), x, options);
};

/** Options of `norm`: `ord` 1, 2 (default) or Infinity, applied over the flattened `axis`. */
export interface NormOptions extends ReduceOptions {
  readonly ord?: 1 | 2 | typeof Infinity;
}

/**
 * The vector norm over `axis` (default all axes, flattened): `ord` 1 (sum |x|), 2 (Euclidean,
 * default) or Infinity (max |x|). Pitfall: over two axes this is the norm of the flattened
 * entries (Frobenius for ord 2), not NumPy's matrix norm.
 *
 * @example
 * norm(x, { axis: -1 }); // row lengths
 */
export const norm = (x: Tensor, options: NormOptions = {}): Tensor => {
  const ord = options.ord ?? 2;
  if (ord !== 1 && ord !== 2 && ord !== Infinity) {
    throw new TensorError(`norm: ord must be 1, 2 or Infinity, got ${String(ord)}`);
  }
  return reduceWith('norm', (d, s, a, o) => normInto(d, s, a, ord, o), x, options);
};

/** Options of `argmax`/`argmin`: one axis, or the flattened tensor when absent. */
export interface ArgOptions {
  readonly axis?: number;
  readonly keepdims?: boolean;
}

const argReduce = (op: string, x: Tensor, options: ArgOptions, argmin: boolean): Tensor => {
  const axis = options.axis === undefined ? undefined : normalizeAxis(op, options.axis, x.rank);
  const axes = axis === undefined ? normalizeAxes(op, undefined, x.rank) : [axis];
  if (axes.some((a) => x.shape[a] === 0) || (axis === undefined && x.size === 0)) {
    throw new TensorError(
      `${op}: cannot take ${op} of an empty axis, shape ${formatShape(x.shape)}`,
    );
  }
  const shape = reducedShape(x.shape, axes, options.keepdims ?? false);
  const out = alloc('float64', sizeOf(shape));
  (argmin ? argminInto : argmaxInto)(x.data, x.shape, axis, out);
  return wrap(out, shape);
};

/**
 * Index of the first maximum along `axis`, or into the flattened tensor when `axis` is absent.
 * Indices come back as a float64 tensor. The first NaN wins, as in NumPy.
 *
 * @example
 * argmax(scores, { axis: 1 }); // predicted class per row
 */
export const argmax = (x: Tensor, options: ArgOptions = {}): Tensor =>
  argReduce('argmax', x, options, false);

/**
 * Index of the first minimum along `axis`, or into the flattened tensor; float64 indices.
 *
 * @example
 * argmin(distances, { axis: 0 });
 */
export const argmin = (x: Tensor, options: ArgOptions = {}): Tensor =>
  argReduce('argmin', x, options, true);

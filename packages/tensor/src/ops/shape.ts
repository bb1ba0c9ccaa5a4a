/**
 * Shape ops: views that share storage (reshape, flatten, expandDims, squeeze) and copies
 * through the layout kernels (transpose, broadcastTo, slice, take, concat, stack, split, flip).
 */
import { ShapeError, TensorError } from '../errors.js';
import {
  broadcastInto,
  concatInto,
  flipInto,
  sliceInto,
  takeInto,
  transposeInto,
} from '../kernels/layout.js';
import { alloc } from '../pool.js';
import {
  broadcastShapes,
  formatShape,
  normalizeAxes,
  normalizeAxis,
  shapesEqual,
  sizeOf,
  type Shape,
} from '../shape.js';
import { resultDType } from '../dtype.js';
import { wrap, type Tensor } from '../tensor.js';

/**
 * The same entries in a new shape (row-major order kept); one dimension may be -1, inferred.
 * Shares the storage: no copy.
 *
 * @example
 * reshape(x, [-1, 2]); // [6] -> [3, 2]
 */
export const reshape = (x: Tensor, shape: Shape): Tensor => {
  let inferAt = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === -1 && inferAt < 0) inferAt = i;
    else if (Number.isInteger(d) && d >= 0) known *= d;
    else {
      throw new TensorError(
        `reshape: shape[${i}] must be a non-negative integer or a single -1, got ${String(d)} ` +
          `in ${formatShape(shape)}`,
      );
    }
  }
  const out = shape.slice();
  if (inferAt >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError('reshape', [x.shape, shape], `cannot infer -1 for ${x.size} elements`);
    }
    out[inferAt] = x.size / known;
  } else if (known !== x.size) {
    throw new ShapeError('reshape', [x.shape, shape], `sizes ${x.size} and ${known} differ`);
  }
  return wrap(x.data, out);
};

/**
 * The entries as a 1-D tensor, sharing storage.
 *
 * @example
 * flatten(zeros([2, 3])).shape; // [6]
 */
export const flatten = (x: Tensor): Tensor => wrap(x.data, [x.size]);

/**
 * Permutes the axes: output axis i is input axis `perm[i]`; by default the axes are reversed
 * (a matrix transpose). Copies.
 *
 * @example
 * transpose(x); // [2, 3] -> [3, 2]
 * transpose(x, [0, 2, 1]); // swap the last two axes
 */
export const transpose = (x: Tensor, perm?: readonly number[]): Tensor => {
  const p = perm === undefined ? x.shape.map((_, i) => x.rank - 1 - i) : checkPerm(x, perm);
  const shape = p.map((a) => x.shape[a]);
  const out = alloc(x.dtype, x.size);
  transposeInto(x.data, x.shape, p, out);
  return wrap(out, shape);
};

const checkPerm = (x: Tensor, perm: readonly number[]): number[] => {
  const bad = (): never => {
    throw new TensorError(
      `transpose: perm must be a permutation of 0..${x.rank - 1} for shape ` +
        `${formatShape(x.shape)}, got [${perm.join(',')}]`,
    );
  };
  if (perm.length !== x.rank) bad();
  const p = perm.map((a) => (Number.isInteger(a) && a >= -x.rank && a < x.rank ? a : bad()));
  const axes = p.map((a) => (a < 0 ? a + x.rank : a));
  if (new Set(axes).size !== axes.length) bad();
  return axes;
};

/**
 * Inserts an axis of size 1 at `axis` (from -(rank+1) to rank). Shares storage.
 *
 * @example
 * expandDims(zeros([3]), 0).shape; // [1, 3]
 */
export const expandDims = (x: Tensor, axis: number): Tensor => {
  const a = normalizeAxis('expandDims', axis, x.rank + 1);
  const shape = x.shape.slice();
  shape.splice(a, 0, 1);
  return wrap(x.data, shape);
};

/**
 * Removes axes of size 1: the given ones (each must have size 1), or all of them. Shares storage.
 *
 * @example
 * squeeze(zeros([1, 3, 1])).shape; // [3]
 */
export const squeeze = (x: Tensor, axis?: number | readonly number[]): Tensor => {
  const axes =
    axis === undefined
      ? x.shape.flatMap((d, i) => (d === 1 ? [i] : []))
      : normalizeAxes('squeeze', axis, x.rank);
  for (const a of axes) {
    if (x.shape[a] !== 1) {
      throw new ShapeError('squeeze', [x.shape], `axis ${a} has size ${x.shape[a]}, not 1`);
    }
  }
  return wrap(
    x.data,
    x.shape.filter((_, i) => !axes.includes(i)),
  );
};

/**
 * Broadcasts `x` to `shape` (NumPy rules) and materialises the result.
 *
 * @example
 * broadcastTo(bias, [256, 64]);
 */
export const broadcastTo = (x: Tensor, shape: Shape): Tensor => {
  let fits: boolean;
  try {
    fits = shapesEqual(broadcastShapes('broadcastTo', x.shape, shape), shape);
  } catch {
    fits = false;
  }
  if (!fits) throw new ShapeError('broadcastTo', [x.shape, shape], 'cannot broadcast to target');
  const out = alloc(x.dtype, sizeOf(shape));
  broadcastInto(x.data, x.shape, out, shape);
  return wrap(out, shape.slice());
};

/**
 * The block starting at `begin` with extent `size`, one entry per axis. A negative `begin`
 * counts from the end; a `size` of -1 runs to the end of the axis. Copies.
 *
 * @example
 * slice(x, [1, 0], [2, -1]); // rows 1 and 2, every column
 */
export const slice = (x: Tensor, begin: readonly number[], size: readonly number[]): Tensor => {
  if (begin.length !== x.rank || size.length !== x.rank) {
    throw new ShapeError(
      'slice',
      [x.shape],
      `begin [${begin.join(',')}] and size [${size.join(',')}] need ${x.rank} entries each`,
    );
  }
  const b = begin.map((v, d) => resolveBegin(x.shape, v, d));
  const s = size.map((v, d) => resolveSize(x.shape, b[d], v, d));
  const out = alloc(x.dtype, sizeOf(s));
  sliceInto(x.data, x.shape, b, s, out);
  return wrap(out, s);
};

const resolveBegin = (shape: Shape, v: number, d: number): number => {
  const dim = shape[d];
  if (!Number.isInteger(v) || v < -dim || v > dim) {
    throw new TensorError(
      `slice: begin[${d}] = ${String(v)} is out of range for axis ${d} of shape ` +
        `${formatShape(shape)} (expected an integer from ${-dim} to ${dim})`,
    );
  }
  return v < 0 ? v + dim : v;
};

const resolveSize = (shape: Shape, begin: number, v: number, d: number): number => {
  const room = shape[d] - begin;
  if (v === -1) return room;
  if (!Number.isInteger(v) || v < 0 || v > room) {
    throw new TensorError(
      `slice: size[${d}] = ${String(v)} does not fit axis ${d} of shape ${formatShape(shape)} ` +
        `from begin ${begin} (expected -1 or an integer from 0 to ${room})`,
    );
  }
  return v;
};

/**
 * Gathers entries along `axis` by index (negative indices count from the end): the rows of a
 * mini-batch with `axis` 0. Every index is checked before any copying.
 *
 * @example
 * take(data, perm.subarray(0, 32)); // a batch of 32 rows
 */
export const take = (x: Tensor, indices: readonly number[] | Int32Array, axis = 0): Tensor => {
  const a = normalizeAxis('take', axis, x.rank);
  const idx = resolveIndices(x, indices, a);
  const shape = x.shape.slice();
  shape[a] = idx.length;
  const out = alloc(x.dtype, sizeOf(shape));
  takeInto(x.data, x.shape, idx, a, out);
  return wrap(out, shape);
};

/** Checks indices against axis `a` and resolves negative ones; Int32Arrays of valid
 * non-negative indices (the usual mini-batch case) pass through without a copy. */
const resolveIndices = (
  x: Tensor,
  indices: readonly number[] | Int32Array,
  a: number,
): Int32Array => {
  const len = x.shape[a];
  if (indices instanceof Int32Array) {
    let lo = 0;
    let hi = 0;
    for (let t = 0; t < indices.length; t++) {
      const i = indices[t];
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    }
    if (lo >= 0 && hi < len) return indices;
  }
  const idx = new Int32Array(indices.length);
  for (let t = 0; t < indices.length; t++) {
    const i = indices[t];
    if (!Number.isInteger(i) || i < -len || i >= len) {
      throw new TensorError(
        `take: index ${String(i)} at position ${t} is out of range for axis ${a} of shape ` +
          `${formatShape(x.shape)} (expected an integer from ${-len} to ${len - 1})`,
      );
    }
    idx[t] = i < 0 ? i + len : i;
  }
  return idx;
};

/**
 * Joins tensors along an existing `axis`; the other dimensions must agree. The dtype promotes.
 *
 * @example
 * concat([a, b], 0); // [2, 3] and [4, 3] -> [6, 3]
 */
export const concat = (xs: readonly Tensor[], axis = 0): Tensor => {
  if (xs.length === 0) throw new TensorError('concat: needs at least one tensor, got none');
  const shapes = xs.map((x) => x.shape);
  const rank = shapes[0].length;
  if (rank === 0) throw new ShapeError('concat', shapes, 'cannot concatenate scalars; use stack');
  const a = normalizeAxis('concat', axis, rank);
  const shape = shapes[0].slice();
  shape[a] = 0;
  for (const s of shapes) {
    const fits = s.length === rank && s.every((d, i) => i === a || d === shapes[0][i]);
    if (!fits) throw new ShapeError('concat', shapes, `shapes differ off axis ${a}`);
    shape[a] += s[a];
  }
  const dtype = xs.reduce((d, x) => resultDType(d, x.dtype), xs[0].dtype);
  const out = alloc(dtype, sizeOf(shape));
  concatInto(
    xs.map((x) => x.data),
    shapes,
    a,
    out,
  );
  return wrap(out, shape);
};

/**
 * Joins tensors of one shape along a new `axis`.
 *
 * @example
 * stack([q, p], -1); // two [n] tensors -> [n, 2]
 */
export const stack = (xs: readonly Tensor[], axis = 0): Tensor => {
  if (xs.length === 0) throw new TensorError('stack: needs at least one tensor, got none');
  const shapes = xs.map((x) => x.shape);
  if (!shapes.every((s) => shapesEqual(s, shapes[0]))) {
    throw new ShapeError('stack', shapes, 'all shapes must be equal');
  }
  const a = normalizeAxis('stack', axis, shapes[0].length + 1);
  return concat(
    xs.map((x) => expandDims(x, a)),
    a,
  );
};

/**
 * Splits along `axis` into `sections` equal parts (a number that must divide the axis), or
 * into parts of the given sizes (which must sum to the axis). Copies.
 *
 * @example
 * split(x, 2, -1); // [n, 4] -> two [n, 2]
 * split(x, [1, 3], -1); // [n, 4] -> [n, 1] and [n, 3]
 */
export const split = (
  x: Tensor,
  sectionsOrSizes: number | readonly number[],
  axis = 0,
): Tensor[] => {
  const a = normalizeAxis('split', axis, x.rank);
  const dim = x.shape[a];
  const sizes = splitSizes(x.shape, dim, sectionsOrSizes, a);
  const begin = x.shape.map(() => 0);
  const size = x.shape.slice();
  return sizes.map((s) => {
    size[a] = s;
    const part = slice(x, begin, size);
    begin[a] += s;
    return part;
  });
};

const splitSizes = (
  shape: Shape,
  dim: number,
  spec: number | readonly number[],
  axis: number,
): readonly number[] => {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec <= 0 || dim % spec !== 0) {
      throw new ShapeError(
        'split',
        [shape],
        `sections = ${String(spec)} must be a positive integer dividing axis ${axis} (size ${dim})`,
      );
    }
    return new Array<number>(spec).fill(dim / spec);
  }
  const total = spec.reduce((s, v) => s + v, 0);
  if (!spec.every((v) => Number.isInteger(v) && v >= 0) || total !== dim) {
    throw new ShapeError(
      'split',
      [shape],
      `sizes [${spec.join(',')}] must be non-negative integers summing to ${dim} (axis ${axis})`,
    );
  }
  return spec;
};

/**
 * Reverses the order of entries along `axis` (default all axes). Copies.
 *
 * @example
 * flip(tensorOrThrow([1, 2, 3])); // [3, 2, 1]
 */
export const flip = (x: Tensor, axis?: number | readonly number[]): Tensor => {
  const axes = normalizeAxes('flip', axis, x.rank);
  const out = alloc(x.dtype, x.size);
  flipInto(x.data, x.shape, axes, out);
  return wrap(out, x.shape);
};

/**
 * Data-movement kernels: transpose, broadcast, slice, gather, concatenate, flip. Each writes
 * every element of a preallocated `out`; the caller validates shapes, axes and indices.
 */
import type { Storage } from '../dtype.js';
import { sizeOf, stridesOf, type Shape } from '../shape.js';
import { broadcastStrides } from './broadcast.js';

// Copies a strided view of `x` (per-output-axis strides `xs`, start `x0`) into contiguous `out`.
const gatherStrided = (
  x: Storage,
  x0: number,
  xs: readonly number[],
  out: Storage,
  outShape: Shape,
): void => {
  const n = sizeOf(outShape);
  if (n === 0) return;
  const r = outShape.length;
  if (r === 0) {
    out[0] = x[x0];
    return;
  }
  const len = outShape[r - 1];
  const s = xs[r - 1];
  const idx = new Int32Array(r);
  let ix = x0;
  for (let o = 0; o < n; o += len) {
    if (s === 1) for (let j = 0; j < len; j++) out[o + j] = x[ix + j];
    else for (let j = 0; j < len; j++) out[o + j] = x[ix + j * s];
    for (let d = r - 2; d >= 0; d--) {
      idx[d]++;
      ix += xs[d];
      if (idx[d] < outShape[d]) break;
      ix -= xs[d] * outShape[d];
      idx[d] = 0;
    }
  }
};

/**
 * Writes `x` with its axes permuted: output axis `i` is input axis `perm[i]`.
 *
 * @example
 * transposeInto(x, [2, 3], [1, 0], out); // out is x transposed, shape [3, 2]
 */
export const transposeInto = (
  x: Storage,
  shape: Shape,
  perm: readonly number[],
  out: Storage,
): void => {
  const strides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  gatherStrided(
    x,
    0,
    perm.map((p) => strides[p]),
    out,
    outShape,
  );
};

/**
 * Writes `x` broadcast (NumPy rules) to `outShape`.
 *
 * @example
 * broadcastInto(bias, [64], out, [256, 64]);
 */
export const broadcastInto = (x: Storage, shape: Shape, out: Storage, outShape: Shape): void =>
  gatherStrided(x, 0, broadcastStrides(shape, outShape), out, outShape);

/**
 * Writes the block of `x` starting at `begin` with extent `size` (both full-rank, resolved).
 *
 * @example
 * sliceInto(x, [4, 3], [1, 0], [2, 3], out); // rows 1 and 2
 */
export const sliceInto = (
  x: Storage,
  shape: Shape,
  begin: readonly number[],
  size: readonly number[],
  out: Storage,
): void => {
  const strides = stridesOf(shape);
  let x0 = 0;
  for (let d = 0; d < shape.length; d++) x0 += begin[d] * strides[d];
  gatherStrided(x, x0, strides, out, size);
};

/**
 * Gathers the entries `indices` of `x` along `axis` (indices already validated and
 * non-negative). The output shape is `shape` with `shape[axis]` replaced by `indices.length`.
 *
 * @example
 * takeInto(x, [100, 2], batch, 0, out); // the rows of a mini-batch
 */
export const takeInto = (
  x: Storage,
  shape: Shape,
  indices: ArrayLike<number>,
  axis: number,
  out: Storage,
): void => {
  const outer = sizeOf(shape.slice(0, axis));
  const len = shape[axis];
  const inner = sizeOf(shape.slice(axis + 1));
  const k = indices.length;
  let o = 0;
  for (let i = 0; i < outer; i++) {
    const base = i * len;
    for (let t = 0; t < k; t++) {
      const src = (base + indices[t]) * inner;
      for (let j = 0; j < inner; j++) out[o + j] = x[src + j];
      o += inner;
    }
  }
};

/**
 * Writes the concatenation of `xs` along `axis`; the shapes agree off `axis`.
 *
 * @example
 * concatInto([a, b], [[2, 3], [4, 3]], 0, out); // shape [6, 3]
 */
export const concatInto = (
  xs: readonly Storage[],
  shapes: readonly Shape[],
  axis: number,
  out: Storage,
): void => {
  if (xs.length === 0) return;
  const outer = sizeOf(shapes[0].slice(0, axis));
  const blocks = shapes.map((s) => sizeOf(s.slice(axis)));
  let o = 0;
  for (let i = 0; i < outer; i++) {
    for (let t = 0; t < xs.length; t++) {
      const x = xs[t];
      const block = blocks[t];
      const src = i * block;
      for (let j = 0; j < block; j++) out[o + j] = x[src + j];
      o += block;
    }
  }
};

/**
 * Writes `x` reversed along the given (normalized) axes.
 *
 * @example
 * flipInto(x, [3], [0], out); // [1, 2, 3] becomes [3, 2, 1]
 */
export const flipInto = (x: Storage, shape: Shape, axes: readonly number[], out: Storage): void => {
  const strides = stridesOf(shape);
  let x0 = 0;
  const xs = strides.slice();
  for (const a of axes) {
    if (shape[a] === 0) return;
    x0 += (shape[a] - 1) * strides[a];
    xs[a] = -strides[a];
  }
  gatherStrided(x, x0, xs, out, shape);
};

/**
 * Primitives that move elements without arithmetic: reshape, transpose, broadcast, slice and its
 * transpose pad, take and its transpose scatter-add, concat, cast and stop-gradient.
 * Each one's derivative is another member of this family, so all of them nest.
 */
import type { DType, Shape, Storage } from '@hamiltonian/tensor';
import { ShapeError, TensorError, broadcastShapes, shapesEqual } from '@hamiltonian/tensor';
import {
  broadcastInto,
  concatInto,
  sliceInto,
  takeInto,
  transposeInto,
} from '@hamiltonian/tensor/kernels';
import { sizeOfShape, type Primitive } from '../core/primitive.js';
import type { Aval, Value } from '../core/value.js';
import {
  broadcastTo,
  castPrim,
  concatPrim,
  padPrim,
  reshape,
  scatterAddPrim,
  slicePrim,
  takePrim,
  transpose,
} from '../ops.js';
import { unbroadcast } from './zeros.js';

const first = (inputs: readonly Aval[]): Aval => inputs[0] as Aval;

/** A primitive whose result shares its operand's storage (eager) or buffer (jit). */
export interface AliasPrimitive<P> extends Primitive<P> {
  readonly alias: true;
}

export const reshapePrimitive: AliasPrimitive<{ readonly shape: Shape }> = {
  name: 'reshape',
  alias: true,
  aval: (inputs, { shape }) => {
    const x = first(inputs);
    if (sizeOfShape(x.shape) !== sizeOfShape(shape)) {
      throw new ShapeError('reshape', [x.shape, shape], 'sizes differ');
    }
    return { shape, dtype: x.dtype };
  },
  lower:
    () =>
    ([x], out) =>
      out.set(x as Float64Array),
  jvp: (_p, [t], _y, { shape }) => (t ? reshape(t, shape) : null),
  vjp: (g, [x]) => [reshape(g, (x as Value).shape)],
};

export const transposePrimitive: Primitive<{ readonly perm: readonly number[] }> = {
  name: 'transpose',
  aval: (inputs, { perm }) => {
    const x = first(inputs);
    return { shape: perm.map((p) => x.shape[p] as number), dtype: x.dtype };
  },
  lower: (inputs, { perm }) => {
    const shape = first(inputs).shape;
    return ([x], out) => transposeInto(x as Float64Array, shape, perm, out);
  },
  jvp: (_p, [t], _y, { perm }) => (t ? transpose(t, perm) : null),
  vjp: (g, _p, _y, { perm }) => {
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return [transpose(g, inverse)];
  },
};

export const broadcastPrimitive: Primitive<{ readonly shape: Shape }> = {
  name: 'broadcastTo',
  aval: (inputs, { shape }) => {
    const x = first(inputs);
    const joint = broadcastShapes('broadcastTo', x.shape, shape);
    if (!shapesEqual(joint, shape)) {
      throw new ShapeError(
        'broadcastTo',
        [x.shape, shape],
        'cannot broadcast the first shape to the second',
      );
    }
    return { shape, dtype: x.dtype };
  },
  lower: (inputs, { shape }) => {
    const from = first(inputs).shape;
    return ([x], out) => broadcastInto(x as Float64Array, from, out, shape);
  },
  jvp: (_p, [t], _y, { shape }) => (t ? broadcastTo(t, shape) : null),
  vjp: (g, [x]) => [unbroadcast(g, (x as Value).shape)],
};

/** A box inside a tensor: where it starts and how large it is. */
export interface SliceParams {
  readonly begin: readonly number[];
  readonly size: readonly number[];
}

export const slicePrimitive: Primitive<SliceParams> = {
  name: 'slice',
  aval: (inputs, { size }) => ({ shape: size, dtype: first(inputs).dtype }),
  lower: (inputs, { begin, size }) => {
    const shape = first(inputs).shape;
    return ([x], out) => sliceInto(x as Float64Array, shape, begin, size, out);
  },
  jvp: (_p, [t], _y, params) => (t ? slicePrim(t, params) : null),
  vjp: (g, [x], _y, { begin }) => [padPrim(g, { begin, shape: (x as Value).shape })],
};

/** Places the operand into zeros of `shape` starting at `begin`: the transpose of `slice`. */
export const padPrimitive: Primitive<{ readonly begin: readonly number[]; readonly shape: Shape }> =
  {
    name: 'pad',
    aval: (inputs, { shape }) => ({ shape, dtype: first(inputs).dtype }),
    lower: (inputs, { begin, shape }) => {
      const inner = first(inputs).shape;
      const rank = shape.length;
      const strides = new Array<number>(rank).fill(1);
      for (let i = rank - 2; i >= 0; i--)
        strides[i] = (strides[i + 1] as number) * (shape[i + 1] as number);
      return ([x], out) => {
        out.fill(0);
        placeBlock(x as Float64Array, inner, out, strides, begin);
      };
    },
    jvp: (_p, [t], _y, params) => (t ? padPrim(t, params) : null),
    vjp: (g, [x], _y, { begin }) => [slicePrim(g, { begin, size: (x as Value).shape })],
  };

/** Copies a dense block into a larger row-major array at an offset. */
const placeBlock = (
  src: Storage,
  shape: Shape,
  dst: Storage,
  dstStrides: readonly number[],
  begin: readonly number[],
): void => {
  const rank = shape.length;
  if (src.length === 0) return;
  let base = 0;
  for (let i = 0; i < rank; i++) base += (begin[i] as number) * (dstStrides[i] as number);
  if (rank === 0) {
    dst[base] = src[0] as number;
    return;
  }
  const inner = shape[rank - 1] as number;
  const index = new Array<number>(rank).fill(0);
  for (let s = 0; s < src.length; s += inner) {
    let offset = base;
    for (let i = 0; i < rank - 1; i++) offset += (index[i] as number) * (dstStrides[i] as number);
    for (let j = 0; j < inner; j++) dst[offset + j] = src[s + j] as number;
    for (let i = rank - 2; i >= 0; i--) {
      index[i] = (index[i] as number) + 1;
      if ((index[i] as number) < (shape[i] as number)) break;
      index[i] = 0;
    }
  }
};

/** Gathers along `axis` by an index list. */
export interface TakeParams {
  readonly indices: Int32Array;
  readonly axis: number;
}

export const takePrimitive: Primitive<TakeParams> = {
  name: 'take',
  aval: (inputs, { indices, axis }) => {
    const x = first(inputs);
    const n = x.shape[axis] as number;
    for (const i of indices) {
      if (i < 0 || i >= n) {
        throw new TensorError(`take: index ${i} out of range for axis ${axis} of length ${n}`);
      }
    }
    const shape = x.shape.slice();
    shape[axis] = indices.length;
    return { shape, dtype: x.dtype };
  },
  lower: (inputs, { indices, axis }) => {
    const shape = first(inputs).shape;
    return ([x], out) => takeInto(x as Float64Array, shape, indices, axis, out);
  },
  jvp: (_p, [t], _y, params) => (t ? takePrim(t, params) : null),
  vjp: (g, [x], _y, params) => [scatterAddPrim(g, { ...params, shape: (x as Value).shape })],
};

/** Adds rows of the operand into zeros of `shape` at `indices` along `axis`: take's transpose. */
export const scatterAddPrimitive: Primitive<TakeParams & { readonly shape: Shape }> = {
  name: 'scatterAdd',
  aval: (inputs, { shape }) => ({ shape, dtype: first(inputs).dtype }),
  lower: (inputs, { indices, axis, shape }) => {
    const src = first(inputs).shape;
    const outer = sizeOfShape(shape.slice(0, axis));
    const inner = sizeOfShape(shape.slice(axis + 1));
    const n = shape[axis] as number;
    const m = src[axis] as number;
    return ([x], out) => {
      out.fill(0);
      const g = x as Float64Array;
      for (let o = 0; o < outer; o++) {
        for (let j = 0; j < m; j++) {
          const from = (o * m + j) * inner;
          const to = (o * n + (indices[j] as number)) * inner;
          for (let i = 0; i < inner; i++) out[to + i] += g[from + i] as number;
        }
      }
    };
  },
  jvp: (_p, [t], _y, params) => (t ? scatterAddPrim(t, params) : null),
  vjp: (g, _p, _y, { indices, axis }) => [takePrim(g, { indices, axis })],
};

export const concatPrimitive: Primitive<{ readonly axis: number }> = {
  name: 'concat',
  aval: (inputs, { axis }) => {
    const x = first(inputs);
    const shape = x.shape.slice();
    let total = 0;
    for (const y of inputs) {
      const same =
        y.shape.length === x.shape.length &&
        y.shape.every((d, i) => i === axis || d === x.shape[i]);
      if (!same) {
        throw new ShapeError(
          'concat',
          inputs.map((v) => v.shape),
          `shapes differ off axis ${axis}`,
        );
      }
      total += y.shape[axis] as number;
    }
    shape[axis] = total;
    return { shape, dtype: x.dtype };
  },
  lower: (inputs, { axis }) => {
    const shapes = inputs.map((x) => x.shape);
    return (xs, out) => concatInto(xs as readonly Float64Array[], shapes, axis, out);
  },
  jvp: (primals, tangents, _y, params) => {
    if (tangents.every((t) => t === null)) return null;
    const parts = tangents.map((t, i) => t ?? zerosValue(primals[i] as Value));
    return concatPrim(parts, params);
  },
  vjp: (g, primals, _y, { axis }, wanted) => {
    let offset = 0;
    return primals.map((x, i) => {
      const begin = g.shape.map((_, j) => (j === axis ? offset : 0));
      offset += x.shape[axis] as number;
      return wanted[i] ? slicePrim(g, { begin, size: x.shape }) : null;
    });
  },
};

const zerosValue = (x: Value): Value => broadcastTo(castPrim(0, x.dtype), x.shape);

export const castPrimitive: Primitive<{ readonly dtype: DType }> = {
  name: 'cast',
  aval: (inputs, { dtype }) => ({ shape: first(inputs).shape, dtype }),
  lower:
    () =>
    ([x], out) =>
      out.set(x as Float64Array),
  jvp: (_p, [t], _y, params) => (t ? castPrim(t, params.dtype) : null),
  vjp: (g, [x]) => [castPrim(g, (x as Value).dtype)],
};

/** Identity whose derivative is zero: values pass, gradients stop. */
export const stopGradientPrimitive: AliasPrimitive<null> = {
  name: 'stopGradient',
  alias: true,
  nonDifferentiable: true,
  aval: (inputs) => first(inputs),
  lower:
    () =>
    ([x], out) =>
      out.set(x as Float64Array),
  jvp: () => null,
  vjp: () => [null],
};

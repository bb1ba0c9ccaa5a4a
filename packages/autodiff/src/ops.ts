/**
 * Differentiable ops: the tensor package's functions, made traceable.
 *
 * Each op accepts tensors, tracers or plain numbers and applies a primitive through `bind`, so
 * the same code runs eagerly on tensors and under any stack of transforms. Names and semantics
 * match `@hamiltonian/tensor` (NumPy broadcasting, `{ axis, keepdims }` reductions).
 */
import type { DType, Shape } from '@hamiltonian/tensor';
import {
  ShapeError,
  TensorError,
  argmax as tensorArgmax,
  argmin as tensorArgmin,
  normalizeAxes,
  scalar,
  shapesEqual,
  zeros,
  ones,
  type Tensor,
} from '@hamiltonian/tensor';
import { bind, sizeOfShape } from './core/primitive.js';
import { primalOf, type Value, type ValueLike } from './core/value.js';
import { binaryPrimitives, wherePrimitive } from './rules/binary.js';
import { matmulPrimitive, type MatmulParams } from './rules/matmul.js';
import { reducePrimitives } from './rules/reduce.js';
import {
  broadcastPrimitive,
  castPrimitive,
  concatPrimitive,
  padPrimitive,
  reshapePrimitive,
  scatterAddPrimitive,
  slicePrimitive,
  stopGradientPrimitive,
  takePrimitive,
  transposePrimitive,
  type SliceParams,
  type TakeParams,
} from './rules/shape.js';
import { unaryPrimitives } from './rules/unary.js';

/** Reduction options, as in the tensor package. */
export interface ReduceOptions {
  readonly axis?: number | readonly number[];
  readonly keepdims?: boolean;
}

const normalizeAxis = (op: string, axis: number, rank: number): number =>
  normalizeAxes(op, axis, rank)[0] as number;

/** A number becomes a scalar constant of the given dtype; values pass through. */
const lift = (x: ValueLike, dtype: DType = 'float64'): Value =>
  typeof x === 'number' ? scalar(x, dtype) : x;

const dtypeOf = (x: ValueLike): DType | undefined => (typeof x === 'number' ? undefined : x.dtype);

const unary =
  (name: keyof typeof unaryPrimitives) =>
  (x: ValueLike): Value =>
    bind(unaryPrimitives[name], [lift(x)], null);

const binary =
  (name: keyof typeof binaryPrimitives) =>
  (a: ValueLike, b: ValueLike): Value => {
    const dtype = dtypeOf(a) ?? dtypeOf(b);
    return bind(binaryPrimitives[name], [lift(a, dtype), lift(b, dtype)], null);
  };

/** `-x` elementwise. */
export const neg = unary('neg');
/** `|x|`; its derivative at 0 is 0. */
export const abs = unary('abs');
/** -1, 0 or 1; derivative zero. */
export const sign = unary('sign');
export const exp = unary('exp');
export const expm1 = unary('expm1');
export const log = unary('log');
export const log1p = unary('log1p');
export const log2 = unary('log2');
export const log10 = unary('log10');
export const sqrt = unary('sqrt');
export const rsqrt = unary('rsqrt');
export const square = unary('square');
export const cube = unary('cube');
export const reciprocal = unary('reciprocal');
export const sin = unary('sin');
export const cos = unary('cos');
export const tan = unary('tan');
export const asin = unary('asin');
export const acos = unary('acos');
export const atan = unary('atan');
export const sinh = unary('sinh');
export const cosh = unary('cosh');
export const tanh = unary('tanh');
export const asinh = unary('asinh');
export const acosh = unary('acosh');
export const atanh = unary('atanh');
export const sigmoid = unary('sigmoid');
export const logSigmoid = unary('logSigmoid');
/** `max(x, 0)`; its derivative at 0 is 0 (JAX and PyTorch). */
export const relu = unary('relu');
export const softplus = unary('softplus');
/** 1 where x > 0, else 0; derivative zero. */
export const heaviside = unary('heaviside');
export const floor = unary('floor');
export const ceil = unary('ceil');
export const round = unary('round');
export const erf = unary('erf');
/** Exact GELU, `x Φ(x)`. */
export const gelu = unary('gelu');
/** `x sigmoid(x)`. */
export const swish = unary('swish');
export const isNaN = unary('isNaN');
export const isFinite = unary('isFinite');

export const add = binary('add');
export const sub = binary('sub');
export const mul = binary('mul');
export const div = binary('div');
export const pow = binary('pow');
/** Elementwise maximum; at ties each operand gets half the derivative. */
export const maximum = binary('maximum');
/** Elementwise minimum; at ties each operand gets half the derivative. */
export const minimum = binary('minimum');
export const atan2 = binary('atan2');
export const mod = binary('mod');
export const eq = binary('eq');
export const ne = binary('ne');
export const lt = binary('lt');
export const le = binary('le');
export const gt = binary('gt');
export const ge = binary('ge');

/**
 * Picks `a` where `cond` is nonzero and `b` elsewhere, broadcasting all three.
 *
 * @example
 * where(gt(x, 0), x, mul(x, 0.01)); // leaky relu
 */
export const where = (cond: ValueLike, a: ValueLike, b: ValueLike): Value => {
  const dtype = dtypeOf(a) ?? dtypeOf(b);
  return bind(wherePrimitive, [lift(cond, dtype), lift(a, dtype), lift(b, dtype)], null);
};

const reduceParams = (op: string, x: Value, { axis, keepdims = false }: ReduceOptions) => ({
  axes: [...normalizeAxes(op, axis, x.shape.length)].sort((a, b) => a - b),
  keepdims,
});

/** Sum over `axis` (all axes by default). */
export const sum = (x: ValueLike, options: ReduceOptions = {}): Value => {
  const v = lift(x);
  return bind(reducePrimitives.sum, [v], reduceParams('sum', v, options));
};

/** Maximum over `axis`; ties share the derivative equally. */
export const max = (x: ValueLike, options: ReduceOptions = {}): Value => {
  const v = lift(x);
  return bind(reducePrimitives.max, [v], reduceParams('max', v, options));
};

/** Minimum over `axis`; ties share the derivative equally. */
export const min = (x: ValueLike, options: ReduceOptions = {}): Value => {
  const v = lift(x);
  return bind(reducePrimitives.min, [v], reduceParams('min', v, options));
};

/** Mean over `axis`. */
export const mean = (x: ValueLike, options: ReduceOptions = {}): Value => {
  const v = lift(x);
  const { axes } = reduceParams('mean', v, options);
  const count = axes.reduce((n, a) => n * (v.shape[a] as number), 1);
  return div(sum(v, options), count);
};

/** Variance over `axis` (population, `ddof` 0). */
export const variance = (x: ValueLike, options: ReduceOptions = {}): Value => {
  const v = lift(x);
  const centered = sub(v, mean(v, { ...options, keepdims: true }));
  return mean(square(centered), options);
};

/** `log(sum(exp(x)))` over `axis`, shifted by the maximum for stability. */
export const logsumexp = (x: ValueLike, options: ReduceOptions = {}): Value => {
  const v = lift(x);
  // Shift by the maximum where it is finite: when a slice is all -Infinity, the result is too.
  const top = max(v, { ...options, keepdims: true });
  const m = stopGradient(where(isFinite(top), top, 0));
  const s = log(sum(exp(sub(v, m)), { ...options, keepdims: true }));
  const out = add(s, m);
  return options.keepdims === true ? out : reshape(out, sum(v, options).shape);
};

/**
 * The vector norm over `axis` (all axes by default): `ord` 2 (Euclidean), 1 or Infinity.
 * Pitfall: the 2-norm's derivative at the zero vector is NaN, as in JAX.
 */
export const norm = (x: ValueLike, options: ReduceOptions & { ord?: number } = {}): Value => {
  const { ord = 2, ...rest } = options;
  if (ord === 1) return sum(abs(x), rest);
  if (ord === 2) return sqrt(sum(square(x), rest));
  if (ord === Infinity) return max(abs(x), rest);
  throw new TensorError(`norm: ord must be 1, 2 or Infinity, got ${ord}`);
};

/** Indices of the maxima along `axis` (or of the flattened array); not differentiable. */
export const argmax = (x: Value, axis?: number): Tensor =>
  tensorArgmax(primalOf(x), axis === undefined ? {} : { axis });

/** Indices of the minima along `axis` (or of the flattened array); not differentiable. */
export const argmin = (x: Value, axis?: number): Tensor =>
  tensorArgmin(primalOf(x), axis === undefined ? {} : { axis });

/** The matrix-product primitive with transpose flags (used by derivative rules). */
export const matmulPrim = (a: Value, b: Value, params: MatmulParams): Value =>
  bind(matmulPrimitive, [a, b], params);

/**
 * Matrix product with NumPy semantics: 1-D operands are promoted (and the promoted axis
 * dropped), batch dimensions broadcast.
 *
 * @example
 * matmul(x, transpose(W)); // [batch, in] x [in, out]
 */
export const matmul = (a: ValueLike, b: ValueLike): Value => {
  let x = lift(a);
  let y = lift(b, x.dtype);
  if (x.shape.length === 0 || y.shape.length === 0) {
    throw new ShapeError('matmul', [x.shape, y.shape], 'operands must have at least one dimension');
  }
  const vecA = x.shape.length === 1;
  const vecB = y.shape.length === 1;
  if (vecA) x = reshape(x, [1, x.shape[0] as number]);
  if (vecB) y = reshape(y, [y.shape[0] as number, 1]);
  const ka = x.shape[x.shape.length - 1];
  const kb = y.shape[y.shape.length - 2];
  if (ka !== kb) {
    throw new ShapeError(
      'matmul',
      [lift(a).shape, lift(b).shape],
      `inner dimensions ${ka} and ${kb} differ`,
    );
  }
  const batchA = x.shape.slice(0, -2);
  const batchB = y.shape.slice(0, -2);
  if (batchA.length > 0 || batchB.length > 0) {
    const batch = broadcastBatch(batchA, batchB, lift(a).shape, lift(b).shape);
    const fullA = [...batch, ...x.shape.slice(-2)];
    const fullB = [...batch, ...y.shape.slice(-2)];
    if (!shapesEqual(x.shape, fullA)) x = broadcastTo(x, fullA);
    if (!shapesEqual(y.shape, fullB)) y = broadcastTo(y, fullB);
  }
  let out = matmulPrim(x, y, { transA: false, transB: false });
  if (vecA || vecB) {
    const shape = out.shape.slice();
    if (vecB) shape.splice(shape.length - 1, 1);
    if (vecA) shape.splice(shape.length - (vecB ? 1 : 2), 1);
    out = reshape(out, shape);
  }
  return out;
};

const broadcastBatch = (a: Shape, b: Shape, sa: Shape, sb: Shape): number[] => {
  const r = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < r; i++) {
    const x = a[a.length - r + i] ?? 1;
    const y = b[b.length - r + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new ShapeError('matmul', [sa, sb], `batch dimensions ${x} and ${y} differ`);
    }
    out.push(x === 1 ? y : x);
  }
  return out;
};

/** Inner product of two vectors, or `matmul` for higher ranks. */
export const dot = (a: ValueLike, b: ValueLike): Value => matmul(a, b);

/** Outer product of two vectors: `[m] x [n] -> [m, n]`. */
export const outer = (a: ValueLike, b: ValueLike): Value => {
  const x = lift(a);
  const y = lift(b, x.dtype);
  return mul(reshape(x, [x.size, 1]), reshape(y, [1, y.size]));
};

const valueSize = (x: Value): number => sizeOfShape(x.shape);

/** New shape, same elements; one entry may be -1 (inferred). */
export const reshape = (x: ValueLike, shape: readonly number[]): Value => {
  const v = lift(x);
  const resolved = resolveShape(v, shape);
  if (shapesEqual(resolved, v.shape)) return v;
  return bind(reshapePrimitive, [v], { shape: resolved });
};

const resolveShape = (x: Value, shape: readonly number[]): number[] => {
  const unknown = shape.indexOf(-1);
  if (unknown < 0) return shape.slice();
  const known = shape.reduce((n, d, i) => (i === unknown ? n : n * d), 1);
  const out = shape.slice();
  out[unknown] = known === 0 ? 0 : valueSize(x) / known;
  if (!Number.isInteger(out[unknown])) {
    throw new ShapeError('reshape', [x.shape, shape], 'sizes differ');
  }
  return out;
};

/** A 1-D view of all elements. */
export const flatten = (x: ValueLike): Value => reshape(x, [-1]);

/** Permutes axes (reverses them by default). */
export const transpose = (x: ValueLike, perm?: readonly number[]): Value => {
  const v = lift(x);
  const rank = v.shape.length;
  const p = perm ?? [...Array(rank).keys()].reverse();
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== rank || sorted.some((a, i) => a !== i)) {
    throw new TensorError(`transpose: perm [${p.join(',')}] is not a permutation of ${rank} axes`);
  }
  if (p.every((a, i) => a === i)) return v;
  return bind(transposePrimitive, [v], { perm: p });
};

/** Inserts a length-1 axis at `axis`. */
export const expandDims = (x: ValueLike, axis: number): Value => {
  const v = lift(x);
  const ax = normalizeAxis('expandDims', axis, v.shape.length + 1);
  const shape = v.shape.slice();
  shape.splice(ax, 0, 1);
  return reshape(v, shape);
};

/** Removes length-1 axes (all of them, or those in `axis`). */
export const squeeze = (x: ValueLike, axis?: number | readonly number[]): Value => {
  const v = lift(x);
  const axes =
    axis === undefined
      ? v.shape.flatMap((d, i) => (d === 1 ? [i] : []))
      : normalizeAxes('squeeze', axis, v.shape.length);
  for (const a of axes) {
    if (v.shape[a] !== 1) {
      throw new ShapeError('squeeze', [v.shape], `axis ${a} has length ${v.shape[a]}, not 1`);
    }
  }
  return reshape(
    v,
    v.shape.filter((_, i) => !axes.includes(i)),
  );
};

/** Broadcasts to `shape` (NumPy rules). */
export const broadcastTo = (x: ValueLike, shape: readonly number[]): Value => {
  const v = lift(x);
  if (shapesEqual(v.shape, shape)) return v;
  return bind(broadcastPrimitive, [v], { shape: shape.slice() });
};

/** The slicing primitive with resolved, full-rank parameters (used by derivative rules). */
export const slicePrim = (x: Value, params: SliceParams): Value =>
  shapesEqual(params.size, x.shape) ? x : bind(slicePrimitive, [x], params);

/** The padding primitive: places `x` into zeros of `shape` at `begin`. */
export const padPrim = (x: Value, params: { begin: readonly number[]; shape: Shape }): Value =>
  shapesEqual(params.shape, x.shape) ? x : bind(padPrimitive, [x], params);

/**
 * The block starting at `begin` with extent `size` (-1: to the end of that axis). Shorter
 * lists leave the remaining axes whole.
 *
 * @example
 * slice(x, [0, 1], [-1, 1]); // column 1 as [n, 1]
 */
export const slice = (x: ValueLike, begin: readonly number[], size?: readonly number[]): Value => {
  const v = lift(x);
  const rank = v.shape.length;
  if (begin.length > rank || (size !== undefined && size.length > rank)) {
    throw new ShapeError(
      'slice',
      [v.shape],
      `begin [${begin}] or size [${size ?? []}] longer than rank ${rank}`,
    );
  }
  const b = v.shape.map((_, i) => begin[i] ?? 0);
  const s = v.shape.map((d, i) => {
    const want = size?.[i] ?? -1;
    return want === -1 ? d - (b[i] as number) : want;
  });
  for (let i = 0; i < rank; i++) {
    const bi = b[i] as number;
    const si = s[i] as number;
    if (
      !Number.isInteger(bi) ||
      !Number.isInteger(si) ||
      bi < 0 ||
      si < 0 ||
      bi + si > (v.shape[i] as number)
    ) {
      throw new ShapeError(
        'slice',
        [v.shape],
        `begin ${bi} and size ${si} out of range on axis ${i}`,
      );
    }
  }
  return slicePrim(v, { begin: b, size: s });
};

/** The gather primitive with resolved parameters (used by derivative rules). */
export const takePrim = (x: Value, params: TakeParams): Value => bind(takePrimitive, [x], params);

/** The scatter-add primitive: the transpose of `take`. */
export const scatterAddPrim = (x: Value, params: TakeParams & { shape: Shape }): Value =>
  bind(scatterAddPrimitive, [x], params);

/**
 * Gathers entries along `axis` by an index list: `take(data, batchIndices)` picks rows.
 *
 * @example
 * take(x, [3, 0, 2]); // rows 3, 0 and 2
 */
export const take = (x: ValueLike, indices: readonly number[] | Int32Array, axis = 0): Value => {
  const v = lift(x);
  const ax = normalizeAxis('take', axis, v.shape.length);
  return takePrim(v, { indices: Int32Array.from(indices), axis: ax });
};

/** The concatenation primitive (used by derivative rules). */
export const concatPrim = (xs: readonly Value[], params: { axis: number }): Value =>
  xs.length === 1 ? (xs[0] as Value) : bind(concatPrimitive, xs, params);

/** Joins values along an existing axis. */
export const concat = (xs: readonly ValueLike[], axis = 0): Value => {
  if (xs.length === 0) throw new TensorError('concat: needs at least one value, got none');
  const vs = xs.map((x) => lift(x));
  const ax = normalizeAxis('concat', axis, (vs[0] as Value).shape.length);
  return concatPrim(vs, { axis: ax });
};

/** Joins values along a new axis. */
export const stack = (xs: readonly ValueLike[], axis = 0): Value => {
  if (xs.length === 0) throw new TensorError('stack: needs at least one value, got none');
  const vs = xs.map((x) => lift(x));
  const ax = normalizeAxis('stack', axis, (vs[0] as Value).shape.length + 1);
  return concat(
    vs.map((v) => expandDims(v, ax)),
    ax,
  );
};

/** Splits into equal `sections` (a number) or pieces of the given sizes along `axis`. */
export const split = (x: ValueLike, sections: number | readonly number[], axis = 0): Value[] => {
  const v = lift(x);
  const ax = normalizeAxis('split', axis, v.shape.length);
  const len = v.shape[ax] as number;
  const sizes = typeof sections === 'number' ? equalSections(len, sections) : sections;
  if (sizes.reduce((a, b) => a + b, 0) !== len) {
    throw new ShapeError(
      'split',
      [v.shape],
      `sizes [${sizes}] do not add up to ${len} on axis ${ax}`,
    );
  }
  let offset = 0;
  return sizes.map((n) => {
    const begin = v.shape.map((_, i) => (i === ax ? offset : 0));
    const size = v.shape.map((d, i) => (i === ax ? n : d));
    offset += n;
    return slicePrim(v, { begin, size });
  });
};

const equalSections = (len: number, sections: number): number[] => {
  if (!Number.isInteger(sections) || sections <= 0 || len % sections !== 0) {
    throw new TensorError(`split: ${sections} sections cannot divide length ${len} equally`);
  }
  return new Array<number>(sections).fill(len / sections);
};

/** The cast primitive. */
export const castPrim = (x: ValueLike, dtype: DType): Value => {
  const v = lift(x, dtype);
  return v.dtype === dtype ? v : bind(castPrimitive, [v], { dtype });
};

/** Converts to another dtype (differentiable). */
export const astype = castPrim;

/**
 * The identity whose derivative is zero: gradients do not flow through it.
 *
 * @example
 * const target = stopGradient(prediction); // a constant for the loss
 */
export const stopGradient = (x: ValueLike): Value => bind(stopGradientPrimitive, [lift(x)], null);

/** Concrete zeros with the shape and dtype of `x`. */
export const zerosLike = (x: Value): Tensor => zeros(x.shape, { dtype: x.dtype });

/** Concrete ones with the shape and dtype of `x`. */
export const onesLike = (x: Value): Tensor => ones(x.shape, { dtype: x.dtype });

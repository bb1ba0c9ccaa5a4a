/**
 * Elementwise unary ops. Each allocates its output (from the pool inside a `scope`) and runs
 * the matching kernel of `@hamiltonian/tensor/kernels`, so eager and compiled results agree bit
 * for bit.
 */
import { unaryKernels, type UnaryName } from '../kernels/unary.js';
import { alloc } from '../pool.js';
import { wrap, type Tensor } from '../tensor.js';

/**
 * Applies the named unary kernel; the generic form behind every op in this file.
 *
 * @example
 * unary('tanh', x);
 */
export const unary = (name: UnaryName, x: Tensor): Tensor => {
  const out = alloc(x.dtype, x.size);
  unaryKernels[name](x.data, out, x.size);
  return wrap(out, x.shape);
};

const op =
  (name: UnaryName) =>
  (x: Tensor): Tensor =>
    unary(name, x);

/** -x. @example neg(tensorOrThrow([1, -2])); // [-1, 2] */
export const neg = op('neg');
/** |x|. @example abs(tensorOrThrow([-3])); // [3] */
export const abs = op('abs');
/** -1, 0 or 1 by the sign of x; sign(±0) = ±0, sign(NaN) = NaN. @example sign(x) */
export const sign = op('sign');
/** e^x. @example exp(scalar(1)); // e */
export const exp = op('exp');
/** e^x - 1, accurate near 0. @example expm1(scalar(1e-10)); // 1.00000000005e-10 */
export const expm1 = op('expm1');
/** Natural logarithm; log(0) = -Infinity, negative gives NaN. @example log(x) */
export const log = op('log');
/** log(1 + x), accurate near 0. @example log1p(scalar(1e-10)) */
export const log1p = op('log1p');
/** Base-2 logarithm. @example log2(scalar(8)); // 3 */
export const log2 = op('log2');
/** Base-10 logarithm. @example log10(scalar(1000)); // 3 */
export const log10 = op('log10');
/** Square root; negative gives NaN. @example sqrt(scalar(4)); // 2 */
export const sqrt = op('sqrt');
/** 1 / sqrt(x). @example rsqrt(scalar(4)); // 0.5 */
export const rsqrt = op('rsqrt');
/** x * x. @example square(scalar(3)); // 9 */
export const square = op('square');
/** x * x * x. @example cube(scalar(2)); // 8 */
export const cube = op('cube');
/** 1 / x. @example reciprocal(scalar(4)); // 0.25 */
export const reciprocal = op('reciprocal');
/** Sine (radians). @example sin(x) */
export const sin = op('sin');
/** Cosine (radians). @example cos(x) */
export const cos = op('cos');
/** Tangent (radians). @example tan(x) */
export const tan = op('tan');
/** Arcsine; outside [-1, 1] gives NaN. @example asin(x) */
export const asin = op('asin');
/** Arccosine; outside [-1, 1] gives NaN. @example acos(x) */
export const acos = op('acos');
/** Arctangent. @example atan(x) */
export const atan = op('atan');
/** Hyperbolic sine. @example sinh(x) */
export const sinh = op('sinh');
/** Hyperbolic cosine. @example cosh(x) */
export const cosh = op('cosh');
/** Hyperbolic tangent. @example tanh(x) */
export const tanh = op('tanh');
/** Inverse hyperbolic sine. @example asinh(x) */
export const asinh = op('asinh');
/** Inverse hyperbolic cosine; below 1 gives NaN. @example acosh(x) */
export const acosh = op('acosh');
/** Inverse hyperbolic tangent; ±1 gives ±Infinity. @example atanh(x) */
export const atanh = op('atanh');
/**
 * The logistic function 1 / (1 + e^-x), evaluated without overflow for either sign of x.
 * @example sigmoid(scalar(0)); // 0.5
 */
export const sigmoid = op('sigmoid');
/** log(sigmoid(x)) = -softplus(-x), stable for large |x|. @example logSigmoid(scalar(-800)) */
export const logSigmoid = op('logSigmoid');
/** max(x, 0); NaN stays NaN. @example relu(tensorOrThrow([-1, 2])); // [0, 2] */
export const relu = op('relu');
/** log(1 + e^x), as max(x, 0) + log1p(e^-|x|) to avoid overflow. @example softplus(x) */
export const softplus = op('softplus');
/**
 * The step function: 1 where x > 0, else 0. Convention: heaviside(0) = 0 (also at -0);
 * heaviside(NaN) = NaN.
 * @example heaviside(tensorOrThrow([-1, 0, 2])); // [0, 0, 1]
 */
export const heaviside = op('heaviside');
/** Rounds toward -Infinity. @example floor(scalar(-1.5)); // -2 */
export const floor = op('floor');
/** Rounds toward +Infinity. @example ceil(scalar(-1.5)); // -1 */
export const ceil = op('ceil');
/** Rounds to nearest, halves to even (NumPy, JAX). @example round(tensorOrThrow([0.5, 1.5])) */
export const round = op('round');
/** The error function, to a few ulps. @example erf(scalar(1)); // 0.8427007929497149 */
export const erf = op('erf');
/**
 * Exact GELU, x * Phi(x) = x/2 (1 + erf(x / sqrt 2)), not the tanh approximation.
 * Pitfall: for x below about -5 the result carries cancellation error near 1e-16 absolute.
 * @example gelu(scalar(1)); // 0.8413447460685429
 */
export const gelu = op('gelu');
/** Swish / SiLU: x * sigmoid(x); swish(-Infinity) = 0. @example swish(scalar(1)) */
export const swish = op('swish');
/** 1 where x is NaN, else 0. @example isNaN(tensorOrThrow([NaN, 1])); // [1, 0] */
export const isNaN = op('isNaN');
/** 1 where x is finite, else 0. @example isFinite(tensorOrThrow([Infinity, 1])); // [0, 1] */
export const isFinite = op('isFinite');

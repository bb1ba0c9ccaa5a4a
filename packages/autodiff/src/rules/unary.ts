/**
 * Elementwise unary primitives and their derivatives.
 *
 * Each rule gives the derivative as a factor f'(x), written with differentiable ops, so that
 * `jvp` is `t * f'(x)` and `vjp` is `g * f'(x)` and both can be differentiated again. A `null`
 * factor means the derivative is zero almost everywhere (heaviside, floor, sign), which lets
 * nested derivatives skip work: relu's second derivative costs nothing.
 *
 * Conventions at non-smooth points follow JAX and PyTorch: relu'(0) = 0, abs'(0) = sign(0) = 0.
 */
import type { UnaryName } from '@hamiltonian/tensor/kernels';
import { unaryKernels } from '@hamiltonian/tensor/kernels';
import { sizeOfShape, type Maybe, type Primitive } from '../core/primitive.js';
import type { Value } from '../core/value.js';
import {
  add,
  cosh,
  cos,
  div,
  erf,
  exp,
  heaviside,
  mul,
  neg,
  reciprocal,
  rsqrt,
  sigmoid,
  sign,
  sin,
  sinh,
  square,
  sub,
} from '../ops.js';

/** f'(x) from the operand x and the result y; null when zero almost everywhere. */
type Derivative = (x: Value, y: Value) => Maybe;

const SQRT1_2 = Math.SQRT1_2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const times = (t: Maybe, factor: Maybe): Maybe =>
  t === null || factor === null ? null : mul(t, factor);

const unaryPrimitive = (
  name: UnaryName,
  derivative: Derivative | 'zero' | 'linear',
): Primitive => ({
  name,
  nonDifferentiable: derivative === 'zero',
  aval: ([x]) => x as Value,
  lower: ([x]) => {
    const kernel = unaryKernels[name];
    const n = sizeOfShape((x as Value).shape);
    return ([input], out) => kernel(input as Float64Array, out, n);
  },
  jvp: ([x], [t], y) => {
    if (derivative === 'zero') return null;
    if (derivative === 'linear') return t === null ? null : neg(t);
    return times(t ?? null, derivative(x as Value, y));
  },
  vjp: (g, [x], y) => {
    if (derivative === 'zero') return [null];
    if (derivative === 'linear') return [neg(g)];
    return [times(g, derivative(x as Value, y))];
  },
});

/** Derivative factors; `linear` is reserved for negation, the only linear unary op. */
const derivatives: Record<UnaryName, Derivative | 'zero' | 'linear'> = {
  neg: 'linear',
  abs: (x) => sign(x),
  sign: 'zero',
  exp: (_x, y) => y,
  expm1: (_x, y) => add(y, 1),
  log: (x) => reciprocal(x),
  log1p: (x) => reciprocal(add(x, 1)),
  log2: (x) => reciprocal(mul(x, Math.LN2)),
  log10: (x) => reciprocal(mul(x, Math.LN10)),
  sqrt: (_x, y) => div(0.5, y),
  rsqrt: (x, y) => mul(div(y, x), -0.5),
  square: (x) => mul(x, 2),
  cube: (x) => mul(square(x), 3),
  reciprocal: (_x, y) => neg(square(y)),
  sin: (x) => cos(x),
  cos: (x) => neg(sin(x)),
  tan: (_x, y) => add(square(y), 1),
  asin: (x) => rsqrt(sub(1, square(x))),
  acos: (x) => neg(rsqrt(sub(1, square(x)))),
  atan: (x) => reciprocal(add(square(x), 1)),
  sinh: (x) => cosh(x),
  cosh: (x) => sinh(x),
  tanh: (_x, y) => sub(1, square(y)),
  asinh: (x) => rsqrt(add(square(x), 1)),
  acosh: (x) => rsqrt(sub(square(x), 1)),
  atanh: (x) => reciprocal(sub(1, square(x))),
  sigmoid: (_x, y) => mul(y, sub(1, y)),
  logSigmoid: (x) => sigmoid(neg(x)),
  relu: (x) => heaviside(x),
  softplus: (x) => sigmoid(x),
  heaviside: 'zero',
  floor: 'zero',
  ceil: 'zero',
  round: 'zero',
  erf: (x) => mul(exp(neg(square(x))), TWO_OVER_SQRT_PI),
  // gelu(x) = x Φ(x): derivative Φ(x) + x φ(x).
  gelu: (x) =>
    add(
      mul(add(erf(mul(x, SQRT1_2)), 1), 0.5),
      mul(x, mul(exp(mul(square(x), -0.5)), INV_SQRT_2PI)),
    ),
  // swish(x) = x σ(x): derivative σ(x) (1 + x (1 - σ(x))).
  swish: (x) => {
    const s = sigmoid(x);
    return mul(s, add(mul(x, sub(1, s)), 1));
  },
  isNaN: 'zero',
  isFinite: 'zero',
};

/** One primitive per unary op of the tensor package. */
export const unaryPrimitives = Object.fromEntries(
  (Object.keys(derivatives) as UnaryName[]).map((name) => [
    name,
    unaryPrimitive(name, derivatives[name]),
  ]),
) as Record<UnaryName, Primitive>;

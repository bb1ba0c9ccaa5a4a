/**
 * Elementwise unary kernels, generated from one table of JS expression templates.
 *
 * Each template is the per-element formula; the kernel is a plain loop with that formula inlined,
 * compiled once at load time, so a fused program built from the same templates computes the same
 * doubles bit for bit. Templates may evaluate their argument more than once: pass a variable name.
 */
import type { Storage } from '../dtype.js';
import { erfExpr, erfScalar } from './erf.js';

const sigmoidExpr = (x: string): string =>
  `(${x} >= 0 ? 1 / (1 + Math.exp(-${x})) : Math.exp(${x}) / (1 + Math.exp(${x})))`;

const softplusTail = (x: string): string => `Math.log1p(Math.exp(-Math.abs(${x})))`;

// Round half to even, as NumPy and JAX do (Math.round rounds half up).
const roundExpr = (x: string): string =>
  `(Math.round(${x}) - ${x} === 0.5 && Math.round(${x}) % 2 !== 0 ` +
  `? Math.round(${x}) - 1 : Math.round(${x}))`;

/**
 * Per-element JS expression templates of the unary ops: `unaryExpr.exp('v')` is `'Math.exp(v)'`.
 *
 * For fused code generation. Each computes exactly the double its kernel computes. Conventions:
 * `sign(0) = 0`, `heaviside(0) = 0`, `heaviside(NaN) = NaN`, `round` halves to even,
 * `isNaN`/`isFinite` give 0 or 1.
 *
 * @example
 * const f = new Function('v', `return ${unaryExpr.sigmoid('v')};`);
 */
export const unaryExpr = {
  neg: (x: string) => `(-${x})`,
  abs: (x: string) => `Math.abs(${x})`,
  sign: (x: string) => `Math.sign(${x})`,
  exp: (x: string) => `Math.exp(${x})`,
  expm1: (x: string) => `Math.expm1(${x})`,
  log: (x: string) => `Math.log(${x})`,
  log1p: (x: string) => `Math.log1p(${x})`,
  log2: (x: string) => `Math.log2(${x})`,
  log10: (x: string) => `Math.log10(${x})`,
  sqrt: (x: string) => `Math.sqrt(${x})`,
  rsqrt: (x: string) => `(1 / Math.sqrt(${x}))`,
  square: (x: string) => `(${x} * ${x})`,
  cube: (x: string) => `(${x} * ${x} * ${x})`,
  reciprocal: (x: string) => `(1 / ${x})`,
  sin: (x: string) => `Math.sin(${x})`,
  cos: (x: string) => `Math.cos(${x})`,
  tan: (x: string) => `Math.tan(${x})`,
  asin: (x: string) => `Math.asin(${x})`,
  acos: (x: string) => `Math.acos(${x})`,
  atan: (x: string) => `Math.atan(${x})`,
  sinh: (x: string) => `Math.sinh(${x})`,
  cosh: (x: string) => `Math.cosh(${x})`,
  tanh: (x: string) => `Math.tanh(${x})`,
  asinh: (x: string) => `Math.asinh(${x})`,
  acosh: (x: string) => `Math.acosh(${x})`,
  atanh: (x: string) => `Math.atanh(${x})`,
  sigmoid: sigmoidExpr,
  logSigmoid: (x: string) => `(Math.min(${x}, 0) - ${softplusTail(x)})`,
  relu: (x: string) => `Math.max(${x}, 0)`,
  softplus: (x: string) => `(Math.max(${x}, 0) + ${softplusTail(x)})`,
  // Branch-free on the sign (a compare-and-set), which matters on shuffled data; NaN stays NaN.
  heaviside: (x: string) => `(${x} === ${x} ? +(${x} > 0) : NaN)`,
  floor: (x: string) => `Math.floor(${x})`,
  ceil: (x: string) => `Math.ceil(${x})`,
  round: roundExpr,
  erf: erfExpr,
  gelu: (x: string) =>
    `(${x} === -Infinity ? 0 : 0.5 * ${x} * (1 + ${erfExpr(`${x} / Math.SQRT2`)}))`,
  swish: (x: string) => `(${x} === -Infinity ? 0 : ${x} * ${sigmoidExpr(x)})`,
  isNaN: (x: string) => `(${x} !== ${x} ? 1 : 0)`,
  isFinite: (x: string) => `(${x} - ${x} === 0 ? 1 : 0)`,
} satisfies Record<string, (x: string) => string>;

/** The name of an elementwise unary op. */
export type UnaryName = keyof typeof unaryExpr;

/** A unary kernel: writes `f(x[i])` to `out[i]` for `i < n`. `out` may be `x`. */
export type UnaryKernel = (x: Storage, out: Storage, n: number) => void;

const compileUnary = (name: string, expr: (x: string) => string): UnaryKernel =>
  new Function(
    'x',
    'out',
    'n',
    `// unary ${name}\nfor (let i = 0; i < n; i++) { const v = x[i]; out[i] = ${expr('v')}; }`,
  ) as UnaryKernel;

// erf and gelu call a shared scalar function instead of inlining an arrow function per element.
const erfKernel: UnaryKernel = (x, out, n) => {
  for (let i = 0; i < n; i++) out[i] = erfScalar(x[i]);
};

const geluKernel: UnaryKernel = (x, out, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i];
    out[i] = v === -Infinity ? 0 : 0.5 * v * (1 + erfScalar(v / Math.SQRT2));
  }
};

const compiled = { erf: erfKernel, gelu: geluKernel } as Record<UnaryName, UnaryKernel>;
for (const name of Object.keys(unaryExpr) as UnaryName[]) {
  if (name !== 'erf' && name !== 'gelu') compiled[name] = compileUnary(name, unaryExpr[name]);
}

/**
 * The elementwise unary kernels, one tight loop per op; see `unaryExpr` for the formulas.
 *
 * @example
 * unaryKernels.exp(x, out, x.length);
 */
export const unaryKernels: Readonly<Record<UnaryName, UnaryKernel>> = compiled;

/** Every unary op name, in table order. */
export const unaryNames = Object.keys(unaryExpr) as readonly UnaryName[];

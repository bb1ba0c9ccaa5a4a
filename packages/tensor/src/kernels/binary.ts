/**
 * Elementwise binary kernels with NumPy broadcasting, generated from one table of expression
 * templates (as in `unary.ts`), with fast paths for equal shapes, a scalar operand, and rows or
 * columns broadcast along the last axis.
 */
import type { Storage } from '../dtype.js';
import type { Shape } from '../shape.js';
import { broadcastStrides } from './broadcast.js';

const cmp = (op: string) => (a: string, b: string) => `(${a} ${op} ${b} ? 1 : 0)`;

/**
 * Per-element JS expression templates of the binary ops: `binaryExpr.add('x', 'y')` is
 * `'(x + y)'`. Each computes exactly the double its kernel computes; arguments may be evaluated
 * more than once, so pass variable names. `mod` takes the sign of the divisor (NumPy, Python);
 * comparisons give 0 or 1, and any comparison with NaN is 0 except `ne`.
 *
 * @example
 * const f = new Function('x', 'y', `return ${binaryExpr.mod('x', 'y')};`);
 */
export const binaryExpr = {
  add: (a: string, b: string) => `(${a} + ${b})`,
  sub: (a: string, b: string) => `(${a} - ${b})`,
  mul: (a: string, b: string) => `(${a} * ${b})`,
  div: (a: string, b: string) => `(${a} / ${b})`,
  pow: (a: string, b: string) => `Math.pow(${a}, ${b})`,
  maximum: (a: string, b: string) => `Math.max(${a}, ${b})`,
  minimum: (a: string, b: string) => `Math.min(${a}, ${b})`,
  atan2: (a: string, b: string) => `Math.atan2(${a}, ${b})`,
  mod: (a: string, b: string) =>
    `(${a} % ${b} !== 0 && ${a} % ${b} < 0 !== ${b} < 0 ? (${a} % ${b}) + ${b} : ${a} % ${b})`,
  eq: cmp('==='),
  ne: cmp('!=='),
  lt: cmp('<'),
  le: cmp('<='),
  gt: cmp('>'),
  ge: cmp('>='),
} satisfies Record<string, (a: string, b: string) => string>;

/** The name of an elementwise binary op. */
export type BinaryName = keyof typeof binaryExpr;

/**
 * A binary kernel: writes `f(a, b)` broadcast to `outShape` into `out`. Both shapes must
 * broadcast to `outShape` (the caller checks). `out` may alias an operand of the output's shape.
 */
export type BinaryKernel = (
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  out: Storage,
  outShape: Shape,
) => void;

const sizeSource = (shape: string, name: string): string =>
  `let ${name} = 1;\nfor (let d = 0; d < ${shape}.length; d++) ${name} *= ${shape}[d];\n`;

// The generated source, in four steps: sizes, same-layout fast paths, then a walk over all but
// the last output axis with an inner loop specialised to the last axis' strides (0 or 1).
const binarySource = (name: string, f: (a: string, b: string) => string): string => `
// binary ${name}
${sizeSource('outShape', 'n')}${sizeSource('aShape', 'na')}${sizeSource('bShape', 'nb')}
if (na === n && nb === n) {
  for (let i = 0; i < n; i++) { const x = a[i]; const y = b[i]; out[i] = ${f('x', 'y')}; }
  return;
}
if (na === n && nb === 1) {
  const y = b[0];
  for (let i = 0; i < n; i++) { const x = a[i]; out[i] = ${f('x', 'y')}; }
  return;
}
if (na === 1 && nb === n) {
  const x = a[0];
  for (let i = 0; i < n; i++) { const y = b[i]; out[i] = ${f('x', 'y')}; }
  return;
}
if (n === 0) return;
const r = outShape.length;
const as = broadcastStrides(aShape, outShape);
const bs = broadcastStrides(bShape, outShape);
const len = outShape[r - 1];
const sa = as[r - 1];
const sb = bs[r - 1];
const idx = new Int32Array(r);
let ia = 0;
let ib = 0;
for (let o = 0; o < n; o += len) {
  if (sa !== 0 && sb !== 0) {
    for (let j = 0; j < len; j++) {
      const x = a[ia + j];
      const y = b[ib + j];
      out[o + j] = ${f('x', 'y')};
    }
  } else if (sa !== 0) {
    const y = b[ib];
    for (let j = 0; j < len; j++) { const x = a[ia + j]; out[o + j] = ${f('x', 'y')}; }
  } else if (sb !== 0) {
    const x = a[ia];
    for (let j = 0; j < len; j++) { const y = b[ib + j]; out[o + j] = ${f('x', 'y')}; }
  } else {
    const x = a[ia];
    const y = b[ib];
    const v = ${f('x', 'y')};
    for (let j = 0; j < len; j++) out[o + j] = v;
  }
  for (let d = r - 2; d >= 0; d--) {
    idx[d]++;
    ia += as[d];
    ib += bs[d];
    if (idx[d] < outShape[d]) break;
    ia -= as[d] * outShape[d];
    ib -= bs[d] * outShape[d];
    idx[d] = 0;
  }
}
`;

const compileBinary = (name: string, f: (a: string, b: string) => string): BinaryKernel =>
  new Function(
    'broadcastStrides',
    `return function (a, aShape, b, bShape, out, outShape) {${binarySource(name, f)}};`,
  )(broadcastStrides) as BinaryKernel;

const compiled = {} as Record<BinaryName, BinaryKernel>;
for (const name of Object.keys(binaryExpr) as BinaryName[]) {
  compiled[name] = compileBinary(name, binaryExpr[name]);
}

/**
 * The elementwise binary kernels with broadcasting; see `binaryExpr` for the formulas.
 *
 * @example
 * binaryKernels.add(x, [256, 64], bias, [64], out, [256, 64]);
 */
export const binaryKernels: Readonly<Record<BinaryName, BinaryKernel>> = compiled;

/** Every binary op name, in table order. */
export const binaryNames = Object.keys(binaryExpr) as readonly BinaryName[];

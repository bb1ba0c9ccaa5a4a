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

// One small function per loop shape and op, generated with the formula inlined. They are kept
// apart on purpose: in one large function V8 compiled the same loops up to 4x slower.
interface BinaryLoops {
  /** Equal layouts. */
  readonly same: (a: Storage, b: Storage, out: Storage, n: number) => void;
  /** `b` is one number. */
  readonly scalarB: (a: Storage, b: Storage, out: Storage, n: number) => void;
  /** `a` is one number. */
  readonly scalarA: (a: Storage, b: Storage, out: Storage, n: number) => void;
  /** `a` is [n / len, len], `b` one row [len] broadcast down; `Swap` when they trade places. */
  readonly row: (a: Storage, b: Storage, out: Storage, n: number, len: number) => void;
  readonly rowSwap: (a: Storage, b: Storage, out: Storage, n: number, len: number) => void;
  /** `a` is [n / len, len], `b` one column [n / len, 1] broadcast across. */
  readonly col: (a: Storage, b: Storage, out: Storage, n: number, len: number) => void;
  readonly colSwap: (a: Storage, b: Storage, out: Storage, n: number, len: number) => void;
  /** Anything else: a walk over the output with per-axis broadcast strides. */
  readonly general: BinaryKernel;
}

type Expr = (a: string, b: string) => string;

const rowLoop = (f: Expr, x: string, y: string): string => `
for (let o = 0; o < n; o += len) {
  for (let j = 0; j < len; j++) {
    const x = ${x};
    const y = ${y};
    out[o + j] = ${f('x', 'y')};
  }
}`;

const colLoop = (f: Expr, outer: string, inner: string): string => `
for (let o = 0, r = 0; o < n; o += len, r++) {
  ${outer}
  for (let j = 0; j < len; j++) {
    ${inner}
    out[o + j] = ${f('x', 'y')};
  }
}`;

// The inner loop is specialised to the last axis' strides (0 or 1); an odometer walks the rest.
const generalLoop = (f: Expr): string => `
let n = 1;
for (let d = 0; d < outShape.length; d++) n *= outShape[d];
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
}`;

const fn = <T>(params: string, name: string, body: string): T =>
  new Function('broadcastStrides', `return function ${name}(${params}) {${body}\n};`)(
    broadcastStrides,
  ) as T;

const compileLoops = (name: string, f: Expr): BinaryLoops => ({
  same: fn(
    'a, b, out, n',
    `${name}Same`,
    `for (let i = 0; i < n; i++) { const x = a[i]; const y = b[i]; out[i] = ${f('x', 'y')}; }`,
  ),
  scalarB: fn(
    'a, b, out, n',
    `${name}ScalarB`,
    `const y = b[0];\nfor (let i = 0; i < n; i++) { const x = a[i]; out[i] = ${f('x', 'y')}; }`,
  ),
  scalarA: fn(
    'a, b, out, n',
    `${name}ScalarA`,
    `const x = a[0];\nfor (let i = 0; i < n; i++) { const y = b[i]; out[i] = ${f('x', 'y')}; }`,
  ),
  row: fn('a, b, out, n, len', `${name}Row`, rowLoop(f, 'a[o + j]', 'b[j]')),
  rowSwap: fn('a, b, out, n, len', `${name}RowSwap`, rowLoop(f, 'a[j]', 'b[o + j]')),
  col: fn('a, b, out, n, len', `${name}Col`, colLoop(f, 'const y = b[r];', 'const x = a[o + j];')),
  colSwap: fn(
    'a, b, out, n, len',
    `${name}ColSwap`,
    colLoop(f, 'const x = a[r];', 'const y = b[o + j];'),
  ),
  general: fn('a, aShape, b, bShape, out, outShape', `${name}General`, generalLoop(f)),
});

const size = (shape: Shape, end = shape.length): number => {
  let n = 1;
  for (let d = 0; d < end; d++) n *= shape[d];
  return n;
};

const last = (shape: Shape): number => (shape.length === 0 ? 1 : shape[shape.length - 1]);

// Row, column or general broadcasting: the loop for two operands of different layouts.
const broadcastLoop = (
  loops: BinaryLoops,
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  out: Storage,
  outShape: Shape,
  n: number,
  na: number,
  nb: number,
): void => {
  // `| 0` pins the counts to int32: inlined into this function, the loops otherwise ran on
  // double-typed indices, about 1.3x slower than the plain loop.
  const len = last(outShape) | 0;
  const m = n | 0;
  if (na === n && nb === len && last(bShape) === len) loops.row(a, b, out, m, len);
  else if (nb === n && na === len && last(aShape) === len) loops.rowSwap(a, b, out, m, len);
  else if (na === n && nb * len === n && last(bShape) === 1) loops.col(a, b, out, m, len);
  else if (nb === n && na * len === n && last(aShape) === 1) loops.colSwap(a, b, out, m, len);
  else loops.general(a, aShape, b, bShape, out, outShape);
};

// Picks the loop for the operands' layouts. Pitfall: keep this function tiny and every count an
// integer product. V8 inlines the chosen loop here, and extra arithmetic nearby (even an unused
// row count) made it compile the same loop 1.5-4x slower.
const dispatch =
  (loops: BinaryLoops): BinaryKernel =>
  (a, aShape, b, bShape, out, outShape) => {
    const n = size(outShape) | 0;
    const na = size(aShape);
    const nb = size(bShape);
    if (na === n && nb === n) loops.same(a, b, out, n);
    else if (na === n && nb === 1) loops.scalarB(a, b, out, n);
    else if (na === 1 && nb === n) loops.scalarA(a, b, out, n);
    else broadcastLoop(loops, a, aShape, b, bShape, out, outShape, n, na, nb);
  };

const compileBinary = (name: string, f: Expr): BinaryKernel => dispatch(compileLoops(name, f));

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

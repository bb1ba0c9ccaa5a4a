/**
 * Reduction kernels over any set of axes.
 *
 * Summation order is fixed: every output accumulates its inputs one at a time, in the row-major
 * order of the input, starting from the op's identity (sum starts from -0 so that the sum of
 * [-0] is -0). No pairwise or Kahan summation: results are reproducible and match a plain loop.
 * The kernels are generated from accumulate templates, like the elementwise ones.
 */
import type { Storage } from '../dtype.js';
import type { Shape } from '../shape.js';

/**
 * A reduction kernel. `axes` are normalized (non-negative, sorted, unique); `out` has the size of
 * the kept axes. `center` (one value per output) and `extra` are used by logsumexp and variance.
 */
export type ReduceKernel = (
  x: Storage,
  shape: Shape,
  axes: readonly number[],
  out: Storage,
  center?: ArrayLike<number>,
  extra?: number,
) => void;

interface ReduceSpec {
  /** The starting value; may read `count`, the number of reduced elements per output. */
  readonly init: string;
  /** The next accumulator from the accumulator `acc`, an input `v` and the center `c`. */
  readonly step: (acc: string, v: string, c: string) => string;
  /** The output from the final accumulator; may read `count`, `c` and `extra`. */
  readonly finish?: (acc: string) => string;
  /** Whether `step` or `finish` reads the center `c`; otherwise no center code is emitted. */
  readonly centered?: boolean;
}

// Sizes and strides, the initial fill, then one pass over the input in row-major order with the
// output offset advanced by an odometer over all axes but the last.
const reduceSource = (name: string, spec: ReduceSpec): string => {
  const center = (at: string): string => (spec.centered ? `const c = center[${at}];` : '');
  return `
// reduce ${name}
const r = shape.length;
let n = 1;
for (let d = 0; d < r; d++) n *= shape[d];
const os = new Array(r).fill(0);
let m = 1;
let count = 1;
for (let d = r - 1, ai = axes.length - 1; d >= 0; d--) {
  if (ai >= 0 && axes[ai] === d) { count *= shape[d]; ai--; }
  else { os[d] = m; m *= shape[d]; }
}
for (let o = 0; o < m; o++) out[o] = ${spec.init};
if (n > 0) {
  const len = r === 0 ? 1 : shape[r - 1];
  const so = r === 0 ? 0 : os[r - 1];
  const idx = new Int32Array(r);
  let io = 0;
  for (let i = 0; i < n; i += len) {
    if (so === 0) {
      ${center('io')}
      let acc = out[io];
      for (let j = 0; j < len; j++) { const v = x[i + j]; acc = ${spec.step('acc', 'v', 'c')}; }
      out[io] = acc;
    } else {
      for (let j = 0; j < len; j++) {
        ${center('io + j')}
        const v = x[i + j];
        const acc = out[io + j];
        out[io + j] = ${spec.step('acc', 'v', 'c')};
      }
    }
    for (let d = r - 2; d >= 0; d--) {
      idx[d]++;
      io += os[d];
      if (idx[d] < shape[d]) break;
      io -= os[d] * shape[d];
      idx[d] = 0;
    }
  }
}
${
  spec.finish === undefined
    ? ''
    : `for (let o = 0; o < m; o++) {
  ${center('o')}
  const acc = out[o];
  out[o] = ${spec.finish('acc')};
}`
}`;
};

const compileReduce = (name: string, spec: ReduceSpec): ReduceKernel =>
  new Function(
    'x',
    'shape',
    'axes',
    'out',
    'center',
    'extra',
    reduceSource(name, spec),
  ) as ReduceKernel;

const sumSpec: ReduceSpec = { init: 'count > 0 ? -0 : 0', step: (acc, v) => `${acc} + ${v}` };

/**
 * Sums over `axes` into `out`, in the fixed order described above.
 *
 * @example
 * sumInto(x, [256, 64], [0], out); // column sums, out.length === 64
 */
export const sumInto = compileReduce('sum', sumSpec);

/** Means over `axes`: the sum, then one division by the count (NaN for an empty reduction). */
export const meanInto = compileReduce('mean', { ...sumSpec, finish: (acc) => `${acc} / count` });

/** Products over `axes`, accumulated in row-major order from 1. */
export const prodInto = compileReduce('prod', { init: '1', step: (acc, v) => `${acc} * ${v}` });

/** Maxima over `axes`; NaN propagates. The caller rejects empty reductions. */
export const maxInto = compileReduce('max', {
  init: '-Infinity',
  step: (acc, v) => `Math.max(${acc}, ${v})`,
});

/** Minima over `axes`; NaN propagates. The caller rejects empty reductions. */
export const minInto = compileReduce('min', {
  init: 'Infinity',
  step: (acc, v) => `Math.min(${acc}, ${v})`,
});

const norm1Into = compileReduce('norm1', {
  init: '0',
  step: (acc, v) => `${acc} + Math.abs(${v})`,
});

const norm2Into = compileReduce('norm2', {
  init: '0',
  step: (acc, v) => `${acc} + ${v} * ${v}`,
  finish: (acc) => `Math.sqrt(${acc})`,
});

const normInfInto = compileReduce('normInf', {
  init: '0',
  step: (acc, v) => `Math.max(${acc}, Math.abs(${v}))`,
});

/**
 * Vector norms over `axes`: `ord` 1 (sum of |x|), 2 (sqrt of the sum of squares, unscaled, as
 * NumPy does), or Infinity (max |x|). An empty reduction gives 0.
 *
 * @example
 * normInto(x, [3, 4], [1], 2, out); // row norms
 */
export const normInto = (
  x: Storage,
  shape: Shape,
  axes: readonly number[],
  ord: 1 | 2 | typeof Infinity,
  out: Storage,
): void => {
  if (ord === 1) norm1Into(x, shape, axes, out);
  else if (ord === 2) norm2Into(x, shape, axes, out);
  else normInfInto(x, shape, axes, out);
};

const sumExpShiftedInto = compileReduce('sumExpShifted', {
  init: '0',
  centered: true,
  step: (acc, v, c) => `${acc} + Math.exp(${v} - ${c})`,
  finish: (acc) => `c === Infinity || c === -Infinity ? c : Math.log(${acc}) + c`,
});

/**
 * log(sum(exp(x))) over `axes`, shifted by the maximum so that it neither overflows nor
 * underflows: max m, then m + log(sum(exp(x - m))). All -Infinity (or empty) gives -Infinity.
 *
 * @example
 * logsumexpInto(logits, [32, 10], [1], out);
 */
export const logsumexpInto = (
  x: Storage,
  shape: Shape,
  axes: readonly number[],
  out: Storage,
): void => {
  const m = new Float64Array(out.length);
  maxInto(x, shape, axes, m);
  sumExpShiftedInto(x, shape, axes, out, m);
};

const sumSquaredDeviationsInto = compileReduce('sumSquaredDeviations', {
  init: '0',
  centered: true,
  step: (acc, v, c) => `${acc} + (${v} - ${c}) * (${v} - ${c})`,
  finish: (acc) => `${acc} / (count - extra)`,
});

/**
 * Variances over `axes` by two passes (mean, then squared deviations), divided by
 * `count - ddof` (ddof 0: population variance, as NumPy's default).
 *
 * @example
 * varianceInto(x, [100, 3], [0], out, 1); // sample variance of each column
 */
export const varianceInto = (
  x: Storage,
  shape: Shape,
  axes: readonly number[],
  out: Storage,
  ddof = 0,
): void => {
  const mean = new Float64Array(out.length);
  meanInto(x, shape, axes, mean);
  sumSquaredDeviationsInto(x, shape, axes, out, mean, ddof);
};

// The first index of the extreme along one axis; `better(v, best)` decides, NaN wins first.
const argExtremeInto = (
  x: Storage,
  shape: Shape,
  axis: number | undefined,
  out: Storage,
  sign: 1 | -1,
): void => {
  let outer = 1;
  let len = 1;
  let inner = 1;
  if (axis === undefined) {
    for (let d = 0; d < shape.length; d++) len *= shape[d];
  } else {
    for (let d = 0; d < axis; d++) outer *= shape[d];
    len = shape[axis];
    for (let d = axis + 1; d < shape.length; d++) inner *= shape[d];
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * len * inner + j;
      let best = sign * x[base];
      let at = 0;
      for (let k = 1; k < len && best === best; k++) {
        const v = sign * x[base + k * inner];
        if (v > best || v !== v) {
          best = v;
          at = k;
        }
      }
      out[o * inner + j] = at;
    }
  }
};

/**
 * Index of the first maximum along `axis` (or of the flattened input when `axis` is undefined);
 * the first NaN wins, as in NumPy. The caller rejects an empty axis.
 *
 * @example
 * argmaxInto(scores, [32, 10], 1, out); // out.length === 32
 */
export const argmaxInto = (
  x: Storage,
  shape: Shape,
  axis: number | undefined,
  out: Storage,
): void => argExtremeInto(x, shape, axis, out, 1);

/** Index of the first minimum along `axis` (or flattened); the first NaN wins. */
export const argminInto = (
  x: Storage,
  shape: Shape,
  axis: number | undefined,
  out: Storage,
): void => argExtremeInto(x, shape, axis, out, -1);

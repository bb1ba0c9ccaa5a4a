import '@hamiltonian/testing';
import * as m from 'mathjs';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';
import { unaryNames, type UnaryName } from '../src/kernels/index.js';
import { values } from './reference.js';

const grid = Float64Array.from([...values(400, 7, 4), 0, -0, 1e-12, -1e-12, 30, -30]);
const x = T.fromTypedArray(grid, [grid.length]);
const apply = (name: UnaryName, xs: ArrayLike<number>): number[] =>
  Array.from(T.unary(name, T.fromTypedArray(Float64Array.from(xs), [xs.length])).data);

const mathjsOf = (f: (v: number) => unknown) => (v: number) => f(v) as number;

// mathjs evaluates these on numbers (mostly through Math), so they agree to rounding.
const withMathjs: [UnaryName, (v: number) => number, (v: number) => boolean][] = [
  ['abs', mathjsOf(m.abs), () => true],
  ['sign', mathjsOf(m.sign), () => true],
  ['exp', mathjsOf(m.exp), () => true],
  ['expm1', mathjsOf(m.expm1), () => true],
  ['log', mathjsOf(m.log), (v) => v > 0],
  ['log1p', mathjsOf(m.log1p), (v) => v > -1],
  ['log2', mathjsOf(m.log2), (v) => v > 0],
  ['log10', mathjsOf(m.log10), (v) => v > 0],
  ['sqrt', mathjsOf(m.sqrt), (v) => v >= 0],
  ['square', mathjsOf(m.square), () => true],
  ['cube', mathjsOf(m.cube), () => true],
  ['sin', mathjsOf(m.sin), () => true],
  ['cos', mathjsOf(m.cos), () => true],
  ['tan', mathjsOf(m.tan), () => true],
  ['asin', mathjsOf(m.asin), (v) => Math.abs(v) <= 1],
  ['acos', mathjsOf(m.acos), (v) => Math.abs(v) <= 1],
  ['atan', mathjsOf(m.atan), () => true],
  ['sinh', mathjsOf(m.sinh), () => true],
  ['cosh', mathjsOf(m.cosh), () => true],
  ['tanh', mathjsOf(m.tanh), () => true],
  ['asinh', mathjsOf(m.asinh), () => true],
  ['acosh', mathjsOf(m.acosh), (v) => v >= 1],
  ['atanh', mathjsOf(m.atanh), (v) => Math.abs(v) < 1],
  ['floor', mathjsOf(m.floor), () => true],
  ['ceil', mathjsOf(m.ceil), () => true],
  ['erf', mathjsOf(m.erf), () => true],
];

// Direct formulas, fine in double precision away from overflow (|x| <= 30 here).
const sigmoidRef = (v: number): number => 1 / (1 + Math.exp(-v));
const withFormula: [UnaryName, (v: number) => number][] = [
  ['neg', (v) => -v],
  ['rsqrt', (v) => 1 / Math.sqrt(v)],
  ['reciprocal', (v) => 1 / v],
  ['sigmoid', sigmoidRef],
  ['logSigmoid', (v) => Math.log(sigmoidRef(v))],
  ['relu', (v) => (v > 0 ? v : 0)],
  ['softplus', (v) => Math.log(1 + Math.exp(v))],
  ['heaviside', (v) => (v > 0 ? 1 : 0)],
  ['swish', (v) => v * sigmoidRef(v)],
  ['isNaN', () => 0],
  ['isFinite', () => 1],
];

describe('unary ops against references', () => {
  it.each(withMathjs)('%s agrees with mathjs', (name, ref, domain) => {
    const xs = Array.from(grid).filter(domain);
    // erf is a series here and Cody's rational approximation in mathjs: a few ulps apart.
    const rtol = name === 'erf' ? 4e-15 : 2e-16;
    expect(apply(name, xs)).toBeAllClose(xs.map(ref), { rtol, atol: 1e-300 });
  });

  it.each(withFormula)('%s agrees with its direct formula', (name, ref) => {
    const xs = Array.from(grid).filter((v) => name !== 'rsqrt' || v > 0);
    // logSigmoid and softplus lose relative accuracy in the naive formula near large |x|.
    expect(apply(name, xs)).toBeAllClose(xs.map(ref), { rtol: 1e-13, atol: 1e-15 });
  });

  it('gelu agrees with x/2 (1 + erf(x / sqrt 2)) from mathjs erf', () => {
    const xs = Array.from(grid);
    const ref = xs.map((v) => 0.5 * v * (1 + (m.erf(v / Math.SQRT2) as number)));
    // For x < 0, 1 + erf cancels in both: each side carries ~2 ulp(1) of absolute error in
    // 1 + erf, times |x| / 2 <= 2 on this grid, so 2 * 2 * 2.2e-16 ~ 1e-15 apart at most.
    expect(apply('gelu', xs)).toBeAllClose(ref, { rtol: 1e-14, atol: 2e-15 });
  });

  it('round halves to even, like NumPy', () => {
    expect(apply('round', [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6, 1e20])).toEqual([
      0, 2, 2, -0, -2, -2, 2, -3, 1e20,
    ]);
  });

  it('every op is in the table of names and keeps shape and dtype', () => {
    expect(unaryNames).toHaveLength(39);
    const y = T.tensorOrThrow([[0.5, 0.25]], { dtype: 'float32' });
    for (const name of unaryNames) {
      const r = T.unary(name, y);
      expect(r.shape).toEqual([1, 2]);
      expect(r.dtype).toBe('float32');
    }
    expect(T.exp(x).shape).toEqual([grid.length]);
  });
});

describe('numerical stability', () => {
  it('sigmoid, softplus and logSigmoid neither overflow nor lose the tails', () => {
    expect(apply('sigmoid', [-800, 800, 0])).toEqual([0, 1, 0.5]);
    expect(apply('softplus', [-800, 800])).toEqual([0, 800]);
    expect(apply('logSigmoid', [-800, 800])).toEqual([-800, 0]);
    expect(apply('softplus', [-40])).toBeAllClose([Math.exp(-40)], { rtol: 1e-15 });
  });

  it('gelu and swish have the right limits at ±Infinity', () => {
    expect(apply('gelu', [-Infinity, Infinity])).toEqual([0, Infinity]);
    expect(apply('swish', [-Infinity, Infinity])).toEqual([0, Infinity]);
  });
});

describe('conventions', () => {
  it('sign(0) = 0 and heaviside(0) = 0', () => {
    expect(apply('sign', [-2, 0, 3])).toEqual([-1, 0, 1]);
    expect(apply('heaviside', [-2, 0, -0, 3])).toEqual([0, 0, 0, 1]);
  });

  it('NaN propagates through every op except the predicates', () => {
    for (const name of unaryNames) {
      const [r] = apply(name, [NaN]);
      if (name === 'isNaN') expect(r).toBe(1);
      else if (name === 'isFinite') expect(r).toBe(0);
      else expect(r).toBeNaN();
    }
  });

  it('infinities map to the limits', () => {
    expect(apply('exp', [-Infinity, Infinity])).toEqual([0, Infinity]);
    expect(apply('tanh', [-Infinity, Infinity])).toEqual([-1, 1]);
    expect(apply('relu', [-Infinity, Infinity])).toEqual([0, Infinity]);
    expect(apply('sigmoid', [-Infinity, Infinity])).toEqual([0, 1]);
    expect(apply('erf', [-Infinity, Infinity])).toEqual([-1, 1]);
    expect(apply('isFinite', [-Infinity, 1])).toEqual([0, 1]);
  });

  it('work on scalars and empty tensors', () => {
    expect(T.item(T.exp(T.scalar(0)))).toBe(1);
    expect(T.tanh(T.zeros([0, 3])).shape).toEqual([0, 3]);
  });
});

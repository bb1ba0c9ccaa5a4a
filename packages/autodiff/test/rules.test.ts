import '@hamiltonian/testing';
import { scalar, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import * as ad from '../src/index.js';
import type { Value, ValueLike } from '../src/index.js';
import { concrete, expectGrads, randIn, randn } from './check-grads.js';

/** Values whose magnitude lies in [0.2, 2) with random signs: away from the kinks at 0. */
const awayFromZero = (shape: number[]): Tensor =>
  ad.mul(ad.sign(randn(shape)), randIn(shape, 0.2, 2)) as Tensor;

const unaryDomains: [string, (x: ValueLike) => Value, () => Tensor][] = [
  ['neg', ad.neg, () => randn([2, 3])],
  ['abs', ad.abs, () => awayFromZero([2, 3])],
  ['exp', ad.exp, () => randn([2, 3])],
  ['expm1', ad.expm1, () => randn([2, 3])],
  ['log', ad.log, () => randIn([2, 3], 0.5, 2)],
  ['log1p', ad.log1p, () => randIn([2, 3], -0.5, 2)],
  ['log2', ad.log2, () => randIn([2, 3], 0.5, 2)],
  ['log10', ad.log10, () => randIn([2, 3], 0.5, 2)],
  ['sqrt', ad.sqrt, () => randIn([2, 3], 0.5, 2)],
  ['rsqrt', ad.rsqrt, () => randIn([2, 3], 0.5, 2)],
  ['square', ad.square, () => randn([2, 3])],
  ['cube', ad.cube, () => randn([2, 3])],
  ['reciprocal', ad.reciprocal, () => awayFromZero([2, 3])],
  ['sin', ad.sin, () => randn([2, 3])],
  ['cos', ad.cos, () => randn([2, 3])],
  ['tan', ad.tan, () => randIn([2, 3], -1, 1)],
  ['asin', ad.asin, () => randIn([2, 3], -0.8, 0.8)],
  ['acos', ad.acos, () => randIn([2, 3], -0.8, 0.8)],
  ['atan', ad.atan, () => randn([2, 3])],
  ['sinh', ad.sinh, () => randn([2, 3])],
  ['cosh', ad.cosh, () => randn([2, 3])],
  ['tanh', ad.tanh, () => randn([2, 3])],
  ['asinh', ad.asinh, () => randn([2, 3])],
  ['acosh', ad.acosh, () => randIn([2, 3], 1.2, 3)],
  ['atanh', ad.atanh, () => randIn([2, 3], -0.8, 0.8)],
  ['sigmoid', ad.sigmoid, () => randn([2, 3])],
  ['logSigmoid', ad.logSigmoid, () => randn([2, 3])],
  ['relu', ad.relu, () => awayFromZero([2, 3])],
  ['softplus', ad.softplus, () => randn([2, 3])],
  ['erf', ad.erf, () => randn([2, 3])],
  ['gelu', ad.gelu, () => randn([2, 3])],
  ['swish', ad.swish, () => randn([2, 3])],
];

// Piecewise-constant ops: their derivative is zero away from the jumps, where the differences
// are exactly zero too.
const stepDomains: [string, (x: ValueLike) => Value, () => Tensor][] = [
  ['sign', ad.sign, () => awayFromZero([2, 3])],
  ['heaviside', ad.heaviside, () => awayFromZero([2, 3])],
  ['floor', ad.floor, () => ad.add(randIn([2, 3], 0.2, 0.8), -1) as Tensor],
  ['ceil', ad.ceil, () => ad.add(randIn([2, 3], 0.2, 0.8), 2) as Tensor],
  ['round', ad.round, () => ad.add(randIn([2, 3], 0.1, 0.4), 1) as Tensor],
  ['isNaN', ad.isNaN, () => randn([2, 3])],
  ['isFinite', ad.isFinite, () => randn([2, 3])],
];

describe('unary ops', () => {
  it.each(unaryDomains)('%s matches central differences at orders 1 and 2', (_, op, input) => {
    expectGrads((x: Value) => op(x), [input()]);
  });

  it.each(stepDomains)('%s has a zero derivative away from its jumps', (_, op, input) => {
    const x = input();
    expectGrads((y: Value) => op(y), [x]);
    expect(ad.grad((y: Value) => ad.sum(op(y)))(x)).toBeAllClose(ad.zerosLike(x));
  });

  it('work on scalars and plain numbers', () => {
    expectGrads((x: ValueLike) => ad.tanh(ad.exp(x)), [0.3]);
    expect(ad.grad((x: ValueLike) => ad.sin(x))(0.5)).toBeCloseTo(Math.cos(0.5), 15);
  });
});

/** Pairs of inputs for a binary op: the op's domain, in the given shapes. */
type PairMaker = (sa: number[], sb: number[]) => [Tensor, Tensor];

const anyPair: PairMaker = (sa, sb) => [randn(sa), randn(sb)];
const positiveBase: PairMaker = (sa, sb) => [randIn(sa, 0.5, 2), randIn(sb, -1.5, 2.5)];
const nonzeroDivisor: PairMaker = (sa, sb) => [randn(sa), awayFromZero(sb)];
// a / b in (1.05, 1.93): floor(a / b) = 1 throughout, away from the jumps of mod.
const modPair: PairMaker = (sa, sb) => [randIn(sa, 2, 2.5), randIn(sb, 1.3, 1.9)];

const binaryDomains: [string, (a: ValueLike, b: ValueLike) => Value, PairMaker][] = [
  ['add', ad.add, anyPair],
  ['sub', ad.sub, anyPair],
  ['mul', ad.mul, anyPair],
  ['div', ad.div, nonzeroDivisor],
  ['pow', ad.pow, positiveBase],
  ['maximum', ad.maximum, anyPair],
  ['minimum', ad.minimum, anyPair],
  ['atan2', ad.atan2, (sa, sb) => [awayFromZero(sa), awayFromZero(sb)]],
  ['mod', ad.mod, modPair],
];

const broadcastCases: [string, number[], number[]][] = [
  ['equal shapes', [2, 3], [2, 3]],
  ['shapes [3, 1] and [4]', [3, 1], [4]],
  ['a scalar first operand', [], [2, 3]],
  ['a scalar second operand', [2, 3], []],
];

describe('binary ops', () => {
  describe.each(binaryDomains)('%s', (_, op, pair) => {
    it.each(broadcastCases)('matches central differences with %s', (_case, sa, sb) => {
      expectGrads((a: Value, b: Value) => op(a, b), pair(sa, sb));
    });

    it('differentiates in each operand when the other is a plain number', () => {
      const [a, b] = pair([3], []);
      const bNumber = (b.data[0] as number) * 1;
      const aNumber = (a.data[0] as number) * 1;
      expectGrads((x: Value) => op(x, bNumber), [a]);
      expectGrads((y: Value) => op(aNumber, y), [b]);
    });
  });

  it('pow with an integer exponent works on negative bases', () => {
    const x = concrete(ad.neg(randIn([4], 0.5, 2)));
    const cubeDerivative = concrete(ad.mul(3, ad.square(x)));
    expectGrads((y: Value) => ad.pow(y, 3), [x]);
    expect(ad.grad((y: Value) => ad.sum(ad.pow(y, 3)))(x)).toBeAllClose(cubeDerivative, {
      rtol: 1e-14,
    });
  });

  it.each(['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const)(
    'comparison %s gives a zero gradient',
    (name) => {
      const compare = ad[name];
      const [a, b] = [randn([3]), randn([3])];
      const f = (x: Value, y: Value) => ad.sum(ad.mul(compare(x, y), 3));
      const [ga, gb] = ad.grad(f, { argnums: [0, 1] })(a, b);
      expect(ga).toBeAllClose(ad.zerosLike(a));
      expect(gb).toBeAllClose(ad.zerosLike(b));
      expect(ad.jvp(f, [a, b], [a, b])[1]).toBeAllClose(0);
    },
  );
});

describe('where', () => {
  it('matches central differences in both branches with broadcasting', () => {
    const cond = ad.gt(randn([3, 1]), 0);
    expectGrads((a: Value, b: Value) => ad.where(cond, a, b), [randn([3, 4]), randn([4])]);
  });

  it('sends each branch the cotangent only where it was picked', () => {
    const cond = tensorOrThrow([1, 0, 1]);
    const [ga, gb] = ad.grad((a: Value, b: Value) => ad.sum(ad.where(cond, a, b)), {
      argnums: [0, 1],
    })(randn([3]), randn([3]));
    expect(ga).toBeAllClose([1, 0, 1]);
    expect(gb).toBeAllClose([0, 1, 0]);
  });

  it('is the leaky relu of the docs, to second order', () => {
    const leaky = (x: Value) => ad.where(ad.gt(x, 0), ad.square(x), ad.mul(x, 0.01));
    expectGrads(leaky, [awayFromZero([5])]);
  });
});

const axisCases: [string, ad.ReduceOptions][] = [
  ['all axes', {}],
  ['axis 1', { axis: 1 }],
  ['axes [0, 2] with keepdims', { axis: [0, 2], keepdims: true }],
  ['axes [-1, 0]', { axis: [-1, 0] }],
  ['axis 1 with keepdims', { axis: 1, keepdims: true }],
];

const reductions: [string, (x: Value, o: ad.ReduceOptions) => Value][] = [
  ['sum', ad.sum],
  ['max', ad.max],
  ['min', ad.min],
  ['mean', ad.mean],
  ['variance', ad.variance],
  ['logsumexp', ad.logsumexp],
  ['norm', ad.norm],
  ['norm of order 1', (x, o) => ad.norm(x, { ...o, ord: 1 })],
  ['norm of order Infinity', (x, o) => ad.norm(x, { ...o, ord: Infinity })],
];

describe('reductions', () => {
  describe.each(reductions)('%s', (_, reduce) => {
    it.each(axisCases)('matches central differences over %s', (_case, options) => {
      expectGrads((x: Value) => reduce(x, options), [awayFromZero([2, 3, 4])]);
    });
  });

  it('max splits the derivative equally among tied maxima', () => {
    const x = tensorOrThrow([1, 3, 3, 2, 3]);
    expect(ad.grad((y: Value) => ad.max(y))(x)).toBeAllClose([0, 1 / 3, 1 / 3, 0, 1 / 3]);
    const t = tensorOrThrow([1, 1, 1, 1, 1]);
    expect(ad.jvp((y: Value) => ad.max(y), [x], [t])[1]).toBeAllClose(1);
  });

  it('min splits the derivative equally among tied minima, per row', () => {
    const x = tensorOrThrow([
      [2, 1, 1],
      [0, 5, 6],
    ]);
    const g = ad.grad((y: Value) => ad.sum(ad.min(y, { axis: 1 })))(x);
    expect(g).toBeAllClose([
      [0, 0.5, 0.5],
      [1, 0, 0],
    ]);
  });

  it('argmax and argmin give indices and stop gradients', () => {
    const x = tensorOrThrow([0.5, 2, -1]);
    expect(ad.argmax(x).data[0]).toBe(1);
    expect(ad.argmin(x).data[0]).toBe(2);
  });

  it('logsumexp of a slice of -Infinity is -Infinity, and such entries get zero gradient', () => {
    const x = tensorOrThrow([
      [-Infinity, -Infinity],
      [-Infinity, 0],
    ]);
    expect(ad.logsumexp(x, { axis: 1 })).toBeAllClose([-Infinity, 0]);
    expect(ad.grad((y: Value) => ad.logsumexp(ad.slice(y, [1])))(x)).toBeAllClose([
      [0, 0],
      [0, 1],
    ]);
  });

  it("norm's gradient at the zero vector is NaN", () => {
    const g = ad.grad((x: Value) => ad.norm(x))(ad.zerosLike(randn([3])));
    expect(Array.from((g as Tensor).data).every(Number.isNaN)).toBe(true);
  });
});

describe('matmul', () => {
  const products: [string, number[], number[]][] = [
    ['vector with vector', [3], [3]],
    ['matrix with vector', [2, 3], [3]],
    ['vector with matrix', [3], [3, 4]],
    ['matrix with matrix', [2, 3], [3, 4]],
    ['batch with batch', [2, 2, 3], [2, 3, 4]],
    ['batch with a broadcast batch', [2, 1, 2, 3], [3, 3, 4]],
    ['batch with a matrix', [2, 2, 3], [3, 4]],
    ['vector with a batch', [3], [2, 3, 4]],
  ];

  it.each(products)('matches central differences for %s', (_, sa, sb) => {
    expectGrads(ad.matmul, [randn(sa), randn(sb)]);
  });

  it('gives the usual shapes: [2, 1, 2, 3] x [3, 3, 4] is [2, 3, 2, 4]', () => {
    expect(ad.matmul(randn([2, 1, 2, 3]), randn([3, 3, 4])).shape).toEqual([2, 3, 2, 4]);
  });

  it('dot and outer match central differences', () => {
    expectGrads(ad.dot, [randn([4]), randn([4])]);
    expectGrads(ad.outer, [randn([3]), randn([2])]);
  });
});

describe('shape ops', () => {
  it('reshape, flatten, expandDims and squeeze match central differences', () => {
    const x = randn([2, 3, 1]);
    expectGrads((y: Value) => ad.reshape(y, [3, -1]), [x]);
    expectGrads((y: Value) => ad.flatten(ad.square(y)), [x]);
    expectGrads((y: Value) => ad.expandDims(ad.sin(y), 1), [x]);
    expectGrads((y: Value) => ad.squeeze(ad.mul(y, y)), [x]);
  });

  it('transpose matches central differences, reversed and permuted', () => {
    const x = randn([2, 3, 4]);
    expectGrads((y: Value) => ad.transpose(ad.mul(y, y)), [x]);
    expectGrads((y: Value) => ad.transpose(ad.mul(y, y), [1, 2, 0]), [x]);
  });

  it('broadcastTo matches central differences', () => {
    expectGrads((y: Value) => ad.broadcastTo(ad.square(y), [2, 3, 4]), [randn([3, 1])]);
    expectGrads((y: Value) => ad.broadcastTo(ad.square(y), [2, 3]), [randn([])]);
  });

  it('slice matches central differences, with implicit sizes', () => {
    const x = randn([4, 5]);
    expectGrads((y: Value) => ad.slice(ad.square(y), [1, 2], [2, -1]), [x]);
    expectGrads((y: Value) => ad.slice(ad.square(y), [1]), [x]);
  });

  it('take matches central differences, with repeated indices, on any axis', () => {
    const x = randn([4, 3]);
    expectGrads((y: Value) => ad.take(ad.square(y), [3, 0, 3, 1]), [x]);
    expectGrads((y: Value) => ad.take(ad.square(y), [2, 2], 1), [x]);
    expectGrads((y: Value) => ad.take(ad.square(y), [0], -1), [x]);
  });

  it('take sends repeated rows the sum of their cotangents', () => {
    const g = ad.grad((y: Value) => ad.sum(ad.take(y, [1, 1, 0])))(randn([3]));
    expect(g).toBeAllClose([1, 2, 0]);
  });

  it('concat and stack match central differences on several axes', () => {
    const [a, b] = [randn([2, 3]), randn([2, 1])];
    expectGrads((x: Value, y: Value) => ad.concat([ad.sin(x), ad.square(y)], 1), [a, b]);
    expectGrads((x: Value, y: Value) => ad.concat([x, ad.square(y), x], -1), [a, b]);
    const [c, d] = [randn([2, 3]), randn([2, 3])];
    expectGrads((x: Value, y: Value) => ad.stack([ad.mul(x, y), y]), [c, d]);
    expectGrads((x: Value, y: Value) => ad.stack([ad.mul(x, y), y], 2), [c, d]);
  });

  it('split matches central differences, equal and given sections', () => {
    const x = randn([6, 2]);
    expectGrads((y: Value) => ad.split(ad.square(y), 3), [x]);
    expectGrads((y: Value) => ad.split(ad.square(y), [1, 5]), [x]);
    expectGrads((y: Value) => ad.split(ad.square(y), [1, 1], 1), [x]);
  });

  it('astype to float64 and back is differentiable', () => {
    expectGrads((y: Value) => ad.astype(ad.square(y), 'float64'), [randn([3])]);
    const g = ad.grad((y: Value) => ad.sum(ad.astype(ad.astype(y, 'float32'), 'float64')))(
      randn([3]),
    );
    expect(g).toBeAllClose([1, 1, 1]);
  });

  it('zerosLike and onesLike are constants', () => {
    const x = randn([2]);
    expect(ad.grad((y: Value) => ad.sum(ad.mul(y, ad.onesLike(y))))(x)).toBeAllClose([1, 1]);
    expect(ad.zerosLike(x)).toBeAllClose([0, 0]);
  });
});

describe('non-smooth conventions', () => {
  it("relu'(0) = 0", () => {
    expect(ad.grad((x: ValueLike) => ad.relu(x))(0)).toBe(0);
    expect(ad.jvp((x: Value) => ad.relu(x), [scalar(0)], [scalar(1)])[1]).toBeAllClose(0);
  });

  it("abs'(0) = 0", () => {
    expect(ad.grad((x: ValueLike) => ad.abs(x))(0)).toBe(0);
  });

  it('heaviside(0) = 0', () => {
    expect(ad.heaviside(0)).toBeAllClose(0);
  });

  it('maximum and minimum at ties split the derivative 0.5 / 0.5', () => {
    const both = { argnums: [0, 1] } as const;
    expect(ad.grad((a: ValueLike, b: ValueLike) => ad.maximum(a, b), both)(2, 2)).toEqual([
      0.5, 0.5,
    ]);
    expect(ad.grad((a: ValueLike, b: ValueLike) => ad.minimum(a, b), both)(2, 2)).toEqual([
      0.5, 0.5,
    ]);
    expect(ad.grad((a: ValueLike, b: ValueLike) => ad.maximum(a, b), both)(3, 2)).toEqual([1, 0]);
  });

  it('stopGradient passes values and stops derivatives', () => {
    const x = randn([3]);
    const f = (y: Value) => ad.sum(ad.mul(ad.stopGradient(ad.square(y)), y));
    expect(ad.stopGradient(x)).toBeAllClose(x);
    expect(ad.grad(f)(x)).toBeAllClose(concrete(ad.square(x)), { rtol: 1e-15 });
    expect(ad.jvp(f, [x], [ad.onesLike(x)])[1]).toBeAllClose(concrete(ad.sum(ad.square(x))));
    expect(ad.grad((y: Value) => ad.sum(ad.stopGradient(y)))(x)).toBeAllClose([0, 0, 0]);
  });
});

import '@hamiltonian/testing';
import fc from 'fast-check';
import * as m from 'mathjs';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';
import { binaryExpr, binaryNames, type BinaryName } from '../src/kernels/index.js';
import { atBroadcast, broadcastPairArb, filled, indices, values } from './reference.js';

const t = T.tensorOrThrow;

const num =
  (f: (a: number, b: number) => unknown) =>
  (a: number, b: number): number =>
    f(a, b) as number;

// mathjs evaluates these on numbers; mod is mathjs's floored modulo (sign of the divisor).
const oracles: [BinaryName, (a: number, b: number) => number][] = [
  ['add', num(m.add)],
  ['sub', num(m.subtract)],
  ['mul', num(m.multiply)],
  ['div', num(m.divide)],
  ['pow', num((a: number, b: number) => m.pow(Math.abs(a), b))],
  ['maximum', num(m.max)],
  ['minimum', num(m.min)],
  ['atan2', num(m.atan2)],
  ['mod', num(m.mod)],
  ['eq', (a, b) => (m.equal(a, b) ? 1 : 0)],
  ['ne', (a, b) => (m.unequal(a, b) ? 1 : 0)],
  ['lt', (a, b) => (m.smaller(a, b) ? 1 : 0)],
  ['le', (a, b) => (m.smallerEq(a, b) ? 1 : 0)],
  ['gt', (a, b) => (m.larger(a, b) ? 1 : 0)],
  ['ge', (a, b) => (m.largerEq(a, b) ? 1 : 0)],
];

describe('binary ops against mathjs', () => {
  it.each(oracles)('%s agrees elementwise', (name, ref) => {
    // Rounded values make ties, so the comparisons see equal operands too.
    const a = Float64Array.from(values(300, 3), (v) => Math.round(v * 4) / 4);
    const b = Float64Array.from(values(300, 5), (v) => Math.round(v * 4) / 4 || 0.5);
    const base = name === 'pow' ? a.map(Math.abs) : a;
    const got = T.binary(name, T.fromTypedArray(base, [300]), T.fromTypedArray(b, [300]));
    const want = Array.from(a, (v, i) => ref(v, b[i]));
    // mathjs mod computes x - y floor(x / y), which rounds differently from fmod + correction.
    expect(got).toBeAllClose(want, { rtol: name === 'mod' ? 1e-15 : 0, atol: 1e-15 });
  });

  it('mod takes the sign of the divisor and handles zero and infinity as NumPy does', () => {
    expect(T.mod(t([-1, 4, 5, -5, 1]), t([3, -3, 0, Infinity, -Infinity]))).toBeAllClose([
      2,
      -2,
      NaN,
      Infinity,
      -Infinity,
    ]);
  });

  it('comparisons with NaN are false except ne', () => {
    const nan = t([NaN]);
    for (const name of ['eq', 'lt', 'le', 'gt', 'ge'] as const) {
      expect(T.binary(name, nan, nan)).toBeAllClose([0]);
    }
    expect(T.ne(nan, nan)).toBeAllClose([1]);
  });

  it('maximum and minimum propagate NaN', () => {
    expect(T.maximum(t([NaN, 1]), t([0, NaN]))).toBeAllClose([NaN, NaN]);
    expect(T.minimum(t([NaN, 1]), 0)).toBeAllClose([NaN, 0]);
  });
});

describe('broadcasting', () => {
  it('matches a per-index reference for every op on random compatible shapes', () => {
    fc.assert(
      fc.property(broadcastPairArb(), fc.constantFrom(...binaryNames), ([sa, sb], name) => {
        const a = filled(sa, 11);
        const b = filled(sb, 12);
        const out = T.binary(name, a, b);
        const shape = T.broadcastShapes(name, sa, sb);
        expect(out.shape).toEqual(shape);
        const f = new Function('x', 'y', `return ${binaryExpr[name]('x', 'y')};`);
        const want = indices(shape).map((idx) => f(atBroadcast(a, idx), atBroadcast(b, idx)));
        expect(Array.from(out.data)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('is commutative for add and mul under broadcasting', () => {
    fc.assert(
      fc.property(broadcastPairArb(), ([sa, sb]) => {
        const a = filled(sa, 1);
        const b = filled(sb, 2);
        expect(T.add(a, b).data).toEqual(T.add(b, a).data);
        expect(T.mul(a, b).data).toEqual(T.mul(b, a).data);
      }),
    );
  });

  it('covers the row, column and scalar fast paths', () => {
    const x = filled([4, 3], 1);
    const row = filled([3], 2);
    const col = filled([4, 1], 3);
    const ref = (f: (i: number, j: number) => number): number[][] =>
      [0, 1, 2, 3].map((i) => [0, 1, 2].map((j) => f(i, j)));
    const xv = (i: number, j: number): number => x.data[i * 3 + j];
    expect(T.sub(x, row)).toBeAllClose(ref((i, j) => xv(i, j) - row.data[j]));
    expect(T.sub(row, x)).toBeAllClose(ref((i, j) => row.data[j] - xv(i, j)));
    expect(T.sub(col, x)).toBeAllClose(ref((i, j) => col.data[i] - xv(i, j)));
    expect(T.sub(x, col)).toBeAllClose(ref((i, j) => xv(i, j) - col.data[i]));
    expect(T.sub(x, 2)).toBeAllClose(ref((i, j) => xv(i, j) - 2));
    expect(T.sub(2, x)).toBeAllClose(ref((i, j) => 2 - xv(i, j)));
    expect(T.sub(col, row)).toBeAllClose(ref((i, j) => col.data[i] - row.data[j]));
  });

  it('handles scalars and empty dimensions', () => {
    expect(T.add(T.scalar(1), T.scalar(2)).shape).toEqual([]);
    expect(T.add(1, 2)).toBeAllClose(3);
    expect(T.add(T.zeros([0, 3]), T.ones([3])).shape).toEqual([0, 3]);
    expect(T.add(T.zeros([2, 1]), T.ones([0])).shape).toEqual([2, 0]);
  });

  it('names the op and both shapes when shapes do not broadcast', () => {
    expect(() => T.mul(T.zeros([2, 3]), T.zeros([2]))).toThrow(
      'mul: [2,3] x [2]: cannot broadcast: axis -1 has sizes 3 and 2 (each must match or be 1)',
    );
    expect(() => T.add(T.zeros([2]), [1, 2] as unknown as number)).toThrow(
      'add: expected a Tensor or a number, got an array (wrap it with tensor(...))',
    );
  });
});

describe('dtypes', () => {
  it('promote float32 with float64 to float64; numbers adopt the tensor dtype', () => {
    const f32 = T.ones([2], { dtype: 'float32' });
    expect(T.add(f32, T.ones([2])).dtype).toBe('float64');
    expect(T.add(f32, 0.1).dtype).toBe('float32');
    expect(T.add(f32, 0.1).data[0]).toBe(Math.fround(1 + Math.fround(0.1)));
    expect(T.lt(f32, 2).dtype).toBe('float32');
  });
});

describe('where', () => {
  it('picks a where the condition is nonzero (NaN included), with broadcasting', () => {
    const c = t([[1], [0], [NaN]]);
    expect(T.where(c, t([1, 2]), -1)).toBeAllClose([
      [1, 2],
      [-1, -1],
      [1, 2],
    ]);
  });

  it('agrees with a per-index reference on random shapes', () => {
    fc.assert(
      fc.property(broadcastPairArb(), ([sa, sb]) => {
        const c = T.gt(filled(sa, 4), 0);
        const a = filled(sb, 5);
        const out = T.where(c, a, 7);
        const want = indices(out.shape).map((idx) =>
          atBroadcast(c, idx) !== 0 ? atBroadcast(a, idx) : 7,
        );
        expect(Array.from(out.data)).toEqual(want);
      }),
    );
  });

  it('names all three shapes on a mismatch', () => {
    expect(() => T.where(T.zeros([2]), T.zeros([3]), 0)).toThrow(
      'where: [2] x [3] x []: condition, a and b do not broadcast together',
    );
  });
});

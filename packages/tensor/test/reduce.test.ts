import '@hamiltonian/testing';
import fc from 'fast-check';
import * as m from 'mathjs';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';
import { filled, indices, offset, shapeArb } from './reference.js';

const t = T.tensorOrThrow;

// Reduces `x` over `axes` with a plain loop over every output index.
const reference = (
  x: T.Tensor,
  axes: readonly number[],
  f: (xs: number[]) => number,
): { shape: number[]; data: number[] } => {
  const keptShape = x.shape.filter((_, d) => !axes.includes(d));
  const groups = new Map<number, number[]>();
  for (const idx of indices(x.shape)) {
    const kept = idx.filter((_, d) => !axes.includes(d));
    const o = offset(keptShape, kept);
    const group = groups.get(o) ?? [];
    group.push(x.data[offset(x.shape, idx)]);
    groups.set(o, group);
  }
  const n = keptShape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, o) => f(groups.get(o) ?? []));
  return { shape: keptShape, data };
};

const sumRef = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

const axesArb = (rank: number): fc.Arbitrary<number[]> =>
  fc.subarray(Array.from({ length: rank }, (_, i) => i));

const caseArb = shapeArb(4, 4, 1).chain((shape) =>
  fc.tuple(fc.constant(shape), axesArb(shape.length), fc.boolean()),
);

describe('reductions against plain loops', () => {
  const cases: [string, typeof T.sum, (xs: number[]) => number][] = [
    ['sum', T.sum, sumRef],
    ['mean', T.mean, (xs) => sumRef(xs) / xs.length],
    ['prod', T.prod, (xs) => xs.reduce((a, b) => a * b, 1)],
    ['max', T.max, (xs) => Math.max(...xs)],
    ['min', T.min, (xs) => Math.min(...xs)],
  ];

  it.each(cases)('%s matches over random axes, with and without keepdims', (_, op, f) => {
    fc.assert(
      fc.property(caseArb, ([shape, axes, keepdims]) => {
        const x = filled(shape, 9);
        const got = op(x, { axis: axes, keepdims });
        const want = reference(x, axes, f);
        const wantShape = keepdims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : want.shape;
        expect(got.shape).toEqual(wantShape);
        // Same order of accumulation as the loop: equal to rounding of the final division.
        expect(Array.from(got.data)).toBeAllClose(want.data, { rtol: 1e-15 });
      }),
      { numRuns: 60 },
    );
  });

  it('sums in plain sequential order, bit for bit', () => {
    const x = filled([5, 7], 3, 1e6);
    const col = Array.from({ length: 7 }, (_, j) => {
      let acc = -0;
      for (let i = 0; i < 5; i++) acc += x.data[i * 7 + j];
      return acc;
    });
    expect(Array.from(T.sum(x, { axis: 0 }).data)).toEqual(col);
  });
});

describe('reduction identities', () => {
  it('summing axes one at a time, in any order, agrees with summing all at once', () => {
    fc.assert(
      fc.property(
        shapeArb(4, 4, 1).chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(
              s.map((_, i) => i),
              { minLength: s.length },
            ),
          ),
        ),
        ([shape, order]) => {
          const x = filled(shape, 2);
          let y = x;
          for (const a of order) y = T.sum(y, { axis: a, keepdims: true });
          expect(T.item(y)).toBeAllClose(T.item(T.sum(x)), { rtol: 1e-12, atol: 1e-12 });
        },
      ),
    );
  });

  it('mean times count equals sum', () => {
    fc.assert(
      fc.property(caseArb, ([shape, axes]) => {
        const x = filled(shape, 5);
        const count = axes.reduce((c, a) => c * shape[a], 1);
        const s = T.sum(x, { axis: axes });
        expect(T.mul(T.mean(x, { axis: axes }), count)).toBeAllClose(s, {
          rtol: 1e-14,
          atol: 1e-14,
        });
      }),
    );
  });
});

describe('axes, scalars and empty tensors', () => {
  it('accepts negative axes and rejects bad ones by name', () => {
    const x = filled([2, 3], 1);
    expect(T.sum(x, { axis: -1 }).shape).toEqual([2]);
    expect(() => T.sum(x, { axis: 2 })).toThrow(
      'sum: axis 2 is out of range for rank 2 (expected -2 to 1)',
    );
    expect(() => T.sum(x, { axis: [0, -2] })).toThrow('sum: axis -2 appears more than once');
    expect(() => T.mean(x, { axis: 0.5 })).toThrow('mean: axis must be an integer, got 0.5');
  });

  it('reduce a scalar to itself', () => {
    expect(T.item(T.sum(T.scalar(3)))).toBe(3);
    expect(T.max(T.scalar(3)).shape).toEqual([]);
    expect(T.item(T.argmax(T.scalar(3)))).toBe(0);
  });

  it('give identities over empty axes, and errors where there is none', () => {
    const e = T.zeros([0, 3]);
    expect(T.sum(e, { axis: 0 })).toBeAllClose([0, 0, 0]);
    expect(T.prod(e, { axis: 0 })).toBeAllClose([1, 1, 1]);
    expect(T.mean(e, { axis: 0 })).toBeAllClose([NaN, NaN, NaN]);
    expect(T.sum(e, { axis: 1 }).shape).toEqual([0]);
    expect(() => T.max(e)).toThrow('max: cannot reduce over an empty axis of shape [0,3]');
    expect(() => T.argmax(e)).toThrow(/argmax: cannot take argmax of an empty axis/);
  });

  it('keep the sign of a sum of negative zeros', () => {
    expect(Object.is(T.item(T.sum(t([-0, -0]))), -0)).toBe(true);
  });
});

describe('NaN and infinities', () => {
  it('propagate NaN through max, min and sum', () => {
    const x = t([
      [1, NaN, 3],
      [4, 5, 6],
    ]);
    expect(T.max(x, { axis: 1 })).toBeAllClose([NaN, 6]);
    expect(T.min(x, { axis: 0 })).toBeAllClose([1, NaN, 3]);
    expect(T.sum(x, { axis: 1 })).toBeAllClose([NaN, 15]);
  });

  it('argmax and argmin pick the first extreme, and the first NaN', () => {
    const x = t([
      [1, 3, 3],
      [2, NaN, NaN],
      [-1, -5, -5],
    ]);
    expect(T.argmax(x, { axis: 1 })).toBeAllClose([1, 1, 0]);
    expect(T.argmin(x, { axis: 1 })).toBeAllClose([0, 1, 1]);
    expect(T.argmax(x)).toBeAllClose(4);
    expect(T.argmax(x, { axis: 0, keepdims: true }).shape).toEqual([1, 3]);
  });
});

describe('norm, logsumexp and variance', () => {
  it('norm agrees with mathjs for ord 1, 2 and Infinity', () => {
    const x = filled([4, 5], 7);
    const rows = [0, 1, 2, 3].map((i) => Array.from(x.data.subarray(i * 5, i * 5 + 5)));
    for (const ord of [1, 2, Infinity] as const) {
      const want = rows.map((r) => m.norm(r, ord) as number);
      expect(T.norm(x, { axis: 1, ord })).toBeAllClose(want, { rtol: 1e-15 });
    }
    expect(T.item(T.norm(x))).toBeAllClose(m.norm(Array.from(x.data)) as number, {
      rtol: 1e-15,
    });
    expect(() => T.norm(x, { ord: 3 as 2 })).toThrow('norm: ord must be 1, 2 or Infinity, got 3');
  });

  it('logsumexp agrees with the naive formula and survives large values', () => {
    const x = filled([3, 6], 2);
    const want = reference(x, [1], (xs) => Math.log(sumRef(xs.map(Math.exp)))).data;
    expect(T.logsumexp(x, { axis: 1 })).toBeAllClose(want, { rtol: 1e-14 });
    expect(T.logsumexp(t([1000, 1000]))).toBeAllClose(1000 + Math.LN2, { rtol: 1e-15 });
    expect(T.logsumexp(t([-Infinity, -Infinity]))).toBeAllClose(-Infinity);
    expect(T.logsumexp(t([Infinity, 1]))).toBeAllClose(Infinity);
    expect(T.logsumexp(t([NaN, 1]))).toBeAllClose(NaN);
  });

  it('variance agrees with mathjs, population and sample', () => {
    const x = filled([6, 4], 8);
    const cols = [0, 1, 2, 3].map((j) => [0, 1, 2, 3, 4, 5].map((i) => x.data[i * 4 + j]));
    const pop = cols.map((c) => m.variance(c, 'uncorrected') as unknown as number);
    const sample = cols.map((c) => m.variance(c) as unknown as number);
    expect(T.variance(x, { axis: 0 })).toBeAllClose(pop, { rtol: 1e-14 });
    expect(T.variance(x, { axis: 0, ddof: 1 })).toBeAllClose(sample, { rtol: 1e-14 });
    expect(() => T.variance(x, { ddof: -1 })).toThrow(/ddof must be a non-negative integer/);
  });
});

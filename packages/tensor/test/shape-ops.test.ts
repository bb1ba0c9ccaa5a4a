import '@hamiltonian/testing';
import fc from 'fast-check';
import * as m from 'mathjs';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';
import { filled, indices, offset, shapeArb } from './reference.js';

const t = T.tensorOrThrow;

describe('reshape and flatten', () => {
  it('infer one -1 and share storage', () => {
    const x = filled([2, 3], 1);
    const y = T.reshape(x, [-1, 2]);
    expect(y.shape).toEqual([3, 2]);
    expect(y.data).toBe(x.data);
    expect(T.flatten(x).shape).toEqual([6]);
    expect(T.reshape(T.scalar(1), [1, 1]).shape).toEqual([1, 1]);
  });

  it('reject size mismatches and bad dimensions by name', () => {
    const x = T.zeros([2, 3]);
    expect(() => T.reshape(x, [4, 2])).toThrow('reshape: [2,3] x [4,2]: sizes 6 and 8 differ');
    expect(() => T.reshape(x, [-1, 4])).toThrow(/cannot infer -1 for 6 elements/);
    expect(() => T.reshape(x, [-1, -1])).toThrow(/shape\[1\] must be a non-negative integer/);
  });

  it('round trip: flatten then reshape back is the identity', () => {
    fc.assert(
      fc.property(shapeArb(), (shape) => {
        const x = filled(shape, 3);
        const y = T.reshape(T.flatten(x), shape);
        expect(y.shape).toEqual(shape);
        expect(y.data).toEqual(x.data);
      }),
    );
  });
});

describe('transpose', () => {
  it('reverses axes by default and agrees with mathjs on matrices', () => {
    const x = filled([3, 5], 2);
    expect(T.transpose(x)).toBeAllClose(m.transpose(T.toArray(x) as number[][]));
  });

  it('round trip: a permutation followed by its inverse is the identity', () => {
    const arb = shapeArb(5, 3).chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.shuffledSubarray(
          s.map((_, i) => i),
          { minLength: s.length },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([shape, perm]) => {
        const x = filled(shape, 4);
        const y = T.transpose(x, perm);
        expect(y.shape).toEqual(perm.map((p) => shape[p]));
        for (const idx of indices(y.shape)) {
          const src = shape.map((_, d) => idx[perm.indexOf(d)]);
          expect(y.data[offset(y.shape, idx)]).toBe(x.data[offset(shape, src)]);
        }
        const inverse = perm.map((_, i) => perm.indexOf(i));
        expect(T.transpose(y, inverse).data).toEqual(x.data);
      }),
    );
  });

  it('rejects a perm that is not a permutation', () => {
    expect(() => T.transpose(T.zeros([2, 3]), [0, 0])).toThrow(
      'transpose: perm must be a permutation of 0..1 for shape [2,3], got [0,0]',
    );
  });
});

describe('expandDims, squeeze and broadcastTo', () => {
  it('insert and remove unit axes', () => {
    const x = T.zeros([3]);
    expect(T.expandDims(x, 0).shape).toEqual([1, 3]);
    expect(T.expandDims(x, -1).shape).toEqual([3, 1]);
    expect(T.squeeze(T.zeros([1, 3, 1])).shape).toEqual([3]);
    expect(T.squeeze(T.zeros([1, 3, 1]), -1).shape).toEqual([1, 3]);
    expect(() => T.squeeze(T.zeros([2, 3]), 0)).toThrow('squeeze: [2,3]: axis 0 has size 2, not 1');
    expect(() => T.expandDims(x, 3)).toThrow(/expandDims: axis 3 is out of range/);
  });

  it('broadcastTo materialises NumPy broadcasting', () => {
    expect(T.broadcastTo(t([1, 2]), [2, 2])).toBeAllClose([
      [1, 2],
      [1, 2],
    ]);
    expect(() => T.broadcastTo(t([1, 2]), [3])).toThrow(
      'broadcastTo: [2] x [3]: cannot broadcast to target',
    );
    expect(() => T.broadcastTo(T.zeros([2, 1]), [1])).toThrow(/broadcastTo/);
  });
});

describe('slice and take', () => {
  it('slice copies a block; -1 runs to the end and negative begins count back', () => {
    const x = t([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(T.slice(x, [1, 1], [-1, -1])).toBeAllClose([
      [5, 6],
      [8, 9],
    ]);
    expect(T.slice(x, [-1, 0], [1, 2])).toBeAllClose([[7, 8]]);
    expect(T.slice(x, [3, 0], [0, 3]).shape).toEqual([0, 3]);
    expect(() => T.slice(x, [0, 2], [1, 2])).toThrow(
      'slice: size[1] = 2 does not fit axis 1 of shape [3,3] from begin 2 (expected -1 or an ' +
        'integer from 0 to 1)',
    );
    expect(() => T.slice(x, [4, 0], [1, 1])).toThrow(/begin\[0\] = 4 is out of range/);
    expect(() => T.slice(x, [0], [1])).toThrow(/need 2 entries each/);
  });

  it('take gathers rows for mini-batches and checks every index first', () => {
    const x = t([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(T.take(x, Int32Array.from([2, 0, 2]))).toBeAllClose([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    expect(T.take(x, [-1], 1)).toBeAllClose([[2], [4], [6]]);
    expect(T.take(x, []).shape).toEqual([0, 2]);
    expect(() => T.take(x, [0, 3])).toThrow(
      'take: index 3 at position 1 is out of range for axis 0 of shape [3,2] (expected an ' +
        'integer from -3 to 2)',
    );
  });
});

describe('concat, stack, split and flip', () => {
  it('concat joins along an axis and names mismatched shapes', () => {
    const a = t([[1, 2]]);
    const b = t([[3, 4]]);
    expect(T.concat([a, b])).toBeAllClose([
      [1, 2],
      [3, 4],
    ]);
    expect(T.concat([a, b], 1)).toBeAllClose([[1, 2, 3, 4]]);
    expect(() => T.concat([a, T.zeros([1, 3])])).toThrow(
      'concat: [1,2] x [1,3]: shapes differ off axis 0',
    );
    expect(() => T.concat([])).toThrow('concat: needs at least one tensor, got none');
  });

  it('stack adds an axis', () => {
    const q = t([1, 2, 3]);
    const p = t([4, 5, 6]);
    expect(T.stack([q, p], -1)).toBeAllClose([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(() => T.stack([q, t([1])])).toThrow('stack: [3] x [1]: all shapes must be equal');
  });

  it('split into sections or sizes, then concat, round trips', () => {
    const arb = shapeArb(3, 4, 1)
      .filter((s) => s.length > 0)
      .chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 0, max: s.length - 1 })));
    fc.assert(
      fc.property(arb, ([shape, axis]) => {
        const x = filled(shape, 6);
        const sizes = [1, shape[axis] - 1];
        expect(T.concat(T.split(x, sizes, axis), axis).data).toEqual(x.data);
        expect(T.concat(T.split(x, shape[axis], axis), axis).data).toEqual(x.data);
      }),
    );
    expect(() => T.split(T.zeros([5]), 2)).toThrow(
      'split: [5]: sections = 2 must be a positive integer dividing axis 0 (size 5)',
    );
    expect(() => T.split(T.zeros([5]), [2, 2])).toThrow(/must be non-negative integers summing/);
  });

  it('flip reverses the given axes', () => {
    const x = t([
      [1, 2],
      [3, 4],
    ]);
    expect(T.flip(x, 1)).toBeAllClose([
      [2, 1],
      [4, 3],
    ]);
    expect(T.flip(x)).toBeAllClose([
      [4, 3],
      [2, 1],
    ]);
  });
});

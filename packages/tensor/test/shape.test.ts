import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  broadcastShapes,
  formatShape,
  normalizeAxes,
  ShapeError,
  shapesEqual,
  sizeOf,
  stridesOf,
} from '../src/index.js';
import { broadcastPairArb, shapeArb } from './reference.js';

describe('sizes and strides', () => {
  it('follow row-major layout', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 0, 3])).toBe(0);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(stridesOf([])).toEqual([]);
    expect(formatShape([256, 2])).toBe('[256,2]');
    expect(shapesEqual([1, 2], [1, 2])).toBe(true);
    expect(shapesEqual([1, 2], [2])).toBe(false);
  });
});

describe('broadcastShapes', () => {
  it('is commutative and idempotent, and each operand broadcasts to the result', () => {
    fc.assert(
      fc.property(broadcastPairArb(), ([a, b]) => {
        const s = broadcastShapes('add', a, b);
        expect(broadcastShapes('add', b, a)).toEqual(s);
        expect(broadcastShapes('add', s, s)).toEqual(s);
        expect(broadcastShapes('add', a, s)).toEqual(s);
        expect(s.length).toBe(Math.max(a.length, b.length));
      }),
    );
  });

  it('leaves a shape unchanged against a scalar', () => {
    fc.assert(
      fc.property(shapeArb(), (s) => {
        expect(broadcastShapes('add', s, [])).toEqual(s);
      }),
    );
  });

  it('throws a ShapeError naming the op and both shapes', () => {
    let error: unknown;
    try {
      broadcastShapes('sub', [2, 3], [3, 2]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).op).toBe('sub');
    expect((error as ShapeError).shapes).toEqual([
      [2, 3],
      [3, 2],
    ]);
  });
});

describe('normalizeAxes', () => {
  it('sorts, resolves negatives and expands undefined to all axes', () => {
    expect(normalizeAxes('sum', undefined, 3)).toEqual([0, 1, 2]);
    expect(normalizeAxes('sum', [-1, 0], 3)).toEqual([0, 2]);
    expect(normalizeAxes('sum', 1, 3)).toEqual([1]);
    expect(normalizeAxes('sum', [], 3)).toEqual([]);
  });

  it('rejects duplicates, out-of-range and non-integer axes by name', () => {
    expect(() => normalizeAxes('sum', [1, -2], 3)).toThrow('sum: axis -2 appears more than once');
    expect(() => normalizeAxes('max', 3, 3)).toThrow(
      'max: axis 3 is out of range for rank 3 (expected -3 to 2)',
    );
    expect(() => normalizeAxes('mean', [NaN], 3)).toThrow('mean: axis must be an integer, got NaN');
  });
});

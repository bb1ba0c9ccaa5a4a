import { describe, expect, it } from 'vitest';
import { allClose, allCloseMismatch } from '../src/index.js';

describe('toBeAllClose', () => {
  it('accepts values within the tolerance and rejects those outside it', () => {
    expect(allClose([1, 2], [1, 2 + 1e-9], { rtol: 1e-8 })).toBe(true);
    expect(allClose([1, 2], [1, 2.1], { rtol: 1e-8 })).toBe(false);
    expect([[1, 2]]).toBeAllClose([[1, 2]]);
  });

  it('treats NaN as equal to NaN and infinities only to themselves', () => {
    expect(allClose([NaN, Infinity], [NaN, Infinity])).toBe(true);
    expect(allClose([Infinity], [-Infinity])).toBe(false);
    expect(allClose([1], [NaN])).toBe(false);
  });

  it('reports a shape mismatch by both shapes', () => {
    expect(allCloseMismatch([1, 2, 3], [[1, 2, 3]])).toBe('shapes differ: [3] vs expected [1,3]');
  });

  it('compares tensor-like values by shape and data', () => {
    const t = { shape: [2], data: new Float64Array([1, 2]) };
    expect(t).toBeAllClose([1, 2]);
  });
});

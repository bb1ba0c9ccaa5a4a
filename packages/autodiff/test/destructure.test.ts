import '@hamiltonian/testing';
import { tensorOrThrow } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import * as ad from '../src/index.js';
import type { Value } from '../src/index.js';
import { concrete } from './check-grads.js';

describe('destructure', () => {
  const params = {
    W: tensorOrThrow([
      [1, 2],
      [3, 4],
    ]),
    b: [tensorOrThrow([5]), 6],
  };

  it('concatenates the leaves depth first into one vector', () => {
    const { flat, size } = ad.destructure(params);
    expect(size).toBe(6);
    expect(flat).toBeAllClose([1, 2, 3, 4, 5, 6]);
  });

  it('rebuilds a structure whose gradient flows back to the flat vector', () => {
    const { flat, rebuild } = ad.destructure(params);
    const loss = (v: Value) => {
      const p = rebuild(v);
      return ad.add(ad.sum(ad.square(p.W)), ad.mul(p.b[0] as Value, p.b[1] as Value));
    };
    expect(ad.grad(loss)(flat)).toBeAllClose([2, 4, 6, 8, 6, 5]);
  });

  it('gives an empty vector for a structure without parameters', () => {
    const { flat, rebuild, size } = ad.destructure({ layers: [] });
    expect(size).toBe(0);
    expect(flat.shape).toEqual([0]);
    expect(rebuild(flat)).toEqual({ layers: [] });
  });

  it('rejects a vector of the wrong length, naming both lengths', () => {
    const { rebuild } = ad.destructure(params);
    expect(() => rebuild(concrete(ad.onesLike(tensorOrThrow([1, 2, 3]))))).toThrow(
      /expected a vector of 6 parameters, got shape \[3\]/,
    );
  });
});

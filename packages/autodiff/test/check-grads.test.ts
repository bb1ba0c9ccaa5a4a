import { sin as sinT, tensorOrThrow } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import * as ad from '../src/index.js';
import type { Value } from '../src/index.js';
import { randn } from './check-grads.js';

describe('checkGrads', () => {
  const f = (x: Value) => ad.sum(ad.tanh(ad.mul(x, x)));

  it('runs forward and reverse checks at every order: 2 + 2 · (checks one order down)', () => {
    const x = randn([3]);
    expect(ad.checkGrads(f, [x], { order: 1 }).checks).toBe(2);
    expect(ad.checkGrads(f, [x]).checks).toBe(6);
    expect(ad.checkGrads(f, [x], { order: 3 }).checks).toBe(14);
    expect(ad.checkGrads(f, [x], { order: 2, modes: ['reverse'] }).checks).toBe(3);
  });

  it('passes a correct program and is reproducible for a seed', () => {
    const x = randn([3]);
    const first = ad.checkGrads(f, [x], { order: 3, seed: 7 });
    expect(first).toEqual(ad.checkGrads(f, [x], { order: 3, seed: 7 }));
    expect(first.ok).toBe(true);
  });

  it('takes pytree arguments and results', () => {
    const model = (p: { W: Value; b: number }, x: Value) => ({
      y: ad.tanh(ad.add(ad.matmul(p.W, x), p.b)),
      norm: ad.sum(ad.square(p.W)),
    });
    const result = ad.checkGrads(model, [{ W: randn([2, 3]), b: 0.5 }, randn([3])]);
    expect(result.failures).toEqual([]);
  });

  it('finds a first-order error and says by how much', () => {
    const wrong = ad.defPrimitive({
      name: 'wrongSin',
      impl: (x) => sinT(x),
      vjp: (g, [x]) => [ad.mul(g, ad.mul(ad.cos(x as Value), 1.0001))],
      jvp: ([x], [t]) => (t === null ? null : ad.mul(t, ad.cos(x as Value))),
    });
    const result = ad.checkGrads(wrong, [randn([3])], { order: 1 });
    expect(result.failures.map((x) => x.check)).toEqual(['order 1: reverse mode of f']);
    expect(result.failures[0]?.message).toMatch(/<vjp\(u\), v> = .* but <u, central differences>/);
    expect(() => ad.checkGradsOrThrow(wrong, [randn([3])], { order: 1 })).toThrow(
      /checkGrads: 1 failed\norder 1: reverse mode of f/,
    );
  });

  it('refuses float32 arguments, whose differences are too coarse', () => {
    const x = tensorOrThrow([1, 2], { dtype: 'float32' });
    expect(() => ad.checkGrads(f, [x])).toThrow(/leaf 0 of the arguments is float32/);
  });
});

import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import { item, mean, random, variance } from '../src/index.js';

const { bernoulli, foldIn, key, normal, permutation, randint, randomBits, split, uniform } = random;

describe('keys', () => {
  it('key(seed) holds the high and low words of the seed', () => {
    expect(key(0)).toEqual({ k0: 0, k1: 0 });
    expect(key(2 ** 32 + 5)).toEqual({ k0: 1, k1: 5 });
    expect(key(-1)).toEqual({ k0: 0xffffffff, k1: 0xffffffff });
    expect(() => key(0.5)).toThrow('key: seed must be a safe integer, got 0.5');
  });

  it('split reproduces JAX: jax.random.split(PRNGKey(0)) and PRNGKey(42)', () => {
    expect(split(key(0))).toEqual([
      { k0: 4146024105, k1: 967050713 },
      { k0: 2718843009, k1: 1272950319 },
    ]);
    expect(split(key(42))).toEqual([
      { k0: 2465931498, k1: 3679230171 },
      { k0: 255383827, k1: 267815257 },
    ]);
    expect(split(key(0), 3)).toHaveLength(3);
  });

  it('foldIn gives distinct keys for distinct data, and is pinned', () => {
    expect(foldIn(key(0), 1)).toEqual({ k0: 928981903, k1: 3453687069 });
    expect(foldIn(key(0), 2)).not.toEqual(foldIn(key(0), 1));
  });
});

describe('bits', () => {
  it('match the Random123 known answer for Threefry-2x32-20 at key 0, counter 0', () => {
    // One word pads the counter pair with zero, so this is threefry((0, 0), (0, 0)).
    expect(randomBits(key(0), 1)[0]).toBe(0x6b200159);
  });

  it('the stream is pinned', () => {
    expect(Array.from(randomBits(key(0), 2))).toEqual([0x375f238f, 0xcddb151d]);
    expect(randomBits(key(7), 5)).toHaveLength(5);
  });
});

describe('samplers', () => {
  it('are pure: the same key gives the same numbers', () => {
    expect(uniform(key(3), [5]).data).toEqual(uniform(key(3), [5]).data);
    expect(normal(key(3), [5]).data).toEqual(normal(key(3), [5]).data);
  });

  it('uniform values are pinned and lie in [min, max)', () => {
    expect(Array.from(uniform(key(0), [4]).data)).toEqual([
      0.5322264882505428, 0.3496568652295886, 0.3535864826281059, 0.9524387567934782,
    ]);
    const x = uniform(key(1), [10000], { min: -2, max: 3 });
    expect(Math.min(...x.data)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...x.data)).toBeLessThan(3);
    // Mean of U(-2, 3) is 0.5, sd of the sample mean 5 / sqrt(12 * 10000) ~ 0.0144.
    expect(item(mean(x))).toBeAllClose(0.5, { atol: 0.06 });
    const f = uniform(key(1), [100], { dtype: 'float32' });
    expect(f.dtype).toBe('float32');
    expect(() => uniform(key(0), [2], { min: 1, max: 1 })).toThrow(/min < max/);
  });

  it('normal values are pinned and have the requested moments', () => {
    expect(Array.from(normal(key(0), [3]).data)).toEqual([
      -0.7224093839895308, 0.9988327091369756, 0.8927459790879552,
    ]);
    const x = normal(key(2), [20000], { mean: 1, std: 2 });
    // Sample mean sd 2 / sqrt(20000) ~ 0.014; sample variance sd ~ 4 * sqrt(2 / 20000) ~ 0.04.
    expect(item(mean(x))).toBeAllClose(1, { atol: 0.06 });
    expect(item(variance(x))).toBeAllClose(4, { atol: 0.16 });
  });

  it('permutation is a pinned permutation', () => {
    expect(Array.from(permutation(key(0), 8))).toEqual([2, 6, 0, 4, 3, 7, 1, 5]);
    const p = Array.from(permutation(key(5), 1000)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(permutation(key(0), 0)).toHaveLength(0);
    expect(() => permutation(key(0), -1)).toThrow(/permutation: n must be/);
  });

  it('randint and bernoulli stay in range', () => {
    const r = randint(key(0), [1000], -3, 4);
    expect(r.data.every((v) => Number.isInteger(v) && v >= -3 && v < 4)).toBe(true);
    expect(new Set(r.data).size).toBe(7);
    const b = bernoulli(key(0), [10000], 0.3);
    expect(b.data.every((v) => v === 0 || v === 1)).toBe(true);
    expect(item(mean(b))).toBeAllClose(0.3, { atol: 0.03 });
    expect(() => bernoulli(key(0), [1], 2)).toThrow(/p must be in \[0, 1\]/);
  });
});

/**
 * Pure, splittable random numbers in the style of JAX: a `Key` is a value, never mutated; every
 * sampler is a function of (key, shape), and `split`/`foldIn` derive independent keys.
 *
 * The generator is Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as
 * easy as 1, 2, 3", SC 2011), a counter-based hash in uint32 arithmetic, so the bits are the same
 * on every platform. `key`, `split` and `foldIn` follow JAX's original (non-partitionable)
 * threefry scheme, e.g. `split(key(0))` gives JAX's keys; the samplers' bit-to-float mappings
 * are this package's own. `normal` also uses Math.log/cos/sin, which V8 computes identically on
 * every platform (other engines may differ in the last bit).
 */
import { type DType } from './dtype.js';
import { TensorError } from './errors.js';
import { alloc } from './pool.js';
import { checkShape, sizeOf, type Shape } from './shape.js';
import { wrap, type Tensor } from './tensor.js';

/** A PRNG key: two uint32 words. Keys are values: reuse one and you get the same numbers. */
export interface Key {
  readonly k0: number;
  readonly k1: number;
}

const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;

// Threefry's key-schedule parity constant.
const PARITY = 0x1bd11bda;

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;

/**
 * Threefry-2x32-20 of the counter (x0, x1) under the key (k0, k1); writes the two output words
 * to `out[at]` and `out[at + half]`, the layout of JAX's `threefry_2x32` over a counter array.
 */
const threefry = (
  k0: number,
  k1: number,
  x0: number,
  x1: number,
  out: Uint32Array,
  at: number,
  half: number,
): void => {
  const ks = [k0, k1, (PARITY ^ k0 ^ k1) >>> 0];
  let a = (x0 + k0) >>> 0;
  let b = (x1 + k1) >>> 0;
  for (let group = 0; group < 5; group++) {
    const base = (group & 1) * 4;
    for (let r = 0; r < 4; r++) {
      a = (a + b) >>> 0;
      b = rotl(b, ROTATIONS[base + r]) ^ a;
    }
    a = (a + ks[(group + 1) % 3]) >>> 0;
    b = (b + ks[(group + 2) % 3] + group + 1) >>> 0;
  }
  out[at] = a;
  out[at + half] = b;
};

/**
 * `count` random uint32 words: JAX's `threefry_2x32(key, iota(count))`. The first and second
 * halves of the counters are hashed pairwise (an odd count is padded with a zero counter).
 *
 * @example
 * randomBits(key(0), 4); // Uint32Array of 4 words
 */
export const randomBits = (k: Key, count: number): Uint32Array => {
  const half = Math.ceil(count / 2);
  const words = new Uint32Array(2 * half);
  for (let i = 0; i < half; i++) {
    const hi = half + i < count ? half + i : 0;
    threefry(k.k0, k.k1, i, hi, words, i, half);
  }
  return count === words.length ? words : words.subarray(0, count);
};

/**
 * A key from an integer seed (JAX's `PRNGKey`): the seed's high and low 32 bits, negative
 * seeds in two's complement.
 *
 * @example
 * const k = key(0);
 */
export const key = (seed: number): Key => {
  if (!Number.isSafeInteger(seed)) {
    throw new TensorError(`key: seed must be a safe integer, got ${String(seed)}`);
  }
  return Object.freeze({ k0: Math.floor(seed / 2 ** 32) >>> 0, k1: seed >>> 0 });
};

/**
 * `n` new, independent keys derived from `k` (JAX's `split`). Use each key once.
 *
 * @example
 * const [k1, k2] = split(key(0)); // JAX: [4146024105, 967050713], [2718843009, 1272950319]
 */
export const split = (k: Key, n = 2): Key[] => {
  if (!Number.isInteger(n) || n < 0) {
    throw new TensorError(`split: n must be a non-negative integer, got ${String(n)}`);
  }
  const words = randomBits(k, 2 * n);
  return Array.from({ length: n }, (_, i) =>
    Object.freeze({ k0: words[2 * i], k1: words[2 * i + 1] }),
  );
};

/**
 * A new key from `k` and an integer (JAX's `fold_in`): e.g. one key per training step without
 * threading keys through the loop.
 *
 * @example
 * const stepKey = foldIn(k, step);
 */
export const foldIn = (k: Key, data: number): Key => {
  if (!Number.isSafeInteger(data)) {
    throw new TensorError(`foldIn: data must be a safe integer, got ${String(data)}`);
  }
  const counter = key(data);
  const out = new Uint32Array(2);
  threefry(k.k0, k.k1, counter.k0, counter.k1, out, 0, 1);
  return Object.freeze({ k0: out[0], k1: out[1] });
};

// n uniform doubles in [0, 1) with 52 random mantissa bits: value i takes its high 32 bits from
// word i and its low 20 from word n + i.
const unitUniforms = (k: Key, n: number): Float64Array => {
  const words = randomBits(k, 2 * n);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = (words[i] * 2 ** 20 + (words[n + i] >>> 12)) * 2 ** -52;
  return u;
};

/** Options of `uniform`. */
export interface UniformOptions {
  readonly min?: number;
  readonly max?: number;
  readonly dtype?: DType;
}

/**
 * Uniform samples in [min, max) (default [0, 1)). float64 draws 52 random bits per value,
 * float32 23 bits.
 *
 * @example
 * uniform(k, [256, 2], { min: -1, max: 1 });
 */
export const uniform = (k: Key, shape: Shape, options: UniformOptions = {}): Tensor => {
  const dims = checkShape('uniform', shape);
  const { min = 0, max = 1, dtype = 'float64' } = options;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    throw new TensorError(`uniform: need finite min < max, got min ${min} and max ${max}`);
  }
  const n = sizeOf(dims);
  const out = alloc(dtype, n);
  const width = max - min;
  if (dtype === 'float64') {
    const u = unitUniforms(k, n);
    for (let i = 0; i < n; i++) out[i] = Math.max(min, u[i] * width + min);
  } else {
    const words = randomBits(k, n);
    for (let i = 0; i < n; i++) out[i] = Math.max(min, (words[i] >>> 9) * 2 ** -23 * width + min);
  }
  return wrap(out, dims);
};

/** Options of `normal`. */
export interface NormalOptions {
  readonly mean?: number;
  readonly std?: number;
  readonly dtype?: DType;
}

/**
 * Normal samples with the given mean (default 0) and standard deviation (default 1), by the
 * Box-Muller transform (Box & Muller, 1958) of pairs of uniforms.
 *
 * @example
 * normal(k, [2, 64], { std: Math.sqrt(2 / 2) }); // He initialisation
 */
export const normal = (k: Key, shape: Shape, options: NormalOptions = {}): Tensor => {
  const dims = checkShape('normal', shape);
  const { mean = 0, std = 1, dtype = 'float64' } = options;
  if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) {
    throw new TensorError(`normal: need a finite mean and std >= 0, got ${mean} and ${std}`);
  }
  const n = sizeOf(dims);
  const pairs = Math.ceil(n / 2);
  const u = unitUniforms(k, 2 * pairs);
  const out = alloc(dtype, n);
  for (let j = 0; j < pairs; j++) {
    const r = Math.sqrt(-2 * Math.log(1 - u[2 * j]));
    const theta = 2 * Math.PI * u[2 * j + 1];
    out[2 * j] = mean + std * r * Math.cos(theta);
    if (2 * j + 1 < n) out[2 * j + 1] = mean + std * r * Math.sin(theta);
  }
  return wrap(out, dims);
};

/**
 * A random permutation of 0..n-1 by Fisher-Yates shuffling, for shuffling a data set into
 * mini-batches (pass slices of it to `take`).
 *
 * @example
 * const order = permutation(k, 1000); // Int32Array
 */
export const permutation = (k: Key, n: number): Int32Array => {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new TensorError(`permutation: n must be an integer from 0 to 2^31-1, got ${String(n)}`);
  }
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const u = unitUniforms(k, Math.max(0, n - 1));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[n - 1 - i] * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm;
};

/**
 * Uniform random integers in [min, max), stored as floats of `dtype`.
 *
 * @example
 * randint(k, [10], 0, 6); // dice rolls minus one
 */
export const randint = (
  k: Key,
  shape: Shape,
  min: number,
  max: number,
  options: { readonly dtype?: DType } = {},
): Tensor => {
  const dims = checkShape('randint', shape);
  if (!(Number.isSafeInteger(min) && Number.isSafeInteger(max) && min < max)) {
    throw new TensorError(`randint: need integers min < max, got min ${min} and max ${max}`);
  }
  const n = sizeOf(dims);
  const u = unitUniforms(k, n);
  const out = alloc(options.dtype ?? 'float64', n);
  for (let i = 0; i < n; i++) out[i] = Math.min(max - 1, min + Math.floor(u[i] * (max - min)));
  return wrap(out, dims);
};

/**
 * 1 with probability `p` (default 0.5), else 0: `uniform < p`, as in JAX. For dropout masks.
 *
 * @example
 * bernoulli(k, [256, 64], 0.9);
 */
export const bernoulli = (
  k: Key,
  shape: Shape,
  p = 0.5,
  options: { readonly dtype?: DType } = {},
): Tensor => {
  const dims = checkShape('bernoulli', shape);
  if (!(p >= 0 && p <= 1)) throw new TensorError(`bernoulli: p must be in [0, 1], got ${p}`);
  const n = sizeOf(dims);
  const u = unitUniforms(k, n);
  const out = alloc(options.dtype ?? 'float64', n);
  for (let i = 0; i < n; i++) out[i] = u[i] < p ? 1 : 0;
  return wrap(out, dims);
};

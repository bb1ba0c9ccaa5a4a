import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromTypedArray, scalar, tensorOrThrow, zeros, type Tensor } from '@hamiltonian/tensor';
import '@hamiltonian/testing';
import {
  add,
  concat,
  div,
  exp,
  grad,
  heaviside,
  jit,
  matmul,
  mean,
  mul,
  neg,
  pow,
  primalOf,
  relu,
  slice,
  sqrt,
  square,
  sub,
  sum,
  tanh,
  transpose,
  valueAndGrad,
  where,
  gt,
  TracerError,
  type Value,
} from '../src/index.js';

/** The raw bits of a tensor's entries, so -0 differs from 0 and NaNs compare by payload. */
const bits = (t: Value): bigint[] => {
  const data = (t as Tensor).data;
  const copy = Float64Array.from(data);
  return Array.from(new BigUint64Array(copy.buffer));
};

const expectBitIdentical = (a: unknown, b: unknown): void => {
  if (Array.isArray(a)) {
    (a as unknown[]).forEach((x, i) => expectBitIdentical(x, (b as unknown[])[i]));
  } else if (a !== null && typeof a === 'object' && !('shape' in a)) {
    for (const k of Object.keys(a)) {
      expectBitIdentical((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
    }
  } else {
    expect((a as Tensor).shape).toEqual((b as Tensor).shape);
    expect(bits(a as Tensor)).toEqual(bits(b as Tensor));
  }
};

/** A deterministic pseudo-random tensor. */
const rand = (shape: number[], seed: number, scale = 1): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return fromTypedArray(data, shape);
};

interface Params {
  W1: Value;
  b1: Value;
  W2: Value;
  b2: Value;
}

// The tutorial's HNN: H = relu(x W1 + b1) W2 + b2, prediction (dH/dp, -dH/dq).
const H = (x: Value, p: Params): Value => add(matmul(relu(add(matmul(x, p.W1), p.b1)), p.W2), p.b2);
const hnn = (x: Value, p: Params): Value => {
  const g = grad((xx: Value) => sum(H(xx, p)))(x);
  return concat([slice(g, [0, 1], [-1, 1]), neg(slice(g, [0, 0], [-1, 1]))], 1);
};
const loss = (p: Params, x: Value, y: Value): Value => mean(square(sub(hnn(x, p), y)));

const adamStep = (p: Params, m: Params, v: Params, t: Value, x: Value, y: Value) => {
  const [l, g] = valueAndGrad(loss)(p, x, y) as [Value, Params];
  const t1 = add(t, 1);
  const c1 = sub(1, pow(0.9, t1));
  const c2 = sub(1, pow(0.999, t1));
  const keys = ['W1', 'b1', 'W2', 'b2'] as const;
  const out = { p: {} as Params, m: {} as Params, v: {} as Params };
  for (const k of keys) {
    out.m[k] = add(mul(m[k], 0.9), mul(g[k], 0.1));
    out.v[k] = add(mul(v[k], 0.999), mul(square(g[k]), 0.001));
    const step = div(div(out.m[k], c1), add(sqrt(div(out.v[k], c2)), 1e-8));
    out.p[k] = sub(p[k], mul(step, 0.01));
  }
  return [out.p, out.m, out.v, t1, l] as const;
};

const params = (): Params => ({
  W1: rand([2, 64], 1, 0.3),
  b1: rand([64], 2, 0.1),
  W2: rand([64, 1], 3, 0.3),
  b2: rand([1], 4, 0.1),
});
const zerosLikeParams = (): Params => ({
  W1: zeros([2, 64]),
  b1: zeros([64]),
  W2: zeros([64, 1]),
  b2: zeros([1]),
});

describe('jit', () => {
  it('gives bit-identical results to eager evaluation for an HNN training step', () => {
    const step = jit(adamStep);
    type State = readonly [Params, Params, Params, Value];
    let eager: State = [params(), zerosLikeParams(), zerosLikeParams(), scalar(0)];
    let compiled = eager;
    for (let i = 0; i < 5; i++) {
      const x = rand([256, 2], 10 + i);
      const y = rand([256, 2], 20 + i, 6);
      const e = adamStep(...eager, x, y);
      const c = step(...compiled, x, y);
      expectBitIdentical(c, e);
      eager = [e[0], e[1], e[2], e[3]];
      compiled = [c[0], c[1], c[2], c[3]];
    }
    expect(step.cacheSize).toBe(1);
  });

  it('fuses the HNN step into loop nests over the batch', () => {
    const step = jit(adamStep);
    const text = step.lower(
      params(),
      zerosLikeParams(),
      zerosLikeParams(),
      scalar(0),
      rand([256, 2], 1),
      rand([256, 2], 2),
    );
    expect(text).toContain('fused(');
    expect(text).not.toMatch(/^v\d+: \[[^\]]*\] = matmul\(/m);
  });

  it('matches eager bit for bit on products, reductions and broadcasts in every layout', () => {
    const f = (a: Value, b: Value, c: Value, r: Value, s: Value) => {
      const z = add(matmul(a, b), r); // product with a row broadcast
      const w = mul(tanh(z), c); // column broadcast
      return [
        sum(w, { axis: 0 }),
        sum(w, { axis: 1, keepdims: true }),
        sum(exp(mul(w, s))),
        matmul(w, transpose(b)), // row reduction
        matmul(transpose(a), w), // column reduction
        matmul(transpose(w), c), // column reduction, transposed result
        where(gt(w, 0), w, mul(w, 0.5)),
        heaviside(z),
      ];
    };
    const args = [
      rand([32, 3], 1),
      rand([3, 16], 2),
      rand([32, 1], 3),
      rand([16], 4),
      scalar(0.7),
    ] as const;
    expectBitIdentical(jit(f)(...args), f(...args));
  });

  it('matches eager bit for bit on random elementwise programs', () => {
    const ops = [
      (x: Value) => tanh(x),
      (x: Value) => mul(x, x),
      (x: Value) => add(x, 1.5),
      (x: Value) => relu(x),
      (x: Value) => div(x, add(square(x), 1)),
      (x: Value) => neg(x),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: ops.length - 1 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        (choice, seed) => {
          const f = (x: Value) => choice.reduce((v, c) => (ops[c] as (x: Value) => Value)(v), x);
          const x = rand([8, 5], seed);
          expectBitIdentical(jit(f)(x), f(x));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('matches eager bit for bit on second-order MLP programs of any width and batch', () => {
    // Widths up to 8 put the hidden layers' products inline in the loops; larger ones do not.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 1000 }),
        (width, batch, seed) => {
          const p = [
            rand([width, 2], seed, 0.5),
            rand([width], seed + 1, 0.1),
            rand([width, width], seed + 2, 0.5),
            rand([width], seed + 3, 0.1),
            rand([1, width], seed + 4, 0.5),
          ];
          const energy = (x: Value, w: readonly Value[]): Value => {
            const h1 = tanh(add(matmul(x, transpose(w[0] as Value)), w[1] as Value));
            const h2 = tanh(add(matmul(h1, transpose(w[2] as Value)), w[3] as Value));
            return matmul(h2, transpose(w[4] as Value));
          };
          const lossOf = (w: readonly Value[], x: Value, y: Value): Value =>
            mean(square(sub(grad((z: Value) => sum(energy(z, w)))(x), y)));
          const f = (w: readonly Value[], x: Value, y: Value) => valueAndGrad(lossOf)(w, x, y);
          const x = rand([batch, 2], seed + 5);
          const y = rand([batch, 2], seed + 6);
          expectBitIdentical(jit(f)(p, x, y), f(p, x, y));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps float32 programs bit-identical too', () => {
    const f = (x: Value) => sum(tanh(mul(x, x)), { axis: 1 });
    const x = tensorOrThrow(
      [
        [0.1, 0.2, 0.3],
        [0.4, 0.5, 0.6],
      ],
      { dtype: 'float32' },
    );
    const y = jit(f)(x) as Tensor;
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.data)).toEqual(Array.from((f(x) as Tensor).data));
  });

  it('traces once per argument signature and again for new shapes', () => {
    let traces = 0;
    const f = jit((x: Value) => {
      traces++;
      return mul(x, 2);
    });
    f(rand([3], 1));
    f(rand([3], 2));
    expect(traces).toBe(1);
    f(rand([4], 3));
    expect(traces).toBe(2);
    expect(f.cacheSize).toBe(2);
  });

  it('recognises a repeated structure whatever the key order, and retraces a new one', () => {
    let traces = 0;
    const f = jit((p: { a: Value; b: Value }) => {
      traces++;
      return { d: sub(p.a, p.b) };
    });
    const a = tensorOrThrow([5, 7]);
    const b = tensorOrThrow([1, 2]);
    expect((f({ a, b }) as { d: Tensor }).d).toBeAllClose([4, 5]);
    expect((f({ b, a }) as { d: Tensor }).d).toBeAllClose([4, 5]);
    expect(traces).toBe(1);
    const g = f as unknown as (p: { a: Value; b: Value; c: Value }) => { d: Tensor };
    expect(g({ a, b, c: b }).d).toBeAllClose([4, 5]);
    expect(traces).toBe(2);
  });

  it('returns constants, numbers and untouched arguments correctly', () => {
    const c = tensorOrThrow([1, 2]);
    const f = jit((x: Value) => ({ same: x, constant: c, n: 3, twice: mul(x, 2) }));
    const x = tensorOrThrow([5, 6]);
    const out = f(x) as { same: Tensor; constant: Tensor; n: number; twice: Tensor };
    expect(out.same).toBeAllClose([5, 6]);
    expect(out.constant).toBeAllClose([1, 2]);
    expect(out.n).toBe(3);
    expect(out.twice).toBeAllClose([10, 12]);
  });

  it('returns float64 and float32 results side by side, each with its own values', () => {
    const f = jit((a: Value, b: Value) => [mul(a, 2), mul(b, 3), a]);
    const a = tensorOrThrow([1, 2, 3]);
    const b = tensorOrThrow([4, 5], { dtype: 'float32' });
    const [x, y, z] = f(a, b) as Tensor[];
    expect([x?.dtype, y?.dtype, z?.dtype]).toEqual(['float64', 'float32', 'float64']);
    expect(x).toBeAllClose([2, 4, 6]);
    expect(y).toBeAllClose([12, 15]);
    expect(z).toBeAllClose([1, 2, 3]);
  });

  it('does not let later calls change earlier results', () => {
    const f = jit((x: Value) => mul(x, 2));
    const a = f(tensorOrThrow([1, 2])) as Tensor;
    f(tensorOrThrow([3, 4]));
    expect(a).toBeAllClose([2, 4]);
  });

  it('says so when a traced value is read concretely', () => {
    const f = jit((x: Value) => scalar(primalOf(x).data[0] as number));
    expect(() => f(tensorOrThrow([1]))).toThrow(TracerError);
    expect(() => f(tensorOrThrow([1]))).toThrow(/concrete value was read while tracing/);
  });

  it('runs the function directly under an outer transform, so gradients flow through', () => {
    const f = jit((x: Value) => sum(mul(x, x)));
    const g = grad((x: Value) => f(x))(tensorOrThrow([1, 2, 3])) as Tensor;
    expect(g).toBeAllClose([2, 4, 6]);
  });
});

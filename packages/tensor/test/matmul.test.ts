import '@hamiltonian/testing';
import fc from 'fast-check';
import * as m from 'mathjs';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';
import { batchMatmulInto, matmulInto } from '../src/kernels/index.js';
import { filled, values } from './reference.js';

const asMatrix = (x: T.Tensor): number[][] => T.toArray(x) as number[][];

describe('matmul against mathjs', () => {
  it('multiplies random matrices, including the tutorial shapes', () => {
    for (const [mm, k, n] of [
      [256, 2, 64],
      [256, 64, 1],
      [7, 5, 3],
      [1, 1, 1],
    ]) {
      const a = filled([mm, k], 1);
      const b = filled([k, n], 2);
      const want = m.multiply(asMatrix(a), asMatrix(b)) as unknown as number[][];
      expect(T.matmul(a, b)).toBeAllClose(want, { rtol: 1e-13, atol: 1e-13 });
    }
  });

  it('treats vectors as NumPy does: inner product, row and column promotion', () => {
    const v = filled([3], 3);
    const a = filled([2, 3], 4);
    const vs = Array.from(v.data);
    expect(T.matmul(v, v).shape).toEqual([]);
    expect(T.item(T.matmul(v, v))).toBeAllClose(m.dot(vs, vs), { rtol: 1e-15 });
    const av = m.multiply(asMatrix(a), vs) as unknown as number[];
    expect(T.matmul(a, v)).toBeAllClose(av, { rtol: 1e-15 });
    expect(T.matmul(T.slice(v, [0], [2]), a)).toBeAllClose(
      m.multiply(vs.slice(0, 2), asMatrix(a)) as unknown as number[],
      { rtol: 1e-15 },
    );
  });
});

describe('batched matmul', () => {
  it('broadcasts batch axes and agrees with per-matrix products', () => {
    const a = filled([2, 1, 3, 4], 5);
    const b = filled([3, 4, 2], 6);
    const c = T.matmul(a, b);
    expect(c.shape).toEqual([2, 3, 3, 2]);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const ai = T.reshape(T.slice(a, [i, 0, 0, 0], [1, 1, 3, 4]), [3, 4]);
        const bj = T.reshape(T.slice(b, [j, 0, 0], [1, 4, 2]), [4, 2]);
        const cij = T.reshape(T.slice(c, [i, j, 0, 0], [1, 1, 3, 2]), [3, 2]);
        expect(cij.data).toEqual(T.matmul(ai, bj).data);
      }
    }
    expect(T.matmul(filled([4, 2, 3], 1), filled([3], 2)).shape).toEqual([4, 2]);
  });
});

describe('matmul kernels', () => {
  it('agree bit for bit across loop orders and transposed layouts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (mm, k, n) => {
          const a = values(mm * k, 1);
          const b = values(k * n, 2);
          const at = T.transpose(T.fromTypedArray(a, [mm, k])).data;
          const bt = T.transpose(T.fromTypedArray(b, [k, n])).data;
          const want = new Float64Array(mm * n);
          matmulInto(a, b, want, mm, k, n);
          for (const [ta, tb] of [
            [true, false],
            [false, true],
            [true, true],
          ] as const) {
            const out = new Float64Array(mm * n).fill(NaN);
            matmulInto(ta ? at : a, tb ? bt : b, out, mm, k, n, ta, tb);
            expect(out).toEqual(want);
          }
        },
      ),
    );
  });
});

describe('dot and outer', () => {
  it('dot is the inner product of vectors and the matrix product of matrices', () => {
    const u = T.tensorOrThrow([1, 2, 3]);
    expect(T.dot(u, u)).toBeAllClose(14);
    expect(T.dot(u, T.scalar(2))).toBeAllClose([2, 4, 6]);
    expect(() => T.dot(T.zeros([1, 2, 3]), u)).toThrow(/dot: \[1,2,3\] x \[3\]/);
  });

  it('outer multiplies every pair', () => {
    expect(T.outer(T.tensorOrThrow([1, 2]), T.tensorOrThrow([3, 4, 5]))).toBeAllClose([
      [3, 4, 5],
      [6, 8, 10],
    ]);
  });
});

describe('edge cases and errors', () => {
  it('an empty inner dimension gives zeros; an empty outer one an empty result', () => {
    expect(T.matmul(T.zeros([2, 0]), T.zeros([0, 3]))).toBeAllClose(T.zeros([2, 3]));
    expect(T.matmul(T.zeros([0, 2]), T.zeros([2, 3])).shape).toEqual([0, 3]);
  });

  it('propagates NaN and Infinity', () => {
    const a = T.tensorOrThrow([[NaN, 1]]);
    const b = T.tensorOrThrow([[1], [Infinity]]);
    expect(T.matmul(a, b)).toBeAllClose([[NaN]]);
    expect(T.matmul(T.tensorOrThrow([[1, 1]]), b)).toBeAllClose([[Infinity]]);
  });

  it('keeps float32 and promotes mixed dtypes', () => {
    const f = T.ones([2, 2], { dtype: 'float32' });
    expect(T.matmul(f, f).dtype).toBe('float32');
    expect(T.matmul(f, T.ones([2, 2])).dtype).toBe('float64');
  });

  it('names the op and both shapes', () => {
    expect(() => T.matmul(T.zeros([256, 2]), T.zeros([64, 2]))).toThrow(
      'matmul: [256,2] x [64,2]: inner dimensions 2 and 64 differ',
    );
    expect(() => T.matmul(T.zeros([2, 2, 3]), T.zeros([3, 3, 1]))).toThrow(
      'matmul: [2,2,3] x [3,3,1]: batch dimensions do not broadcast',
    );
    expect(() => T.matmul(T.scalar(1), T.zeros([2]))).toThrow(
      'matmul: [] x [2]: operands must have rank >= 1 (use mul for scalars)',
    );
  });
});

// The documented order, written as plainly as possible: out[i, j] starts from the p = 0 product
// and adds the products for p = 1..k-1 one at a time.
const referenceMatmul = (
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  aOffset = 0,
  bOffset = 0,
): Float64Array => {
  const at = (i: number, p: number): number => a[aOffset + (transA ? p * m + i : i * k + p)];
  const bt = (p: number, j: number): number => b[bOffset + (transB ? j * k + p : p * n + j)];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = k === 0 ? 0 : at(i, 0) * bt(0, j);
      for (let p = 1; p < k; p++) acc += at(i, p) * bt(p, j);
      out[i * n + j] = acc;
    }
  }
  return out;
};

const bits = (x: Float64Array): bigint[] =>
  Array.from(new BigUint64Array(x.buffer, x.byteOffset, x.length));

// Sizes around the 4 x 4 tile: 1, remainders 1-3, exact multiples, and a few larger ones.
const dim = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(12, 13, 16, 31, 33));
const transposes = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

describe('matmul kernels in the documented order', () => {
  it('match a plain sequential triple loop bit for bit in all four transpose cases', () => {
    fc.assert(
      fc.property(dim, fc.oneof(fc.integer({ min: 0, max: 9 }), dim), dim, (mm, k, n) => {
        // A wide exponent range, so that any reordering of the sums would change some bits.
        const a = values(mm * k, mm + 7 * k, 1e3).map((x) => x * 10 ** Math.round(x % 4));
        const b = values(k * n, n + 11 * k, 1e3).map((x) => x * 10 ** Math.round(x % 3));
        for (const [ta, tb] of transposes) {
          const out = new Float64Array(mm * n).fill(NaN);
          matmulInto(a, b, out, mm, k, n, ta, tb);
          expect(bits(out)).toEqual(bits(referenceMatmul(a, b, mm, k, n, ta, tb)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('match it at the training shapes of a 200-unit MLP', () => {
    for (const [mm, k, n, ta, tb] of [
      [750, 200, 200, false, false],
      [256, 64, 64, false, false],
      [200, 750, 200, true, false],
      [750, 200, 200, false, true],
      [63, 37, 29, true, true],
    ] as const) {
      const a = values(mm * k, 3);
      const b = values(k * n, 4);
      const out = new Float64Array(mm * n);
      matmulInto(a, b, out, mm, k, n, ta, tb);
      expect(bits(out)).toEqual(bits(referenceMatmul(a, b, mm, k, n, ta, tb)));
    }
  });

  it('keep signed zeros, NaN and Infinity as the sequential loop does', () => {
    const a = Float64Array.from([-0, 0, -0, 1, NaN, Infinity, -Infinity, 2, -0, -0, -0, -0]);
    const b = Float64Array.from([0, -0, 0, 0, -0, 1, 1e308, 1e308, -1, 0, -0, 0]);
    for (const [ta, tb] of transposes) {
      const out = new Float64Array(16);
      matmulInto(a, b, out, 4, 3, 4, ta, tb);
      expect(bits(out)).toEqual(bits(referenceMatmul(a, b, 4, 3, 4, ta, tb)));
    }
  });

  it('read and write at the offsets of every matrix in a batch', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        dim,
        fc.integer({ min: 0, max: 9 }),
        dim,
        (ba, bb, mm, k, n) => {
          // Batch [ba, bb] from a: [ba, 1] and b: [1, bb], so both operands are broadcast.
          const a = values(ba * mm * k, 5);
          const b = values(bb * k * n, 6);
          for (const [ta, tb] of transposes) {
            const out = new Float64Array(ba * bb * mm * n).fill(NaN);
            batchMatmulInto(a, [ba, 1], b, [1, bb], out, [ba, bb], mm, k, n, ta, tb);
            const want = new Float64Array(out.length);
            for (let s = 0; s < ba; s++) {
              for (let t = 0; t < bb; t++) {
                const c = referenceMatmul(a, b, mm, k, n, ta, tb, s * mm * k, t * k * n);
                want.set(c, (s * bb + t) * mm * n);
              }
            }
            expect(bits(out)).toEqual(bits(want));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

import '@hamiltonian/testing';
import fc from 'fast-check';
import * as m from 'mathjs';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';
import { matmulInto } from '../src/kernels/index.js';
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

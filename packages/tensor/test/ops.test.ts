import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';

const t = T.tensorOrThrow;

describe('smoke', () => {
  it('adds with broadcasting, reduces and multiplies matrices', () => {
    const x = t([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(T.add(x, t([10, 20, 30]))).toBeAllClose([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(T.sum(x, { axis: 0 })).toBeAllClose([5, 7, 9]);
    expect(T.matmul(x, T.transpose(x))).toBeAllClose([
      [14, 32],
      [32, 77],
    ]);
    expect(() => T.matmul(T.zeros([256, 2]), T.zeros([64, 2]))).toThrow(
      'matmul: [256,2] x [64,2]: inner dimensions 2 and 64 differ',
    );
  });
});

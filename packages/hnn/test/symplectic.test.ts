import { describe, expect, it } from 'vitest';
import { add, cube, div, mul, slice, square, sum, type Value } from '@hamiltonian/autodiff';
import { tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import '@hamiltonian/testing';
import { HNNError, symplecticGradient } from '../src/index.js';

const column = (x: Value, i: number): Value => slice(x, [0, i], [-1, 1]);

describe('symplecticGradient', () => {
  it('gives (dH/dp, -dH/dq) for an anharmonic oscillator', () => {
    // H = p^2 / 2 + q^4 / 4, so dq/dt = p and dp/dt = -q^3.
    const H = (x: Value) =>
      add(div(square(column(x, 1)), 2), div(mul(cube(column(x, 0)), column(x, 0)), 4));
    const x = tensorOrThrow([
      [0.5, -1.5],
      [2, 0.25],
    ]);
    expect(symplecticGradient(H)(x)).toBeAllClose(
      [
        [-1.5, -0.125],
        [0.25, -8],
      ],
      { rtol: 1e-15 },
    );
  });

  it('works along the last axis of states of any rank', () => {
    const H = (x: Value) => div(sum(square(x), { axis: -1 }), 2);
    const x = tensorOrThrow([
      [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ],
    ]);
    const out = symplecticGradient(H)(x) as Tensor;
    expect(out.shape).toEqual([1, 2, 4]);
    expect(Array.from(out.data)).toEqual([3, 4, -1, -2, 7, 8, -5, -6]);
  });

  it('rejects a state of odd width, naming its shape', () => {
    const H = (x: Value) => sum(x);
    expect(() => symplecticGradient(H)(tensorOrThrow([[1, 2, 3]]))).toThrow(HNNError);
    expect(() => symplecticGradient(H)(tensorOrThrow([[1, 2, 3]]))).toThrow(/\[1,3\]/);
  });
});

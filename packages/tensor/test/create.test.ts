import '@hamiltonian/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  arange,
  astype,
  eye,
  format,
  fromTypedArray,
  full,
  fullLike,
  item,
  linspace,
  ones,
  onesLike,
  scalar,
  ShapeError,
  tensor,
  tensorOrThrow,
  toArray,
  toTypedArray,
  zeros,
  zerosLike,
} from '../src/index.js';

const leftMessage = (r: E.Either<Error, unknown>): string =>
  E.isLeft(r) ? r.left.message : 'expected a Left';

describe('tensor', () => {
  it('builds a row-major tensor from nested arrays', () => {
    const x = tensorOrThrow([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.rank).toBe(2);
    expect(x.size).toBe(6);
    expect(x.dtype).toBe('float64');
    expect(Array.from(x.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('makes a scalar from a number and an empty vector from []', () => {
    expect(tensorOrThrow(3).shape).toEqual([]);
    expect(tensorOrThrow([]).shape).toEqual([0]);
    expect(tensorOrThrow([[], []]).shape).toEqual([2, 0]);
  });

  it('stores float32 when asked', () => {
    const x = tensorOrThrow([0.1], { dtype: 'float32' });
    expect(x.data).toBeInstanceOf(Float32Array);
    expect(x.data[0]).toBe(Math.fround(0.1));
  });

  it('returns a Left naming the index path of a ragged row', () => {
    expect(
      leftMessage(
        tensor([
          [1, 2, 3],
          [4, 5],
        ]),
      ),
    ).toBe('tensor: ragged nested array at [1]: expected length 3, got 2');
    expect(leftMessage(tensor([[1, 2], 3]))).toMatch(/ragged nested array at \[1\]/);
  });

  it('returns a Left naming the index path of a non-numeric entry', () => {
    expect(
      leftMessage(
        tensor([
          [1, 2],
          [3, 'a'],
        ]),
      ),
    ).toBe('tensor: non-numeric value at [1,1]: expected a number, got the string "a"');
    expect(leftMessage(tensor([[1], [[2]]]))).toMatch(/non-numeric value at \[1,0\]/);
    expect(leftMessage(tensor(null))).toMatch(/non-numeric value at \[\]/);
  });

  it('throws the same error from tensorOrThrow', () => {
    expect(() => tensorOrThrow([[1], [2, 3]])).toThrow(/ragged nested array at \[1\]/);
  });

  it('rejects an unknown dtype by name', () => {
    expect(() => tensor([1], { dtype: 'int8' as 'float32' })).toThrow(/dtype must be/);
  });
});

describe('constant constructors', () => {
  it('fill with the right values, shapes and dtypes', () => {
    expect(zeros([2, 2])).toBeAllClose([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3], { dtype: 'float32' }).dtype).toBe('float32');
    expect(full([2], 7)).toBeAllClose([7, 7]);
    expect(scalar(4).shape).toEqual([]);
    const x = zeros([2, 3], { dtype: 'float32' });
    expect(zerosLike(x).dtype).toBe('float32');
    expect(onesLike(x)).toBeAllClose(ones([2, 3]));
    expect(fullLike(x, 2).shape).toEqual([2, 3]);
  });

  it('copy the shape they are given, so later changes to the array do not leak in', () => {
    const shape = [2, 3];
    const x = zeros(shape);
    shape[0] = 5;
    expect(x.shape).toEqual([2, 3]);
  });

  it('name the bad dimension of a shape', () => {
    expect(() => zeros([2, -1])).toThrow('full: shape[1] must be a non-negative integer, got -1');
    expect(() => ones([1.5])).toThrow(/shape\[0\]/);
  });

  it('eye puts ones on the main diagonal, rectangular too', () => {
    expect(eye(2)).toBeAllClose([
      [1, 0],
      [0, 1],
    ]);
    expect(eye(2, 3)).toBeAllClose([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });
});

describe('ranges', () => {
  it('linspace includes both endpoints exactly', () => {
    expect(linspace(0, 1, 5)).toBeAllClose([0, 0.25, 0.5, 0.75, 1]);
    const x = linspace(0.1, 0.7, 7);
    expect(x.data[0]).toBe(0.1);
    expect(x.data[6]).toBe(0.7);
    expect(linspace(3, 3, 1)).toBeAllClose([3]);
    expect(linspace(0, 1, 0).shape).toEqual([0]);
    expect(() => linspace(0, 1, -1)).toThrow(/num must be a non-negative integer/);
  });

  it('linspace is symmetric: reversing the ends reverses the values', () => {
    const a = Array.from(linspace(-1.3, 2.9, 11).data);
    const b = Array.from(linspace(2.9, -1.3, 11).data).reverse();
    expect(a).toEqual(b);
  });

  it('arange follows NumPy', () => {
    expect(arange(5)).toBeAllClose([0, 1, 2, 3, 4]);
    expect(arange(1, 2, 0.25)).toBeAllClose([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 1, -2)).toBeAllClose([5, 3]);
    expect(arange(3, 1).shape).toEqual([0]);
    expect(() => arange(0, 1, 0)).toThrow(/step nonzero/);
  });
});

describe('typed arrays and conversion', () => {
  it('fromTypedArray copies and checks the size', () => {
    const src = new Float32Array([1, 2, 3, 4]);
    const x = fromTypedArray(src, [2, 2]);
    src[0] = 9;
    expect(x.data[0]).toBe(1);
    expect(x.dtype).toBe('float32');
    expect(() => fromTypedArray(new Float64Array(3), [2, 2])).toThrow(ShapeError);
    expect(() => fromTypedArray(new Float64Array(3), [2, 2])).toThrow(
      'fromTypedArray: [3] x [2,2]: 3 values do not fill shape [2,2] (4 elements)',
    );
  });

  it('toArray, item, toTypedArray and astype round trip', () => {
    const nested = [
      [1, 2],
      [3, 4],
    ];
    const x = tensorOrThrow(nested);
    expect(toArray(x)).toEqual(nested);
    expect(toArray(scalar(2))).toBe(2);
    expect(item(tensorOrThrow([[5]]))).toBe(5);
    expect(() => item(x)).toThrow('item: expected a tensor of size 1, got shape [2,2] (size 4)');
    const copy = toTypedArray(x);
    copy[0] = 100;
    expect(x.data[0]).toBe(1);
    expect(astype(x, 'float32').dtype).toBe('float32');
    expect(astype(x, 'float64')).toBe(x);
  });

  it('format shows the values and the dtype', () => {
    expect(format(tensorOrThrow([[1, 2]]))).toBe('tensor([[1, 2]], float64)');
    expect(format(arange(10))).toBe('tensor([0, 1, 2, ..., 7, 8, 9], float64)');
  });
});

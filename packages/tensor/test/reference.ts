/**
 * Plain-loop references and generators shared by the tests.
 */
import fc from 'fast-check';
import { fromTypedArray, type Shape, type Tensor } from '../src/index.js';

/** A deterministic stream of doubles in [-scale, scale) (a 32-bit LCG), for reproducible data. */
export const values = (n: number, seed = 1, scale = 3): Float64Array => {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 * scale - scale;
  }
  return out;
};

/** A float64 tensor of the given shape filled by `values`. */
export const filled = (shape: Shape, seed = 1, scale = 3): Tensor =>
  fromTypedArray(
    values(
      shape.reduce((a, b) => a * b, 1),
      seed,
      scale,
    ),
    shape,
  );

/** Every multi-index of a shape, in row-major order. */
export const indices = (shape: Shape): number[][] => {
  const out: number[][] = [];
  const idx = shape.map(() => 0);
  const n = shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < n; i++) {
    out.push(idx.slice());
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
};

/** The row-major offset of a multi-index. */
export const offset = (shape: Shape, idx: readonly number[]): number =>
  idx.reduce((acc, v, d) => acc * shape[d] + v, 0);

/** Reads `x` at the broadcast position `idx` of an output of rank `idx.length`. */
export const atBroadcast = (x: Tensor, idx: readonly number[]): number => {
  const lead = idx.length - x.rank;
  const own = x.shape.map((d, i) => (d === 1 ? 0 : idx[lead + i]));
  return x.data[offset(x.shape, own)];
};

/** A small shape: rank 0 to `maxRank`, dimensions 0 to `maxDim`. */
export const shapeArb = (maxRank = 4, maxDim = 4, minDim = 0): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: minDim, max: maxDim }), { maxLength: maxRank });

/** Two shapes that broadcast together: a common shape with some axes set to 1 or dropped. */
export const broadcastPairArb = (): fc.Arbitrary<[number[], number[]]> =>
  shapeArb(4, 3, 0).chain((shape) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
        fc.integer({ min: 0, max: shape.length }),
        fc.integer({ min: 0, max: shape.length }),
      )
      .map(([ones1, ones2, drop1, drop2]) => {
        const a = shape.map((d, i) => (ones1[i] ? 1 : d)).slice(drop1);
        const b = shape.map((d, i) => (ones2[i] ? 1 : d)).slice(drop2);
        return [a, b] as [number[], number[]];
      }),
  );

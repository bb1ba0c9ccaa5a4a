/**
 * The select kernel behind `where(cond, a, b)`, with three-way broadcasting.
 */
import type { Storage } from '../dtype.js';
import { sizeOf, type Shape } from '../shape.js';
import { broadcastStrides } from './broadcast.js';

/**
 * The per-element template of `where`: `c` nonzero (NaN counts as nonzero, as in NumPy) picks `a`.
 *
 * @example
 * whereExpr('c', 'x', 'y'); // '(c !== 0 ? x : y)'
 */
export const whereExpr = (c: string, a: string, b: string): string => `(${c} !== 0 ? ${a} : ${b})`;

/**
 * Writes `cond !== 0 ? a : b`, all three broadcast to `outShape`, into `out`.
 *
 * @example
 * whereInto(mask, [4], x, [4], y, [], out, [4]);
 */
export const whereInto = (
  c: Storage,
  cShape: Shape,
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  out: Storage,
  outShape: Shape,
): void => {
  const n = sizeOf(outShape);
  if (sizeOf(cShape) === n && sizeOf(aShape) === n && sizeOf(bShape) === n) {
    for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? a[i] : b[i];
    return;
  }
  if (n === 0) return;
  const r = outShape.length;
  const cs = broadcastStrides(cShape, outShape);
  const as = broadcastStrides(aShape, outShape);
  const bs = broadcastStrides(bShape, outShape);
  const len = outShape[r - 1];
  const sc = cs[r - 1];
  const sa = as[r - 1];
  const sb = bs[r - 1];
  const idx = new Int32Array(r);
  let ic = 0;
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += len) {
    for (let j = 0; j < len; j++)
      out[o + j] = c[ic + j * sc] !== 0 ? a[ia + j * sa] : b[ib + j * sb];
    for (let d = r - 2; d >= 0; d--) {
      idx[d]++;
      ic += cs[d];
      ia += as[d];
      ib += bs[d];
      if (idx[d] < outShape[d]) break;
      ic -= cs[d] * outShape[d];
      ia -= as[d] * outShape[d];
      ib -= bs[d] * outShape[d];
      idx[d] = 0;
    }
  }
};

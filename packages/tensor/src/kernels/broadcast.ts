/**
 * Broadcast strides: how far to move in an operand's storage per step along each output axis.
 */
import type { Shape } from '../shape.js';

/**
 * Strides of `shape` viewed at `outShape` under NumPy broadcasting: 0 along broadcast axes.
 * The result has `outShape.length` entries; `shape` must broadcast to `outShape`.
 */
export const broadcastStrides = (shape: Shape, outShape: Shape): number[] => {
  const r = outShape.length;
  const offset = r - shape.length;
  const strides = new Array<number>(r).fill(0);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d + offset] = shape[d] === 1 ? 0 : s;
    s *= shape[d];
  }
  return strides;
};

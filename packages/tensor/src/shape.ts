/**
 * Shapes: sizes, row-major strides, NumPy broadcasting and axis normalisation.
 */
import { ShapeError, TensorError } from './errors.js';

/** A tensor's dimensions, outermost first. Rank 0 (`[]`) is a scalar. */
export type Shape = readonly number[];

/**
 * The number of elements of a shape (1 for a scalar, 0 when any dimension is 0).
 *
 * @example
 * sizeOf([2, 3]); // 6
 */
export const sizeOf = (shape: Shape): number => {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
};

/**
 * Row-major strides in elements: the last axis has stride 1.
 *
 * @example
 * stridesOf([2, 3, 4]); // [12, 4, 1]
 */
export const stridesOf = (shape: Shape): number[] => {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
};

/**
 * Formats a shape compactly, as error messages show it.
 *
 * @example
 * formatShape([256, 2]); // '[256,2]'
 */
export const formatShape = (shape: Shape): string => `[${shape.join(',')}]`;

/**
 * True when two shapes have the same rank and dimensions.
 *
 * @example
 * shapesEqual([2, 3], [2, 3]); // true
 */
export const shapesEqual = (a: Shape, b: Shape): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Validates a shape given by a caller (every dimension a non-negative integer) and returns a
 * copy the caller cannot change afterwards. Throws a `TensorError` naming the op, the argument
 * and the bad dimension.
 */
export const checkShape = (op: string, shape: Shape, arg = 'shape'): Shape => {
  if (!Array.isArray(shape)) {
    throw new TensorError(`${op}: ${arg} must be an array of dimensions, got ${String(shape)}`);
  }
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (!Number.isInteger(d) || d < 0) {
      throw new TensorError(
        `${op}: ${arg}[${i}] must be a non-negative integer, got ${String(d)} in ` +
          `[${shape.join(',')}]`,
      );
    }
  }
  return shape.slice();
};

/**
 * The shape two operands broadcast to under NumPy's rules: align trailing axes; each pair of
 * dimensions must be equal or one of them 1.
 *
 * Throws a `ShapeError` naming the op and both shapes.
 *
 * @example
 * broadcastShapes('add', [256, 64], [64]); // [256, 64]
 */
export const broadcastShapes = (op: string, a: Shape, b: Shape): Shape => {
  if (shapesEqual(a, b)) return a;
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 1; i <= rank; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        op,
        [a, b],
        `cannot broadcast: axis -${i} has sizes ${da} and ${db} (each must match or be 1)`,
      );
    }
    out[rank - i] = da === 1 ? db : da;
  }
  return out;
};

/**
 * Validates axes against a rank and returns them non-negative, sorted and unique.
 * `undefined` means every axis; negative axes count from the end.
 *
 * Throws a `TensorError` for a non-integer, out-of-range or repeated axis.
 *
 * @example
 * normalizeAxes('sum', -1, 3); // [2]
 * normalizeAxes('sum', undefined, 2); // [0, 1]
 */
export const normalizeAxes = (
  op: string,
  axes: number | readonly number[] | undefined,
  rank: number,
): number[] => {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const seen = new Array<boolean>(rank).fill(false);
  for (const axis of list) {
    const a = normalizeAxis(op, axis, rank);
    if (seen[a]) throw new TensorError(`${op}: axis ${axis} appears more than once in the axes`);
    seen[a] = true;
  }
  const out: number[] = [];
  for (let i = 0; i < rank; i++) if (seen[i]) out.push(i);
  return out;
};

/**
 * Validates one axis against a rank (`-rank <= axis < rank`) and returns it non-negative.
 *
 * @example
 * normalizeAxis('concat', -1, 2); // 1
 */
export const normalizeAxis = (op: string, axis: number, rank: number, arg = 'axis'): number => {
  if (!Number.isInteger(axis)) {
    throw new TensorError(`${op}: ${arg} must be an integer, got ${String(axis)}`);
  }
  if (axis < -rank || axis >= rank) {
    throw new TensorError(
      `${op}: ${arg} ${axis} is out of range for rank ${rank} (expected ${-rank} to ${rank - 1})`,
    );
  }
  return axis < 0 ? axis + rank : axis;
};

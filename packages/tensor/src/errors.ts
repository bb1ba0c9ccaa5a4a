/**
 * Typed errors. A `ShapeError` means the shapes of the operands do not fit the op; a
 * `TensorError` means a value is wrong (an argument, an index, a disposed tensor).
 */

const showShape = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/**
 * Thrown when operand shapes do not fit an op. The message names the op and every shape,
 * e.g. `matmul: [256,2] x [64,2]: inner dimensions 2 and 64 differ`.
 *
 * @example
 * try { matmul(a, b); } catch (e) { if (e instanceof ShapeError) console.log(e.op, e.shapes); }
 */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';

  constructor(
    readonly op: string,
    readonly shapes: readonly (readonly number[])[],
    detail: string,
  ) {
    super(`${op}: ${shapes.map(showShape).join(' x ')}: ${detail}`);
  }
}

/**
 * Thrown (or returned in a `Left`) for bad values: a non-integer axis, an index out of range,
 * a ragged nested array, a tensor used after its scope ended.
 *
 * @example
 * item(zeros([2])); // throws TensorError('item: expected a tensor of size 1, got shape [2]')
 */
export class TensorError extends Error {
  override readonly name = 'TensorError';
}

/** An invariant of this package broke: a bug here, not a mistake of the caller. */
export const internalError = (detail: string): TensorError =>
  new TensorError(`internal: ${detail}`);

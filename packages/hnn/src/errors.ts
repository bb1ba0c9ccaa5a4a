/**
 * The error class of the hnn package. Messages name the argument, what arrived and what was
 * expected; broken invariants say `internal:`.
 */

/**
 * Thrown for a model, state or parameter vector that does not fit: an odd input width, a
 * Hamiltonian network whose output is not one scalar, a state of the wrong width.
 *
 * @example
 * try { HamiltonianNN(Chain(Dense(3, 8), Dense(8, 1)), { key: random.key(0) }); }
 * catch (e) { if (e instanceof HNNError) console.error(e.message); } // odd width 3
 */
export class HNNError extends Error {
  override readonly name = 'HNNError';
}

/** Formats a shape as `[2,64]`, as the tensor and nn packages do. */
export const showShape = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/** A short description of a value for error messages. */
export const describe = (x: unknown): string => {
  if (x === null || x === undefined) return String(x);
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (typeof x === 'object' && 'shape' in x) {
    return `a value of shape ${showShape((x as { shape: number[] }).shape)}`;
  }
  return typeof x === 'number' ? String(x) : `a ${typeof x}`;
};

/**
 * The error class of the nn package. Messages name the argument, what arrived and what was
 * expected; broken invariants of this package say `internal:`.
 */

/**
 * Thrown for a bad argument to a layer, loss, optimiser, data loader or `train`: an input of the
 * wrong width, layers that do not fit together, a batch size that is not a positive integer.
 *
 * @example
 * try { model(x, params); } catch (e) { if (e instanceof NNError) console.error(e.message); }
 */
export class NNError extends Error {
  override readonly name = 'NNError';
}

/** Formats a shape as `[2,64]`, as the tensor package does. */
export const showShape = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/** True for an integer >= 1. */
export const isPositiveInteger = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1;

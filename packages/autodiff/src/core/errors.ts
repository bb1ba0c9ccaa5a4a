/**
 * Error classes of the autodiff package. Each names what arrived, what was expected and what to
 * try, so a user can tell their mistake from a bug (bugs say `internal:`).
 */

/** A transform was applied to a function or argument it cannot handle. */
export class TransformError extends Error {
  override readonly name = 'TransformError';
}

/** A pytree held a leaf that is not a tensor, traced value or number. */
export class TreeError extends Error {
  override readonly name = 'TreeError';
}

/** A traced value was used outside the transform that created it, or read concretely in `jit`. */
export class TracerError extends Error {
  override readonly name = 'TracerError';
}

/** A broken invariant: a bug in this package, not a user mistake. */
export const internal = (what: string): Error => new Error(`internal: ${what}`);

/**
 * Error classes of the ode package. Numerical failure is never thrown (it is a `retcode`); these
 * are for problems that cannot be solved as posed, found before the first step.
 */

/**
 * A problem, option or vector field that cannot be used as given. The message names the
 * argument, what arrived, what was expected and what to try.
 *
 * @example
 * try { solve(prob, Euler(), {}) } catch (e) { e instanceof ODEInputError } // dt missing
 */
export class ODEInputError extends Error {
  override readonly name = 'ODEInputError';
}

/**
 * A combination that is not supported (yet), stated where users meet it; the README's feature
 * table lists the same gaps.
 *
 * @example
 * // Thrown when a callback changes u while gradients are being taken.
 */
export class ODEUnsupportedError extends Error {
  override readonly name = 'ODEUnsupportedError';
}

/** Thrown by `solveOrThrow` when the solve ends with a failure code. */
export class ODESolveError extends Error {
  override readonly name = 'ODESolveError';
}

/** A broken invariant: a bug in this package, not a user mistake. */
export const internal = (what: string): Error => new Error(`internal: ${what}`);

/** A short description of a value for error messages. */
export const describe = (x: unknown): string => {
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (typeof x === 'number') return String(x);
  if (typeof x === 'string') return JSON.stringify(x);
  if (Array.isArray(x)) return `array of length ${x.length}`;
  if (ArrayBuffer.isView(x)) return `${x.constructor.name} of length ${(x as Float64Array).length}`;
  if (typeof x === 'object' && 'shape' in x) {
    return `tensor of shape [${(x as { shape: readonly number[] }).shape.join(', ')}]`;
  }
  return typeof x === 'object' ? (x.constructor?.name ?? 'object') : typeof x;
};

/**
 * What the solve loop needs from a method: attempt a step, estimate its error, and interpolate
 * inside the last accepted step. Runge-Kutta and symplectic methods implement it once each,
 * generically over `StateOps`.
 */

/** Interpolation data of one accepted step, kept for `sol.at(t)` when `dense` is on. */
export interface StepRecord<S> {
  readonly t0: number;
  readonly dt: number;
  readonly u0: S;
  readonly u1: S;
  readonly ks: readonly S[];
}

/** A method bound to a problem's state operations. */
export interface Stepper<S> {
  readonly order: number;
  /**
   * Prepares the first step at (u, t), given f(u, t) when it is already known; called again
   * (without it) after a callback changes u.
   */
  start(u: S, t: number, f0?: S): void;
  /** Attempts a step of size `dt`; the stepper owns the returned state until `advance`. */
  attempt(u: S, t: number, dt: number): S;
  /** Scaled RMS error of the last attempt (primal values; adaptive methods only). */
  error(u: S, u1: S, dt: number, abstol: number, reltol: number): number;
  /** Completes an accepted step ending at (u1, t1): evaluates what interpolation needs. */
  finish(u1: S, t1: number): void;
  /** The state at `t0 + theta dt` inside the last accepted step. */
  interpolate(out: S, u0: S, u1: S, dt: number, theta: number): S;
  /** Coefficient vectors of the last accepted step's interpolant, for `pushPolynomial`. */
  denseCoefficients(u0: S, u1: S, dt: number): readonly S[];
  /** The same, on plain values (event location), never differentiated. */
  interpolatePrimal(out: Float64Array, u0: S, u1: S, dt: number, theta: number): Float64Array;
  /** Copies of the k vectors of the last accepted step, for dense output. */
  record(): readonly S[];
  /** Interpolates from a stored record. */
  interpolateRecord(out: S, rec: StepRecord<S>, theta: number): S;
  /** Takes back the previous state's buffer after the loop adopted the new state. */
  advance(oldU: S): void;
}

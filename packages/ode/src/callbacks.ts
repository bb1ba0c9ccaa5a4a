/**
 * Callbacks, as in DiffEqCallbacks: a `DiscreteCallback` checks a condition after every step; a
 * `ContinuousCallback` locates the zero crossings of a function of the state on the method's
 * dense interpolant, so events land between steps at the accuracy of the solution.
 */

/**
 * What a callback sees of the running solve. `u` is a private copy of the state's values:
 * writing to it changes the state when the callback returns (not supported while taking
 * gradients). `terminate()` ends the solve with retcode `Terminated`.
 */
export interface Integrator {
  readonly t: number;
  readonly u: Float64Array;
  readonly p: unknown;
  terminate(): void;
}

/** Checked after every accepted step. */
export interface DiscreteCallback {
  readonly kind: 'discrete';
  readonly condition: (u: Float64Array, t: number, integrator: Integrator) => boolean;
  readonly affect: (integrator: Integrator) => void;
}

/** Fires where `condition` crosses zero. */
export interface ContinuousCallback {
  readonly kind: 'continuous';
  readonly condition: (u: Float64Array, t: number, integrator: Integrator) => number;
  /** Called at upcrossings (condition goes from negative to positive). */
  readonly affect: (integrator: Integrator) => void;
  /** Called at downcrossings; `null` ignores them. Defaults to `affect`. */
  readonly affectNeg: ((integrator: Integrator) => void) | null;
  /**
   * After an event, crossings in the first `repeatNudge` fraction of the next step are ignored,
   * so a state left exactly on the surface does not fire again. OrdinaryDiffEq's default 1/100.
   */
  readonly repeatNudge: number;
}

/** Any callback. */
export type Callback = DiscreteCallback | ContinuousCallback;

/**
 * A callback run after every accepted step where `condition` holds.
 *
 * Pitfall: it sees step ends only; to act at a given time, also list that time in `tstops`.
 *
 * @example
 * const stopAt = DiscreteCallback((u) => u[0]! < 0.1, (i) => i.terminate());
 * solve(prob, Tsit5(), { callback: stopAt });
 */
export const DiscreteCallback = (
  condition: DiscreteCallback['condition'],
  affect: DiscreteCallback['affect'],
): DiscreteCallback => ({ kind: 'discrete', condition, affect });

/**
 * An event at each zero of `condition(u, t)`, found by Illinois root finding on the dense
 * interpolant between steps.
 *
 * Pitfall: two zeros inside one step cancel out and go unseen; bound dtmax if events are close.
 *
 * @example
 * // A ball that bounces with restitution 0.9: u = [height, velocity].
 * const bounce = ContinuousCallback(
 *   (u) => u[0]!,
 *   (i) => { i.u[1] = -0.9 * i.u[1]!; },
 * );
 */
export const ContinuousCallback = (
  condition: ContinuousCallback['condition'],
  affect: ContinuousCallback['affect'],
  options: {
    readonly affectNeg?: ContinuousCallback['affectNeg'];
    readonly repeatNudge?: number;
  } = {},
): ContinuousCallback => ({
  kind: 'continuous',
  condition,
  affect,
  affectNeg: options.affectNeg === undefined ? affect : options.affectNeg,
  repeatNudge: options.repeatNudge ?? 1 / 100,
});

/**
 * A list of callbacks, run in order; the earliest continuous event in a step wins.
 *
 * @example
 * solve(prob, Tsit5(), { callback: CallbackSet(bounce, stopAt) });
 */
export const CallbackSet = (...callbacks: readonly Callback[]): readonly Callback[] => callbacks;

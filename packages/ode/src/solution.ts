/**
 * `ODESolution`: the saved times and states of a solve, its return code and statistics, and
 * evaluation at any time inside the span.
 */
import type { Value } from '@hamiltonian/autodiff';
import { ODEInputError } from './errors.js';
import type { SavedTimes, Stats } from './integrator/integrate.js';
import { retcodeMessage, successfulRetcode, type ReturnCode } from './retcode.js';

/** What a solution needs from the solve that made it (internal). */
export interface SolutionBackend {
  /** The saved state i as a value of the problem's state shape. */
  state(i: number): Value;
  /** The state at time t, on the dense interpolant or linearly between saved points. */
  interpolate(t: number): Value;
  /** All saved states stacked into one value of shape [nt, ...stateShape]. */
  stacked(): Value;
  /** The time range the interpolant covers. */
  readonly span: readonly [number, number];
}

/**
 * The result of `solve`. A failed solve still returns one: check `retcode` (or use
 * `solveOrThrow`), and the states up to the failure are kept.
 *
 * Pitfall: with `dense: false` (the default when `saveat` is given), `at(t)` interpolates
 * linearly between saved points; pass `dense: true` for the method's interpolant.
 *
 * @example
 * const sol = solve(prob, Tsit5());
 * sol.retcode; // 'Success'
 * sol.t.length === sol.u.length; // true
 * sol.at(0.5); // the state at t = 0.5
 */
export class ODESolution {
  readonly #backend: SolutionBackend;
  readonly #times: SavedTimes;
  #u: Value[] | null = null;

  constructor(
    times: SavedTimes,
    /** How the solve ended. */
    readonly retcode: ReturnCode,
    /** Evaluations of f, accepted and rejected steps. */
    readonly stats: Readonly<Stats>,
    /** The method's name. */
    readonly alg: string,
    backend: SolutionBackend,
  ) {
    this.#backend = backend;
    this.#times = times;
  }

  /** Saved times, in the direction of integration. */
  get t(): readonly number[] {
    return this.#times.array();
  }

  /** The saved states, each shaped like u0 (`[v; u]` flat for partitioned problems). */
  get u(): readonly Value[] {
    this.#u ??= this.t.map((_, i) => this.#backend.state(i));
    return this.#u;
  }

  /** A sentence on how the solve ended, naming the remedy for failures. */
  get message(): string {
    return retcodeMessage(this.retcode, this.#times.last() ?? NaN);
  }

  /** True for `Success` and `Terminated`. */
  get successful(): boolean {
    return successfulRetcode(this.retcode);
  }

  /**
   * The state at time `t`, which must lie inside the solved span. Uses the method's dense
   * interpolant when the solve kept it (`dense`, the default without `saveat`).
   */
  at(t: number): Value {
    const [a, b] = this.#backend.span;
    if (!(Math.min(a, b) <= t && t <= Math.max(a, b))) {
      throw new ODEInputError(
        `ODESolution.at: t = ${t} is outside the solved span [${a}, ${b}]; the solution ` +
          'cannot extrapolate',
      );
    }
    return this.#backend.interpolate(t);
  }

  /** All saved states as one value of shape [nt, ...stateShape]. */
  toTensor(): Value {
    return this.#backend.stacked();
  }
}

/**
 * The small arithmetic interface every stepper is written against.
 *
 * It has two implementations: `Float64Ops` works in place on preallocated `Float64Array`s (the
 * fast path, taken when nothing is traced), and `ValueOps` builds new autodiff values (taken
 * when `u0`, `p` or the vector field carry tracers), so gradients flow through the steps. The
 * convention that makes one stepper serve both: an operation receives an `out` buffer and
 * returns the result; the fast path writes into `out` and returns it, the traced path ignores
 * `out`. Callers always keep the returned value.
 *
 * Step-size control and event location read `primal(x)` only: they steer the computation but
 * are never differentiated (discrete sensitivity of the steps actually taken).
 */
import type { MonomialInterpolant } from './interpolation.js';

export interface StateOps<S> {
  /** The number of scalar entries of a state. */
  readonly n: number;
  /** States are plain `Float64Array`s, so `primal` is the identity. */
  readonly plain: boolean;
  /** A work buffer (the traced path may return a placeholder). */
  alloc(): S;
  /** The solve is over: work buffers may be reused; later `alloc`s return fresh ones. */
  release(): void;
  /** `u + h * sum_j coeffs[j] ks[j]`, over the first `coeffs.length` ks; zero coeffs skipped. */
  axpy(out: S, u: S, h: number, coeffs: readonly number[], ks: readonly S[]): S;
  /**
   * `axpy` specialised to one row of coefficients, for rows used every step (the fast path
   * generates straight-line code; the traced path returns a closure over `axpy`).
   */
  combination(coeffs: readonly number[]): (out: S, u: S, h: number, ks: readonly S[]) => S;
  /**
   * Forms the coefficient vectors of a dense-output polynomial for one step, writing into `cs`
   * (fast path) or replacing its entries (traced path).
   */
  denseCoefficients(
    m: MonomialInterpolant,
  ): (cs: S[], u0: S, u1: S, dt: number, ks: readonly S[]) => void;
  /** `w0 u0 + w1 u1 + h * sum_j coeffs[j] ks[j]`: the form of every dense interpolant. */
  combine(
    out: S,
    w0: number,
    u0: S,
    w1: number,
    u1: S,
    h: number,
    coeffs: readonly number[],
    ks: readonly S[],
  ): S;
  /** `sum_m cs[m] theta^m`, by Horner's rule: evaluating a dense-output polynomial. */
  horner(out: S, cs: readonly S[], theta: number): S;
  /** The vector field at (u, t). */
  f(out: S, u: S, t: number): S;
  /** The field on plain values, written into `out`: for the initial step-size heuristic. */
  fPrimal(out: Float64Array, u: Float64Array, t: number): void;
  /** A plain work array of the state's length. */
  scratch(): Float64Array;
  /** The concrete values, for error control, events and output. Must not be written to. */
  primal(x: S): Float64Array;
  /** A copy that later in-place work cannot change (the traced path returns `x` itself). */
  snapshot(x: S): S;
  /** A state from concrete values, as after a callback changed `u` (fast path only). */
  fromPrimal(values: Float64Array): S;
  /** An empty store for saved states, sized for `capacity` of them (it grows if needed). */
  store(capacity: number): StateStore<S>;
}

/**
 * Saved states. The fast path copies them into one growing array, so saving a thousand output
 * points allocates a handful of buffers rather than a thousand small ones.
 */
export interface StateStore<S> {
  readonly length: number;
  push(x: S): void;
  /**
   * Pushes the dense-output points `sum_m cs[m] theta^m` at theta = (times[k] - t0) / dt for
   * k in [from, to), evaluated straight into the store.
   */
  pushPolynomial(
    cs: readonly S[],
    times: readonly number[],
    from: number,
    to: number,
    t0: number,
    dt: number,
  ): void;
  /** State i; on the fast path a view into the store, valid once saving is over. */
  get(i: number): S;
}

/**
 * Extra operations of partitioned problems whose state is `[v; u]`: `dv/dt = f1(v, u, t)`,
 * `du/dt = f2(v, u, t)`. Used by the symplectic steppers.
 */
export interface PartitionedOps<S> extends StateOps<S> {
  /** `[v; u + h f2(v, u, t)]`. */
  drift(out: S, x: S, h: number, t: number): S;
  /** `[v + h f1(v, u, t); u]`. */
  kick(out: S, x: S, h: number, t: number): S;
}

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
export interface StateOps<S> {
  /** The number of scalar entries of a state. */
  readonly n: number;
  /** A fresh buffer (the traced path may return a placeholder). */
  alloc(): S;
  /** `u + h * sum_j coeffs[j] ks[j]`, over the first `coeffs.length` ks; zero coeffs skipped. */
  axpy(out: S, u: S, h: number, coeffs: readonly number[], ks: readonly S[]): S;
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
  /** The vector field at (u, t). */
  f(out: S, u: S, t: number): S;
  /** The concrete values, for error control, events and output. Must not be written to. */
  primal(x: S): Float64Array;
  /** A copy that later in-place work cannot change (the traced path returns `x` itself). */
  snapshot(x: S): S;
  /** A state from concrete values, as after a callback changed `u` (fast path only). */
  fromPrimal(values: Float64Array): S;
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

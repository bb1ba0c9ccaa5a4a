/**
 * Per-step polynomial coefficients of a stepper's interpolant, formed on first use inside a
 * step and reused for every output point there (see `interpolation.ts`).
 */
import { columns, type MonomialInterpolant } from './interpolation.js';
import type { StateOps } from './state-ops.js';

/** The coefficient vectors of the current step, invalidated whenever the step changes. */
export class DenseCache<S> {
  private readonly cs: S[];
  private readonly columns: readonly (readonly number[])[];
  private valid = false;

  constructor(
    private readonly ops: StateOps<S>,
    private readonly m: MonomialInterpolant,
  ) {
    // A plain loop: Array.from on an array-like measured slower than the rest of the setup.
    this.cs = [];
    for (let p = 0; p <= m.degree; p++) this.cs.push(ops.alloc());
    this.columns = columns(m);
  }

  /** Forget the coefficients: the step they belong to is over or was retried. */
  invalidate(): void {
    this.valid = false;
  }

  /** The coefficient vectors of u(theta) for the step from u0 to u1 of size dt. */
  coefficients(u0: S, u1: S, dt: number, ks: readonly S[]): readonly S[] {
    const { ops, m, cs } = this;
    if (!this.valid) {
      for (let p = 0; p <= m.degree; p++) {
        const [w0, w1] = [m.w0[p] as number, m.w1[p] as number];
        cs[p] = ops.combine(cs[p] as S, w0, u0, w1, u1, dt, this.columns[p] as number[], ks);
      }
      this.valid = true;
    }
    return cs;
  }

  /** u(theta) for the step from u0 to u1 of size dt with k vectors ks. */
  evaluate(out: S, u0: S, u1: S, dt: number, ks: readonly S[], theta: number): S {
    return this.ops.horner(out, this.coefficients(u0, u1, dt, ks), theta);
  }
}

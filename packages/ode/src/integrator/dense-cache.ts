/**
 * Per-step polynomial coefficients of a stepper's interpolant, formed on first use inside a
 * step and reused for every output point there (see `interpolation.ts`).
 */
import type { MonomialInterpolant } from './interpolation.js';
import type { StateOps } from './state-ops.js';

/** The coefficient vectors of the current step, invalidated whenever the step changes. */
export class DenseCache<S> {
  private readonly cs: S[];
  private readonly fill: (cs: S[], u0: S, u1: S, dt: number, ks: readonly S[]) => void;
  private valid = false;

  constructor(
    private readonly ops: StateOps<S>,
    m: MonomialInterpolant,
  ) {
    // A plain loop: Array.from on an array-like measured slower than the rest of the setup.
    this.cs = [];
    for (let p = 0; p <= m.degree; p++) this.cs.push(ops.alloc());
    this.fill = ops.denseCoefficients(m);
  }

  /** Forget the coefficients: the step they belong to is over or was retried. */
  invalidate(): void {
    this.valid = false;
  }

  /** The coefficient vectors of u(theta) for the step from u0 to u1 of size dt. */
  coefficients(u0: S, u1: S, dt: number, ks: readonly S[]): readonly S[] {
    const { cs } = this;
    if (!this.valid) {
      this.fill(cs, u0, u1, dt, ks);
      this.valid = true;
    }
    return cs;
  }

  /** u(theta) for the step from u0 to u1 of size dt with k vectors ks. */
  evaluate(out: S, u0: S, u1: S, dt: number, ks: readonly S[], theta: number): S {
    return this.ops.horner(out, this.coefficients(u0, u1, dt, ks), theta);
  }
}

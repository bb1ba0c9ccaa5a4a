/**
 * Hairer's initial step-size heuristic (Hairer, Norsett, Wanner, Solving ODEs I, II.4), in the
 * form OrdinaryDiffEq's `ode_determine_initdt` uses: guess a step from the sizes of u0 and
 * f(u0), take one Euler step to estimate the second derivative, and pick the step whose local
 * error of order `order` would be 1% of the tolerance.
 */
import { rmsScaled } from './error-norm.js';

/** What the heuristic needs from the problem; `field.fPrimal` writes f(u, t) into `out`. */
export interface InitialDtInput {
  readonly u0: Float64Array;
  readonly f0: Float64Array;
  readonly t0: number;
  readonly tdir: number;
  readonly order: number;
  readonly abstol: number;
  readonly reltol: number;
  readonly dtmax: number;
  readonly field: { fPrimal(out: Float64Array, u: Float64Array, t: number): void };
  /** Two work arrays of the state's length. */
  readonly scratch: readonly [Float64Array, Float64Array];
}

/**
 * A signed first step. Returns NaN when f(u0) is not finite, which the solver reports as
 * `DtNaN`.
 */
export const initialDt = (x: InitialDtInput): number => {
  const n = x.u0.length;
  // Plain arrays: these few are allocated once per solve, where typed arrays cost more.
  const sk: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) sk[i] = x.abstol + Math.abs(x.u0[i] as number) * x.reltol;
  const d0 = rmsScaled(x.u0, sk);
  const d1 = rmsScaled(x.f0, sk);
  if (!Number.isFinite(d1)) return NaN;
  let dt0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  dt0 = Math.min(dt0, Math.abs(x.dtmax));
  if (dt0 < 10 * Number.EPSILON) return x.tdir * 1e-6;

  const u1 = x.scratch[0] as Float64Array;
  for (let i = 0; i < n; i++) u1[i] = (x.u0[i] as number) + x.tdir * dt0 * (x.f0[i] as number);
  const f1 = x.scratch[1] as Float64Array;
  x.field.fPrimal(f1, u1, x.t0 + x.tdir * dt0);
  const df: number[] = new Array<number>(n);
  let constant = true;
  for (let i = 0; i < n; i++) {
    df[i] = (f1[i] as number) - (x.f0[i] as number);
    if (df[i] !== 0) constant = false;
  }
  // A field that did not change along the Euler step says nothing about curvature.
  if (constant) return x.tdir * Math.min(100 * dt0, Math.abs(x.dtmax));
  const d2 = rmsScaled(df, sk) / dt0;

  const m = Math.max(d1, d2);
  const dt1 = m <= 1e-15 ? Math.max(1e-6, dt0 * 1e-3) : Math.pow(0.01 / m, 1 / x.order);
  return x.tdir * Math.min(100 * dt0, dt1, Math.abs(x.dtmax));
};

/**
 * Dense output: every interpolant here is written as `w0 u0 + w1 u1 + dt * sum_j b_j(theta) k_j`,
 * so one `combine` serves the Tsit5 polynomial, Dormand-Prince's continuous extension and the
 * cubic Hermite fallback, on plain arrays and on autodiff values alike.
 */
import type { ExplicitRKTableau, Interpolant } from '../tableaus/types.js';

/** Weights of one evaluation; `b` pairs with the interval's k vectors. */
export interface InterpWeights {
  w0: number;
  w1: number;
  readonly b: number[];
}

/** Scratch weights sized for an interpolant, reused across evaluations. */
export const makeWeights = (interp: Interpolant, stages: number): InterpWeights => ({
  w0: 1,
  w1: 0,
  b: new Array<number>(interp.kind === 'hermite' ? 2 : stages).fill(0),
});

/**
 * Cubic Hermite through (u0, f0) and (u1, f1), with k vectors `[f0, f1]`:
 * u(theta) = (1-theta) u0 + theta u1
 *          + theta (theta-1) [(1-2 theta)(u1-u0) + (theta-1) dt f0 + theta dt f1].
 */
const hermite = (w: InterpWeights, theta: number): void => {
  const s = theta * (theta - 1) * (1 - 2 * theta);
  w.w0 = 1 - theta - s;
  w.w1 = theta + s;
  w.b[0] = theta * (theta - 1) * (theta - 1);
  w.b[1] = theta * theta * (theta - 1);
};

/** b_i(theta) = sum_j coeffs[i][j] theta^(j+1), by Horner's rule. */
const polynomial = (w: InterpWeights, coeffs: readonly (readonly number[])[], theta: number) => {
  w.w0 = 1;
  w.w1 = 0;
  for (let i = 0; i < coeffs.length; i++) {
    const row = coeffs[i] as readonly number[];
    let acc = 0;
    for (let j = row.length - 1; j >= 0; j--) acc = acc * theta + (row[j] as number);
    w.b[i] = acc * theta;
  }
};

/**
 * Hairer's `contd5` for DP5, expanded into stage weights. With r2 = u1 - u0 = dt sum b_i k_i,
 * u(theta) = u0 + theta r2 + theta(1-theta)(dt k1 - r2)
 *          + theta^2 (1-theta)(2 r2 - dt k1 - dt k7) + theta^2 (1-theta)^2 dt sum d_i k_i.
 */
const dormandPrince = (
  w: InterpWeights,
  b: readonly number[],
  d: readonly number[],
  theta: number,
): void => {
  const t1 = 1 - theta;
  const onR2 = theta - theta * t1 + 2 * theta * theta * t1;
  const onK1 = theta * t1 - theta * theta * t1;
  const onK7 = -theta * theta * t1;
  const onD = theta * theta * t1 * t1;
  w.w0 = 1;
  w.w1 = 0;
  for (let i = 0; i < b.length; i++) w.b[i] = (b[i] as number) * onR2 + (d[i] as number) * onD;
  w.b[0] = (w.b[0] as number) + onK1;
  const last = b.length - 1;
  w.b[last] = (w.b[last] as number) + onK7;
};

/** Fills `w` with the weights of the tableau's interpolant at `theta` in [0, 1]. */
export const interpWeights = (w: InterpWeights, tab: ExplicitRKTableau, theta: number): void => {
  const interp = tab.interpolant;
  if (interp.kind === 'hermite') hermite(w, theta);
  else if (interp.kind === 'polynomial') polynomial(w, interp.coeffs, theta);
  else dormandPrince(w, tab.b, interp.d, theta);
};

/** Hermite weights for steppers without a tableau (symplectic methods). */
export const hermiteWeights = hermite;

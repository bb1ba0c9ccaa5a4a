/**
 * Dense output. Every interpolant here is a polynomial in theta = (t - t0) / dt of degree <= 4
 * whose coefficients are linear combinations of the step's end points and stages:
 *
 *   u(theta) = sum_m theta^m (w0[m] u0 + w1[m] u1 + dt sum_i b[i][m] k_i).
 *
 * Writing all of them in this monomial form lets one code path serve Tsit5's polynomial,
 * Dormand-Prince's continuous extension and cubic Hermite: per step, the coefficient vectors
 * are formed once (when output is needed inside it), and each output point is then a Horner
 * evaluation, a few operations per entry, as in Hairer's `contd5`.
 */
import type { ExplicitRKTableau, Interpolant } from '../tableaus/types.js';

/** An interpolant in monomial form; `b` has one row per k vector it pairs with. */
export interface MonomialInterpolant {
  readonly degree: number;
  readonly w0: readonly number[];
  readonly w1: readonly number[];
  readonly b: readonly (readonly number[])[];
}

/**
 * Cubic Hermite through (u0, f0) and (u1, f1), k vectors [f0, f1]: the basis polynomials
 * h00 = 1 - 3 t^2 + 2 t^3, h01 = 3 t^2 - 2 t^3, h10 = t - 2 t^2 + t^3, h11 = -t^2 + t^3.
 */
export const HERMITE: MonomialInterpolant = {
  degree: 3,
  w0: [1, 0, -3, 2],
  w1: [0, 0, 3, -2],
  b: [
    [0, 1, -2, 1],
    [0, 0, -1, 1],
  ],
};

/**
 * Hairer's `contd5` for DP5 expanded in theta. With r2 = u1 - u0 = dt sum b_i k_i it reads
 * u0 + theta r2 + theta(1-theta)(dt k1 - r2) + theta^2(1-theta)(2 r2 - dt k1 - dt k7)
 *    + theta^2 (1-theta)^2 dt sum d_i k_i, so that stage i weighs
 * b_i (3 t^2 - 2 t^3) + [i=1](t - 2 t^2 + t^3) - [i=7](t^2 - t^3) + d_i (t^2 - 2 t^3 + t^4).
 */
const dormandPrince = (b: readonly number[], d: readonly number[]): MonomialInterpolant => ({
  degree: 4,
  w0: [1, 0, 0, 0, 0],
  w1: [0, 0, 0, 0, 0],
  b: b.map((bi, i) => {
    const di = d[i] as number;
    const row = [0, 0, 3 * bi + di, -2 * bi - 2 * di, di];
    if (i === 0) [row[1], row[2], row[3]] = [1, (row[2] as number) - 2, (row[3] as number) + 1];
    if (i === b.length - 1) [row[2], row[3]] = [(row[2] as number) - 1, (row[3] as number) + 1];
    return row;
  }),
});

/** A polynomial interpolant given as b_i(theta) = sum_j coeffs[i][j] theta^(j+1). */
const polynomial = (coeffs: readonly (readonly number[])[]): MonomialInterpolant => {
  const degree = Math.max(...coeffs.map((row) => row.length));
  const zeros = new Array<number>(degree + 1).fill(0);
  return {
    degree,
    w0: [1, ...zeros.slice(1)],
    w1: zeros,
    b: coeffs.map((row) => [0, ...row, ...zeros.slice(row.length + 1)]),
  };
};

const monomials = new WeakMap<ExplicitRKTableau, MonomialInterpolant>();

const convert = (interp: Interpolant, tab: ExplicitRKTableau): MonomialInterpolant => {
  if (interp.kind === 'hermite') return HERMITE;
  if (interp.kind === 'polynomial') return polynomial(interp.coeffs);
  return dormandPrince(tab.b, interp.d);
};

/** The monomial form of a tableau's interpolant, converted once per tableau. */
export const monomialOf = (tab: ExplicitRKTableau): MonomialInterpolant => {
  let m = monomials.get(tab);
  if (m === undefined) monomials.set(tab, (m = convert(tab.interpolant, tab)));
  return m;
};

/** Weights of one evaluation at theta, for `combine`; `b` pairs with the k vectors. */
export interface InterpWeights {
  w0: number;
  w1: number;
  readonly b: number[];
}

/** Scratch weights for an interpolant. */
export const makeWeights = (m: MonomialInterpolant): InterpWeights => ({
  w0: 1,
  w1: 0,
  b: new Array<number>(m.b.length).fill(0),
});

const horner = (cs: readonly number[], theta: number): number => {
  let acc = 0;
  for (let j = cs.length - 1; j >= 0; j--) acc = acc * theta + (cs[j] as number);
  return acc;
};

/** Fills `w` with the weights of the interpolant at `theta`. */
export const interpWeights = (w: InterpWeights, m: MonomialInterpolant, theta: number): void => {
  w.w0 = horner(m.w0, theta);
  w.w1 = horner(m.w1, theta);
  for (let i = 0; i < m.b.length; i++) w.b[i] = horner(m.b[i] as number[], theta);
};

const columnCache = new WeakMap<MonomialInterpolant, number[][]>();

/** The columns of the stage weights: `columns(m)[p][i]` multiplies theta^p for k vector i. */
export const columns = (m: MonomialInterpolant): readonly (readonly number[])[] => {
  let cols = columnCache.get(m);
  if (cols === undefined) {
    cols = Array.from({ length: m.degree + 1 }, (_, p) => m.b.map((row) => row[p] ?? 0));
    columnCache.set(m, cols);
  }
  return cols;
};

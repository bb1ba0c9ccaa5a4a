/**
 * The data that defines an explicit Runge-Kutta method, and the checks every tableau must pass.
 *
 * A method file holds only numbers and a citation; one generic stepper (`integrator/rk-step.ts`)
 * reads them. Keeping coefficients as data means a typo shows up in `checkTableau`, not as a
 * silently wrong order of convergence.
 *
 * Literals are the shortest decimals that round-trip to the correctly rounded double of each
 * published value: all the precision a float64 solver can use, and what the linter accepts.
 */

/** Weights of a dense-output polynomial: `b_i(theta) = sum_j coeffs[i][j] * theta^(j+1)`. */
export interface PolynomialInterpolant {
  readonly kind: 'polynomial';
  /** One row per stage; row i holds the coefficients of theta^1, theta^2, ... for stage i. */
  readonly coeffs: readonly (readonly number[])[];
  /** The order of accuracy of the interpolant between steps. */
  readonly order: number;
}

/**
 * Hairer's continuous extension of Dormand-Prince 5(4): `d` weights combined with the step's end
 * points (see `interpolation.ts` for the formula).
 */
export interface DormandPrinceInterpolant {
  readonly kind: 'dormandPrince';
  readonly d: readonly number[];
  readonly order: number;
}

/** Cubic Hermite interpolation between the end points and their derivatives (3rd order). */
export interface HermiteInterpolant {
  readonly kind: 'hermite';
  readonly order: 3;
}

/** How a method fills in the solution between its steps. */
export type Interpolant = PolynomialInterpolant | DormandPrinceInterpolant | HermiteInterpolant;

/** An explicit Runge-Kutta tableau, with an optional embedded error estimator. */
export interface ExplicitRKTableau {
  readonly name: string;
  /** Reference for the coefficients, one line. */
  readonly citation: string;
  /** Strictly lower-triangular stage matrix, row i holding a[i][0..i-1]. */
  readonly a: readonly (readonly number[])[];
  /** Solution weights. */
  readonly b: readonly number[];
  /** Stage times as fractions of the step. */
  readonly c: readonly number[];
  /** `b - bHat`: weights of the local error estimate; absent for fixed-step-only methods. */
  readonly bTilde?: readonly number[];
  /** Order of the propagated solution. */
  readonly order: number;
  /** Order of the embedded estimate (the lower one of the pair); used by nothing but docs. */
  readonly embeddedOrder?: number;
  /** First same as last: the last stage is evaluated at the new solution (its row of a is b). */
  readonly fsal: boolean;
  readonly interpolant: Interpolant;
}

/** Sum of a row. */
const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/**
 * Returns the largest violation of the consistency conditions of a tableau: rows of `a` sum to
 * `c`, weights `b` sum to 1, error weights sum to 0, and an FSAL tableau's last row equals `b`.
 *
 * @example
 * checkTableau(RK4_TABLEAU) < 1e-15; // true
 */
export const checkTableau = (tab: ExplicitRKTableau): number => {
  let worst = Math.abs(sum(tab.b) - 1);
  tab.a.forEach((row, i) => {
    worst = Math.max(worst, Math.abs(sum(row) - (tab.c[i] ?? NaN)));
  });
  if (tab.bTilde !== undefined) worst = Math.max(worst, Math.abs(sum(tab.bTilde)));
  if (tab.fsal) {
    const last = tab.a[tab.a.length - 1] ?? [];
    tab.b.forEach((bi, j) => {
      worst = Math.max(worst, Math.abs((last[j] ?? 0) - bi));
    });
  }
  return worst;
};

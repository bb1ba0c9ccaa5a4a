/**
 * The error function, written once as JS source so that the kernel and the fused-code template
 * evaluate exactly the same arithmetic.
 *
 * |x| < 3: erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)), a series whose
 * terms are all positive (Abramowitz & Stegun 7.1.6), so it does not cancel like Taylor's.
 * 3 <= |x| < 6: erfc from its continued fraction (A&S 7.1.14), 60 terms evaluated backwards.
 * |x| >= 6: erfc(6) < 2.2e-17, so erf rounds to +-1.
 */

/** The body of `(v) => erf(v)`; `v` is the argument. */
export const ERF_BODY =
  'const a = Math.abs(v); ' +
  'if (a >= 6) return v > 0 ? 1 : -1; ' +
  'if (a >= 3) { ' +
  'let t = a; ' +
  'for (let k = 60; k >= 1; k--) t = a + k / 2 / t; ' +
  'const c = Math.exp(-a * a) / (Math.sqrt(Math.PI) * t); ' +
  'return v > 0 ? 1 - c : c - 1; ' +
  '} ' +
  'let term = a; ' +
  'let sum = a; ' +
  'const a2 = 2 * a * a; ' +
  'for (let k = 1; term > sum * 1e-17; k++) { term *= a2 / (2 * k + 1); sum += term; } ' +
  'const r = (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum; ' +
  'return v < 0 ? -r : v > 0 ? r : v;';

/**
 * The error function of one number, accurate to a few ulps; odd, erf(+-0) = +-0, NaN stays NaN.
 *
 * @example
 * erfScalar(1); // 0.8427007929497149
 */
export const erfScalar = new Function('v', ERF_BODY) as (v: number) => number;

/** A JS expression computing `erfScalar` of the expression `x`. */
export const erfExpr = (x: string): string => `((v) => { ${ERF_BODY} })(${x})`;

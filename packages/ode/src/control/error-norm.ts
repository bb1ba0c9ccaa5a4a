/**
 * The scaled local error of a step, as OrdinaryDiffEq measures it: the RMS norm of
 * `err_i / (abstol + max(|u_i|, |u1_i|) * reltol)`.
 *
 * Peers differ here: Hairer's dopri5 also uses RMS with max(|u|, |u1|), while Sundials and
 * scipy's solve_ivp scale by the old or new value only. We follow OrdinaryDiffEq so that step
 * counts match DifferentialEquations.jl. An estimate <= 1 means the step is accepted.
 */

/**
 * RMS norm of `dt * sum_j bTilde[j] ks[j]` scaled by the tolerances; reads plain arrays only.
 * The steppers run a kernel generated from the same formula (`integrator/kernels.ts`); this
 * loop is the reference it is tested against.
 *
 * @example
 * scaledErrorNorm(1, [1, -1], [k1, k2], u, u1, 1e-6, 1e-3);
 */
export const scaledErrorNorm = (
  dt: number,
  bTilde: readonly number[],
  ks: readonly Float64Array[],
  u: Float64Array,
  u1: Float64Array,
  abstol: number,
  reltol: number,
): number => {
  const n = u.length;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let j = 0; j < bTilde.length; j++) {
      const b = bTilde[j] as number;
      if (b !== 0) e += b * ((ks[j] as Float64Array)[i] as number);
    }
    const scale = abstol + Math.max(Math.abs(u[i] as number), Math.abs(u1[i] as number)) * reltol;
    const r = (dt * e) / scale;
    acc += r * r;
  }
  return Math.sqrt(acc / Math.max(n, 1));
};

/** RMS norm of `x ./ scale`, the norm used by the initial step-size heuristic. */
export const rmsScaled = (x: ArrayLike<number>, scale: ArrayLike<number>): number => {
  let acc = 0;
  for (let i = 0; i < x.length; i++) {
    const r = (x[i] as number) / (scale[i] as number);
    acc += r * r;
  }
  return Math.sqrt(acc / Math.max(x.length, 1));
};

/**
 * The data that defines an explicit symplectic (partitioned) method for `dv/dt = f1(v, u, t)`,
 * `du/dt = f2(v, u, t)`.
 *
 * One step runs the stages in order; stage i first kicks the velocities with `kick[i]`, then
 * drifts the positions with `drift[i]`:
 *
 *   v <- v + kick[i]  dt f1(v, u)
 *   u <- u + drift[i] dt f2(v, u)
 *
 * OrdinaryDiffEq.jl stores the same numbers as `b` (kick) and `a` (drift). Updates whose
 * coefficient is zero are skipped, so a leading zero kick or trailing zero drift costs nothing.
 */
export interface SymplecticTableau {
  readonly name: string;
  readonly citation: string;
  readonly kick: readonly number[];
  readonly drift: readonly number[];
  readonly order: number;
}

/**
 * Builds the tableau of a symmetric composition of the drift-kick-drift leapfrog with weights
 * `w` (Yoshida's construction): adjacent half drifts merge, so s leapfrogs cost s kicks.
 *
 * @example
 * fromComposition('Leapfrog', '', [1], 2); // kick [0, 1], drift [1/2, 1/2]
 */
export const fromComposition = (
  name: string,
  citation: string,
  w: readonly number[],
  order: number,
): SymplecticTableau => {
  const drift = w.map((wi, i) => (wi + (i > 0 ? (w[i - 1] as number) : 0)) / 2);
  drift.push((w[w.length - 1] as number) / 2);
  return { name, citation, kick: [0, ...w], drift, order };
};

/**
 * Largest violation of consistency: drifts and kicks must each sum to one.
 *
 * @example
 * checkSymplecticTableau(MCATE4_TABLEAU) < 1e-15; // true
 */
export const checkSymplecticTableau = (tab: SymplecticTableau): number => {
  const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
  const lengths = tab.drift.length === tab.kick.length ? 0 : Infinity;
  return Math.max(lengths, Math.abs(sum(tab.drift) - 1), Math.abs(sum(tab.kick) - 1));
};

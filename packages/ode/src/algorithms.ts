/**
 * The methods, constructed like DifferentialEquations.jl's algorithm types: `solve(prob, Tsit5())`.
 * Each is a thin record pointing at its tableau; the numbers live in `tableaus/` and
 * `symplectic/`, one file per method.
 */
import * as sy from './symplectic/index.js';
import type { SymplecticTableau } from './symplectic/types.js';
import * as rk from './tableaus/index.js';
import type { ExplicitRKTableau } from './tableaus/types.js';

/** An explicit Runge-Kutta method. */
export interface RKAlgorithm {
  readonly kind: 'rk';
  readonly name: string;
  readonly tableau: ExplicitRKTableau;
}

/** An explicit symplectic method for partitioned problems; fixed step. */
export interface SymplecticAlgorithm {
  readonly kind: 'symplectic';
  readonly name: string;
  readonly tableau: SymplecticTableau;
}

/** Any method `solve` accepts. */
export type Algorithm = RKAlgorithm | SymplecticAlgorithm;

const explicit = (tableau: ExplicitRKTableau) => (): RKAlgorithm => ({
  kind: 'rk',
  name: tableau.name,
  tableau,
});

const symplectic = (tableau: SymplecticTableau) => (): SymplecticAlgorithm => ({
  kind: 'symplectic',
  name: tableau.name,
  tableau,
});

/**
 * Forward Euler, order 1, fixed step (`dt` required).
 *
 * @example
 * solve(prob, Euler(), { dt: 0.01 })
 */
export const Euler = explicit(rk.EULER_TABLEAU);
/**
 * Explicit midpoint, order 2, fixed step.
 *
 * @example
 * solve(prob, Midpoint(), { dt: 0.01 })
 */
export const Midpoint = explicit(rk.MIDPOINT_TABLEAU);
/**
 * Heun's method, order 2, fixed step.
 *
 * @example
 * solve(prob, Heun(), { dt: 0.01 })
 */
export const Heun = explicit(rk.HEUN_TABLEAU);
/**
 * Classical Runge-Kutta, order 4, fixed step.
 *
 * @example
 * solve(prob, RK4(), { dt: 0.1 })
 */
export const RK4 = explicit(rk.RK4_TABLEAU);
/**
 * Bogacki-Shampine 3(2), adaptive; good at loose tolerances.
 *
 * @example
 * solve(prob, BS3())
 */
export const BS3 = explicit(rk.BS3_TABLEAU);
/**
 * Dormand-Prince 5(4), adaptive, 4th-order dense output.
 *
 * @example
 * solve(prob, DP5())
 */
export const DP5 = explicit(rk.DP5_TABLEAU);
/**
 * Tsitouras 5(4), adaptive, free 4th-order dense output: the recommended default for non-stiff
 * problems, as in DifferentialEquations.jl.
 *
 * @example
 * solve(prob, Tsit5(), { reltol: 1e-8, abstol: 1e-8 });
 */
export const Tsit5 = explicit(rk.TSIT5_TABLEAU);
/**
 * Verner 7(6), adaptive; efficient at tight tolerances.
 *
 * @example
 * solve(prob, Vern7(), { reltol: 1e-10 })
 */
export const Vern7 = explicit(rk.VERN7_TABLEAU);

/**
 * Symplectic Euler, order 1.
 *
 * @example
 * solve(prob, SymplecticEuler(), { dt: 0.01 })
 */
export const SymplecticEuler = symplectic(sy.SYMPLECTIC_EULER_TABLEAU);
/**
 * Velocity Verlet (kick-drift-kick), order 2.
 *
 * @example
 * solve(prob, VelocityVerlet(), { dt: 0.01 })
 */
export const VelocityVerlet = symplectic(sy.VELOCITY_VERLET_TABLEAU);
/**
 * Leapfrog (drift-kick-drift), order 2.
 *
 * @example
 * solve(prob, VerletLeapfrog(), { dt: 0.01 })
 */
export const VerletLeapfrog = symplectic(sy.VERLET_LEAPFROG_TABLEAU);
/**
 * Candy-Rozmus (Forest-Ruth), order 4.
 *
 * @example
 * solve(prob, CandyRoz4(), { dt: 0.1 })
 */
export const CandyRoz4 = symplectic(sy.CANDY_ROZ4_TABLEAU);
/**
 * McLachlan-Atela, order 4.
 *
 * @example
 * solve(prob, McAte4(), { dt: 0.1 })
 */
export const McAte4 = symplectic(sy.MCATE4_TABLEAU);
/**
 * McLachlan-Atela, order 5.
 *
 * @example
 * solve(prob, McAte5(), { dt: 0.1 })
 */
export const McAte5 = symplectic(sy.MCATE5_TABLEAU);
/**
 * Yoshida, order 6.
 *
 * @example
 * solve(prob, Yoshida6(), { dt: 0.1 })
 */
export const Yoshida6 = symplectic(sy.YOSHIDA6_TABLEAU);
/**
 * Kahan-Li, order 8.
 *
 * @example
 * solve(prob, KahanLi8(), { dt: 0.1 })
 */
export const KahanLi8 = symplectic(sy.KAHAN_LI8_TABLEAU);

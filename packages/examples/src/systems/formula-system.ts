/**
 * A system from a user's formula: `--hamiltonian "p^2/2 + (1 - cos(q))"`.
 */
import { compileHamiltonian } from '../formula/compile.js';
import { radialSample } from './sampling.js';
import type { DataSettings, HamiltonianSystem } from './system.js';

/** Options of `formulaSystem`. */
export interface FormulaSystemOptions {
  readonly coords?: readonly string[];
  readonly params?: Readonly<Record<string, number>>;
  /** Initial states lie at a radius uniform in this range (default [0.1, 1]). */
  readonly radius?: readonly [number, number];
}

/** The data settings of a formula system unless the user says otherwise. */
export const FORMULA_DEFAULTS: DataSettings = {
  trajectories: 50,
  tspan: [0, 3],
  points: 30,
  noise: 0,
  testSplit: 0.5,
  reltol: 1e-10,
};

/**
 * A Hamiltonian system from a formula, with initial states in random directions at a radius
 * uniform in `radius`. The formula is checked here: see `compileHamiltonian` for its errors.
 *
 * @example
 * const sys = formulaSystem('p1^2/2 + p2^2/2 + (q1^2 + q2^2 + (q1 - q2)^2)/2');
 * sys.coords; // ['q1', 'q2', 'p1', 'p2']
 */
export const formulaSystem = (
  formula: string,
  options: FormulaSystemOptions = {},
): HamiltonianSystem => {
  const params = options.params ?? {};
  const radius = options.radius ?? [0.1, 1];
  const compiled = compileHamiltonian(formula, {
    params,
    ...(options.coords === undefined ? {} : { coords: options.coords }),
  });
  return {
    name: 'Formula',
    formula,
    coords: compiled.coords,
    H: compiled.H,
    sample: radialSample(radius, compiled.coords.length),
    defaults: FORMULA_DEFAULTS,
    rolloutTspan: FORMULA_DEFAULTS.tspan,
    spec: { kind: 'formula', hamiltonian: formula, coords: compiled.coords, params, radius },
  };
};

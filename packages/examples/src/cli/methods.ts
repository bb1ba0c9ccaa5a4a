/**
 * ODE methods by name for `--method`: the ode package's explicit Runge-Kutta methods. Its
 * symplectic methods need a separable H (T(p) + V(q)), which a learned energy is not.
 */
import {
  BS3,
  DP5,
  Euler,
  Heun,
  Midpoint,
  RK4,
  Tsit5,
  Vern7,
  type Algorithm,
} from '@hamiltonian/ode';

const METHODS = { Tsit5, DP5, BS3, Vern7, RK4, Midpoint, Heun, Euler } as const;

const SYMPLECTIC = [
  'SymplecticEuler',
  'VelocityVerlet',
  'VerletLeapfrog',
  'McAte4',
  'McAte5',
  'Yoshida6',
  'KahanLi8',
];

/** The method names `--method` accepts. */
export const METHOD_NAMES = Object.keys(METHODS) as readonly (keyof typeof METHODS)[];

/** The fixed-step methods, which need a step `dt`. */
export const FIXED_STEP = new Set(['RK4', 'Midpoint', 'Heun', 'Euler']);

/**
 * The method called `name` (case-insensitive), or an error listing the choices.
 *
 * @example
 * methodByName('vern7').name; // 'Vern7'
 */
export const methodByName = (name: string): Algorithm => {
  const found = METHOD_NAMES.find((m) => m.toLowerCase() === name.toLowerCase());
  if (found !== undefined) return METHODS[found]();
  const symplectic = SYMPLECTIC.find((m) => m.toLowerCase() === name.toLowerCase());
  if (symplectic !== undefined) {
    throw new Error(
      `--method: ${symplectic} is symplectic and needs a separable H = T(p) + V(q); a learned ` +
        `field is not separable; use one of ${METHOD_NAMES.join(', ')}`,
    );
  }
  throw new Error(`--method: unknown method "${name}"; expected one of ${METHOD_NAMES.join(', ')}`);
};

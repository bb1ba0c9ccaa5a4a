import type { SymplecticTableau } from './types.js';

/** Symplectic Euler: drift with the old velocity, then kick at the new position. Order 1. */
export const SYMPLECTIC_EULER_TABLEAU: SymplecticTableau = {
  name: 'SymplecticEuler',
  citation: 'E. Hairer, C. Lubich, G. Wanner, Geometric Numerical Integration (2006), VI.3.',
  drift: [1],
  kick: [1],
  order: 1,
};

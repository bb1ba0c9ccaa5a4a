import type { SymplecticTableau } from './types.js';

/** Symplectic Euler: kick at the old position, then drift with the new velocity. Order 1. */
export const SYMPLECTIC_EULER_TABLEAU: SymplecticTableau = {
  name: 'SymplecticEuler',
  citation: 'E. Hairer, C. Lubich, G. Wanner, Geometric Numerical Integration (2006), VI.3.',
  kick: [1],
  drift: [1],
  order: 1,
};

import type { SymplecticTableau } from './types.js';

/**
 * Leapfrog in its drift-kick-drift form (position Verlet): half drift, full kick, half drift.
 * Order 2; one force evaluation a step, like velocity Verlet, but with the positions staggered.
 */
export const VERLET_LEAPFROG_TABLEAU: SymplecticTableau = {
  name: 'VerletLeapfrog',
  citation: 'L. Verlet, Phys. Rev. 159 (1967) 98-103.',
  kick: [0, 1],
  drift: [1 / 2, 1 / 2],
  order: 2,
};

import type { SymplecticTableau } from './types.js';

/** Velocity Verlet: half kick, full drift, half kick (kick-drift-kick). Order 2. */
export const VELOCITY_VERLET_TABLEAU: SymplecticTableau = {
  name: 'VelocityVerlet',
  citation: 'W. C. Swope et al., J. Chem. Phys. 76 (1982) 637-649.',
  kick: [1 / 2, 1 / 2],
  drift: [1, 0],
  order: 2,
};

import type { ExplicitRKTableau } from './types.js';

/** The classical fourth-order Runge-Kutta method. Fixed step only. */
export const RK4_TABLEAU: ExplicitRKTableau = {
  name: 'RK4',
  citation: 'W. Kutta, Z. Math. Phys. 46 (1901) 435-453.',
  a: [[], [1 / 2], [0, 1 / 2], [0, 0, 1]],
  b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  c: [0, 1 / 2, 1 / 2, 1],
  order: 4,
  fsal: false,
  interpolant: { kind: 'hermite', order: 3 },
};

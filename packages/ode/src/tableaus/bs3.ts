import type { ExplicitRKTableau } from './types.js';

/**
 * Bogacki-Shampine 3(2): four stages, FSAL, the pair behind MATLAB's ode23. Dense output is the
 * cubic Hermite polynomial, which matches the method's order.
 */
export const BS3_TABLEAU: ExplicitRKTableau = {
  name: 'BS3',
  citation: 'P. Bogacki, L. F. Shampine, Appl. Math. Lett. 2 (1989) 321-325.',
  a: [[], [1 / 2], [0, 3 / 4], [2 / 9, 1 / 3, 4 / 9]],
  b: [2 / 9, 1 / 3, 4 / 9, 0],
  c: [0, 1 / 2, 3 / 4, 1],
  // Sign as in OrdinaryDiffEq (bHat - b); only the norm of the estimate is used.
  bTilde: [5 / 72, -1 / 12, -1 / 9, 1 / 8],
  order: 3,
  embeddedOrder: 2,
  fsal: true,
  interpolant: { kind: 'hermite', order: 3 },
};

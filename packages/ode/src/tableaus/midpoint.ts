import type { ExplicitRKTableau } from './types.js';

/** The explicit midpoint rule: two stages, second order. Fixed step only. */
export const MIDPOINT_TABLEAU: ExplicitRKTableau = {
  name: 'Midpoint',
  citation: 'E. Hairer, S. P. Norsett, G. Wanner, Solving ODEs I (1993), eq. II.1.3.',
  a: [[], [1 / 2]],
  b: [0, 1],
  c: [0, 1 / 2],
  order: 2,
  fsal: false,
  interpolant: { kind: 'hermite', order: 3 },
};

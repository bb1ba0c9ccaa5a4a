import type { ExplicitRKTableau } from './types.js';

/** Heun's method (explicit trapezoid): two stages, second order. Fixed step only. */
export const HEUN_TABLEAU: ExplicitRKTableau = {
  name: 'Heun',
  citation: 'K. Heun, Z. Math. Phys. 45 (1900) 23-38.',
  a: [[], [1]],
  b: [1 / 2, 1 / 2],
  c: [0, 1],
  order: 2,
  fsal: false,
  interpolant: { kind: 'hermite', order: 3 },
};

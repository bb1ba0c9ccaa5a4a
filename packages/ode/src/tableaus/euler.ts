import type { ExplicitRKTableau } from './types.js';

/** Forward Euler: one stage, first order. Fixed step only (no error estimate). */
export const EULER_TABLEAU: ExplicitRKTableau = {
  name: 'Euler',
  citation: 'L. Euler, Institutionum calculi integralis, vol. 1 (1768).',
  a: [[]],
  b: [1],
  c: [0],
  order: 1,
  fsal: false,
  interpolant: { kind: 'hermite', order: 3 },
};

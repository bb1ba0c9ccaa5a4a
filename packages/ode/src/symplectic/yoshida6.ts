import { fromComposition } from './types.js';

// Yoshida's solution A: w1, w2, w3 as published (15 digits); w0 makes the weights sum to one.
const w1 = -1.17767998417887;
const w2 = 0.235573213359357;
const w3 = 0.78451361047756;
const w0 = 1 - 2 * (w1 + w2 + w3);

/** Yoshida's sixth-order method: a symmetric composition of seven leapfrog steps. */
export const YOSHIDA6_TABLEAU = fromComposition(
  'Yoshida6',
  'H. Yoshida, Phys. Lett. A 150 (1990) 262-268, solution A.',
  [w3, w2, w1, w0, w1, w2, w3],
  6,
);

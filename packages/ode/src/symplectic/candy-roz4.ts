import type { SymplecticTableau } from './types.js';

// Forest-Ruth / Candy-Rozmus weights: w = 1 / (2 - 2^(1/3)) for the outer substeps.
const cbrt2 = Math.cbrt(2);

/**
 * Candy and Rozmus's fourth-order method (the Forest-Ruth triple jump): simple and symmetric,
 * with a larger error constant than McAte4 at the same cost.
 */
export const CANDY_ROZ4_TABLEAU: SymplecticTableau = {
  name: 'CandyRoz4',
  citation: 'J. Candy, W. Rozmus, J. Comput. Phys. 92 (1991) 230-256.',
  kick: [0, 1 / (2 - cbrt2), 1 / (1 - cbrt2 * cbrt2), 1 / (2 - cbrt2)],
  drift: [
    (2 + cbrt2 + 1 / cbrt2) / 6,
    (1 - cbrt2 - 1 / cbrt2) / 6,
    (1 - cbrt2 - 1 / cbrt2) / 6,
    (2 + cbrt2 + 1 / cbrt2) / 6,
  ],
  order: 4,
};

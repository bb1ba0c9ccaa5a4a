import type { SymplecticTableau } from './types.js';

/**
 * McLachlan and Atela's optimal fourth-order four-stage method: minimal error constant among
 * non-symmetric four-stage schemes, so it beats the triple-jump composition at equal cost.
 */
export const MCATE4_TABLEAU: SymplecticTableau = {
  name: 'McAte4',
  citation: 'R. I. McLachlan, P. Atela, Nonlinearity 5 (1992) 541-562.',
  kick: [0.1344961992774311, -0.22481980307942082, 0.7563200005156683, 0.33400360328632145],
  drift: [0.5153528374311229, -0.08578201941297364, 0.4415830236164665, 0.12884615836538418],
  order: 4,
};

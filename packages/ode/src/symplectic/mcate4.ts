import type { SymplecticTableau } from './types.js';

/**
 * McLachlan and Atela's optimal fourth-order four-stage method: minimal error constant among
 * non-symmetric four-stage schemes, so it beats the triple-jump composition at equal cost.
 */
export const MCATE4_TABLEAU: SymplecticTableau = {
  name: 'McAte4',
  citation: 'R. I. McLachlan, P. Atela, Nonlinearity 5 (1992) 541-562.',
  kick: [0.134496199277431089, -0.224819803079420806, 0.756320000515668291, 0.334003603286321425],
  drift: [0.515352837431122936, -0.085782019412973646, 0.441583023616466524, 0.128846158365384185],
  order: 4,
};

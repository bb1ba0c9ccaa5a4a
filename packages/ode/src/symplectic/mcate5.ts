import type { SymplecticTableau } from './types.js';

/** McLachlan and Atela's optimal fifth-order six-stage method. */
export const MCATE5_TABLEAU: SymplecticTableau = {
  name: 'McAte5',
  citation: 'R. I. McLachlan, P. Atela, Nonlinearity 5 (1992) 541-562.',
  kick: [
    0.11939002928756727, 0.6989273703824752, -0.17131235827160077, 0.40126950225135344,
    0.010705081848235983, -0.058979625498031166,
  ],
  drift: [
    0.33983962583911, -0.08860133690302732, 0.5858564768259621, -0.6030393565364919,
    0.3235807965546976, 0.4423637942197495,
  ],
  order: 5,
};

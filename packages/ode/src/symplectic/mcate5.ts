import type { SymplecticTableau } from './types.js';

/** McLachlan and Atela's optimal fifth-order six-stage method. */
export const MCATE5_TABLEAU: SymplecticTableau = {
  name: 'McAte5',
  citation: 'R. I. McLachlan, P. Atela, Nonlinearity 5 (1992) 541-562.',
  kick: [
    0.1193900292875672758, 0.6989273703824752308, -0.1713123582716007754, 0.401269502251353448,
    0.010705081848235984, -0.0589796254980311632,
  ],
  drift: [
    0.33983962583911, -0.088601336903027329, 0.5858564768259621188, -0.603039356536491888,
    0.3235807965546976394, 0.4423637942197494587,
  ],
  order: 5,
};

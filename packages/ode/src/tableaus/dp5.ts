import type { ExplicitRKTableau } from './types.js';

/**
 * Dormand-Prince 5(4): seven stages, FSAL, the pair behind dopri5 and MATLAB's ode45. Dense
 * output is Shampine's fourth-order continuous extension, in Hairer's `contd5` form.
 */
export const DP5_TABLEAU: ExplicitRKTableau = {
  name: 'DP5',
  citation: 'J. R. Dormand, P. J. Prince, J. Comput. Appl. Math. 6 (1980) 19-26.',
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  b: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  bTilde: [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40],
  order: 5,
  embeddedOrder: 4,
  fsal: true,
  interpolant: {
    kind: 'dormandPrince',
    // L. F. Shampine, Math. Comp. 46 (1986) 135-150; as tabulated in Hairer's dopri5.f.
    d: [
      -12715105075 / 11282082432,
      0,
      87487479700 / 32700410799,
      -10690763975 / 1880347072,
      701980252875 / 199316789632,
      -1453857185 / 822651844,
      69997945 / 29380423,
    ],
    order: 4,
  },
};

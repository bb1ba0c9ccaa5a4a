import type { ExplicitRKTableau } from './types.js';

/**
 * Tsitouras 5(4): seven stages, FSAL, tuned for smaller error constants than Dormand-Prince at
 * the same cost; DifferentialEquations.jl's default non-stiff method. Its free fourth-order
 * interpolant reuses the seven stages, so dense output costs no extra evaluation.
 *
 * Coefficients are the double-precision roundings of the 80-digit values tabulated in
 * OrdinaryDiffEq.jl's `tsit_tableaus.jl`, which derive from the paper.
 */
export const TSIT5_TABLEAU: ExplicitRKTableau = {
  name: 'Tsit5',
  citation: 'Ch. Tsitouras, Comput. Math. Appl. 62 (2011) 770-775.',
  a: [
    [],
    [0.161],
    [-0.008480655492356989, 0.335480655492357],
    [2.8971530571054935, -6.359448489975075, 4.3622954328695815],
    [5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525],
    [
      5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401,
      -0.028269050394068383,
    ],
    [
      0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081,
      2.324710524099774,
    ],
  ],
  b: [
    0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081,
    2.324710524099774, 0,
  ],
  c: [0, 0.161, 0.327, 0.9, 0.9800255409045097, 1, 1],
  // Sign as in OrdinaryDiffEq (bHat - b); only the norm of the estimate is used.
  bTilde: [
    -0.0017800110522257773,
    -0.0008164344596567469,
    0.007880878010261995,
    -0.1447110071732629,
    0.5823571654525552,
    -0.45808210592918697,
    1 / 66,
  ],
  order: 5,
  embeddedOrder: 4,
  fsal: true,
  interpolant: {
    kind: 'polynomial',
    // Row i: coefficients of theta, theta^2, theta^3, theta^4 in b_i(theta).
    coeffs: [
      [1, -2.763706197274826, 2.9132554618219126, -1.0530884977290216],
      [0, 0.1317, -0.2234, 0.1017],
      [0, 3.9302962368947516, -5.941033872131505, 2.490627285651253],
      [0, -12.411077166933676, 30.33818863028232, -16.548102889244902],
      [0, 37.50931341651104, -88.1789048947664, 47.37952196281928],
      [0, -27.896526289197286, 65.09189467479366, -34.87065786149661],
      [0, 1.5, -4, 2.5],
    ],
    order: 4,
  },
};

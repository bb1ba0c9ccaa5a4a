import { fromComposition } from './types.js';

// The nine distinct weights of the symmetric 17-stage scheme, s17odr8a in the paper.
const w = [
  0.13020248308889007, 0.5611629817751084, -0.38947496264484727, 0.1588419065551556,
  -0.39590389413323757, 0.1845396409783157, 0.25837438768632204, 0.2950117236093103,
  -0.6055085338300346,
];

/** Kahan and Li's eighth-order method: a symmetric composition of seventeen leapfrog steps. */
export const KAHAN_LI8_TABLEAU = fromComposition(
  'KahanLi8',
  'W. Kahan, R.-C. Li, Math. Comp. 66 (1997) 1089-1099.',
  [...w, ...w.slice(0, -1).reverse()],
  8,
);

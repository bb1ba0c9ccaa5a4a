import { fromComposition } from './types.js';

// The nine distinct weights of the symmetric 17-stage scheme, s17odr8a in the paper.
const w = [
  0.13020248308889008087881763, 0.56116298177510838456196441, -0.3894749626448472864080786,
  0.15884190655515560089621075, -0.39590389413323757733623154, 0.18453964097831570709183254,
  0.25837438768632204729397911, 0.29501172360931029887096624, -0.60550853383003451169892108,
];

/** Kahan and Li's eighth-order method: a symmetric composition of seventeen leapfrog steps. */
export const KAHAN_LI8_TABLEAU = fromComposition(
  'KahanLi8',
  'W. Kahan, R.-C. Li, Math. Comp. 66 (1997) 1089-1099.',
  [...w, ...w.slice(0, -1).reverse()],
  8,
);

export { CANDY_ROZ4_TABLEAU } from './candy-roz4.js';
export { KAHAN_LI8_TABLEAU } from './kahan-li8.js';
export { MCATE4_TABLEAU } from './mcate4.js';
export { MCATE5_TABLEAU } from './mcate5.js';
export { SYMPLECTIC_EULER_TABLEAU } from './symplectic-euler.js';
export { VELOCITY_VERLET_TABLEAU } from './velocity-verlet.js';
export { VERLET_LEAPFROG_TABLEAU } from './verlet-leapfrog.js';
export { YOSHIDA6_TABLEAU } from './yoshida6.js';
export { checkSymplecticTableau, fromComposition, type SymplecticTableau } from './types.js';

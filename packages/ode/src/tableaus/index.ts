export { BS3_TABLEAU } from './bs3.js';
export { DP5_TABLEAU } from './dp5.js';
export { EULER_TABLEAU } from './euler.js';
export { HEUN_TABLEAU } from './heun.js';
export { MIDPOINT_TABLEAU } from './midpoint.js';
export { RK4_TABLEAU } from './rk4.js';
export { TSIT5_TABLEAU } from './tsit5.js';
export { VERN7_TABLEAU } from './vern7.js';
export { checkTableau, type ExplicitRKTableau, type Interpolant } from './types.js';

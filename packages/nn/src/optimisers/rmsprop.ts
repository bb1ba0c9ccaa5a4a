/**
 * RMSProp, as Flux's `RMSProp`.
 */
import { add, div, mul, sqrt, square, sub } from '@hamiltonian/autodiff';
import { checkDecay, checkNonNegative, defineOptimiser, type Optimiser } from './optimiser.js';

/** Options of `RMSProp`. */
export interface RMSPropOptions {
  /** The decay of the running mean of squared gradients (default 0.9). */
  readonly rho?: number;
  /** Added to the root mean square, outside the square root (default 1e-8). */
  readonly epsilon?: number;
}

/**
 * RMSProp (Tieleman & Hinton, 2012) in Flux's form: `a = rho a + (1 - rho) g^2;
 * x -= g eta / (sqrt(a) + epsilon)`, learning rate `eta` (default 0.001). The running mean is
 * the moment `meanSquare`. Not centred.
 *
 * @example
 * const opt = RMSProp(0.001, { rho: 0.9 });
 */
export const RMSProp = (eta = 0.001, options: RMSPropOptions = {}): Optimiser => {
  const { rho = 0.9, epsilon = 1e-8 } = options;
  checkNonNegative('RMSProp', 'eta', eta);
  checkDecay('RMSProp', 'rho', rho);
  checkNonNegative('RMSProp', 'epsilon', epsilon);
  return defineOptimiser({
    name: 'RMSProp',
    label: `RMSProp(${eta}, rho ${rho}, epsilon ${epsilon})`,
    moments: ['meanSquare'],
    prepare: () => null,
    leaf: (_c, g, x, [a]) => {
      const meanSquare = add(mul(a, rho), mul(square(g), 1 - rho));
      const delta = div(mul(g, eta), add(sqrt(meanSquare), epsilon));
      return [sub(x, delta), [meanSquare]];
    },
  });
};

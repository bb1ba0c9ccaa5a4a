/**
 * Plain gradient descent (Flux's `Descent`).
 */
import { mul, sub } from '@hamiltonian/autodiff';
import { checkNonNegative, defineOptimiser, type Optimiser } from './optimiser.js';

/**
 * Stochastic gradient descent: `x -= eta * g`, learning rate `eta` (default 0.1, Flux's
 * `Descent`). It keeps no moments; its state only counts steps.
 *
 * @example
 * const opt = SGD(0.1);
 * [params, state] = opt.update(grads, opt.init(params), params);
 */
export const SGD = (eta = 0.1): Optimiser => {
  checkNonNegative('SGD', 'eta', eta);
  return defineOptimiser({
    name: 'SGD',
    label: `SGD(${eta})`,
    moments: [],
    prepare: () => null,
    leaf: (_c, g, x) => [sub(x, mul(g, eta)), []],
  });
};

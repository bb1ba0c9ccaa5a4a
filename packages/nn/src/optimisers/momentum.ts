/**
 * Gradient descent with (heavy-ball) momentum, as Flux's `Momentum`.
 */
import { add, mul, sub } from '@hamiltonian/autodiff';
import { checkDecay, checkNonNegative, defineOptimiser, type Optimiser } from './optimiser.js';

/**
 * Momentum (Polyak, 1964) in Flux's form: `v = rho * v + eta * g; x -= v`, with learning rate
 * `eta` (default 0.01) and momentum `rho` (default 0.9). The velocity is the moment `velocity`.
 *
 * Pitfall: PyTorch's SGD momentum puts `eta` outside the velocity (`v = rho v + g;
 * x -= eta v`); the two agree while `eta` stays constant.
 *
 * @example
 * const opt = Momentum(0.01, 0.9);
 */
export const Momentum = (eta = 0.01, rho = 0.9): Optimiser => {
  checkNonNegative('Momentum', 'eta', eta);
  checkDecay('Momentum', 'rho', rho);
  return defineOptimiser({
    name: 'Momentum',
    label: `Momentum(${eta}, rho ${rho})`,
    moments: ['velocity'],
    prepare: () => null,
    leaf: (_c, g, x, [v]) => {
      const velocity = add(mul(v, rho), mul(g, eta));
      return [sub(x, velocity), [velocity]];
    },
  });
};

/**
 * Adam, as Flux's `Adam`, and the shared update that `AdamW` extends with weight decay.
 */
import { add, div, mul, pow, sqrt, square, sub, type Value } from '@hamiltonian/autodiff';
import {
  checkDecay,
  checkNonNegative,
  defineOptimiser,
  like,
  type Optimiser,
  type Rule,
} from './optimiser.js';

/** Options of `Adam` and `AdamW`. */
export interface AdamOptions {
  /** Decay rates of the first and second moments (default [0.9, 0.999]). */
  readonly beta?: readonly [number, number];
  /** Added to the square root of the corrected second moment (default 1e-8). */
  readonly epsilon?: number;
}

/** The bias corrections `1 - beta^t` at step t. */
interface Corrections {
  readonly c1: Value;
  readonly c2: Value;
}

/** The Adam rule with decoupled weight decay `lambda` (0 for plain Adam). */
export const adamRule = (
  name: string,
  eta: number,
  options: AdamOptions,
  lambda: number,
): Rule<Corrections> => {
  const { beta = [0.9, 0.999], epsilon = 1e-8 } = options;
  const [beta1, beta2] = beta;
  checkNonNegative(name, 'eta', eta);
  checkDecay(name, 'beta[0]', beta1);
  checkDecay(name, 'beta[1]', beta2);
  checkNonNegative(name, 'epsilon', epsilon);
  checkNonNegative(name, 'lambda', lambda);
  const decay = lambda === 0 ? '' : `, lambda ${lambda}`;
  return {
    name,
    label: `${name}(${eta}, beta [${beta1}, ${beta2}], epsilon ${epsilon}${decay})`,
    moments: ['m', 'v'],
    prepare: (t) => ({ c1: sub(1, pow(beta1, t)), c2: sub(1, pow(beta2, t)) }),
    leaf: ({ c1, c2 }, g, x, [m0, v0]) => {
      const m = add(mul(m0, beta1), mul(g, 1 - beta1));
      const v = add(mul(v0, beta2), mul(square(g), 1 - beta2));
      // Flux's order of operations: m̂ / (sqrt(v̂) + epsilon) * eta, epsilon outside the root.
      const mHat = div(m, like(c1, x));
      const vHat = div(v, like(c2, x));
      const delta = mul(div(mHat, add(sqrt(vHat), epsilon)), eta);
      const step = lambda === 0 ? delta : add(delta, mul(x, eta * lambda));
      return [sub(x, step), [m, v]];
    },
  };
};

/**
 * Adam (Kingma & Ba, ICLR 2015) with Flux's defaults: learning rate `eta` (default 0.001),
 * `beta` [0.9, 0.999], `epsilon` 1e-8. Per leaf, at step t:
 *
 *     m = beta1 m + (1 - beta1) g
 *     v = beta2 v + (1 - beta2) g^2
 *     x -= eta * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 *
 * Pitfall: `epsilon` is added to the square root of the corrected second moment (Flux and
 * PyTorch); Optax's `eps_root` and some ports put it inside the root, which differs for small
 * gradients.
 *
 * @example
 * const opt = Adam(0.01);
 * let state = opt.init(params);
 * [params, state] = opt.update(grads, state, params);
 */
export const Adam = (eta = 0.001, options: AdamOptions = {}): Optimiser =>
  defineOptimiser(adamRule('Adam', eta, options, 0));

/**
 * AdamW: Adam with decoupled weight decay.
 */
import { adamRule, type AdamOptions } from './adam.js';
import { defineOptimiser, type Optimiser } from './optimiser.js';

/** Options of `AdamW`. */
export interface AdamWOptions extends AdamOptions {
  /** The weight decay per unit learning rate (default 0.01). */
  readonly lambda?: number;
}

/**
 * AdamW (Loshchilov & Hutter, ICLR 2019): Adam's step plus a decay of the weights themselves,
 * not added to the gradient, so the moments never see it:
 * `x -= eta * (adamDirection + lambda * x)`, with `x` the weights before the step.
 *
 * The decay is scaled by `eta` as in Optimisers.jl's coupled default and PyTorch. The default
 * `lambda` is 0.01 (PyTorch); Optimisers.jl defaults to 0, which makes AdamW plain Adam.
 *
 * @example
 * const opt = AdamW(0.001, { lambda: 1e-4 });
 */
export const AdamW = (eta = 0.001, options: AdamWOptions = {}): Optimiser => {
  const { lambda = 0.01, ...adam } = options;
  return defineOptimiser(adamRule('AdamW', eta, adam, lambda));
};

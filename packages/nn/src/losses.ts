/**
 * Regression losses, averaged over every entry, with Flux's argument order `(ŷ, y)`.
 *
 * Unlike the autodiff ops they do not broadcast: `ŷ` and `y` must have the same shape, because
 * `[batch, 1]` against `[batch]` would silently broadcast to `[batch, batch]` (Flux checks the
 * same way).
 */
import { abs, le, mean, mul, square, sub, where, type Value } from '@hamiltonian/autodiff';
import { shapesEqual } from '@hamiltonian/tensor';
import { NNError, showShape } from './errors.js';

const checkShapes = (loss: string, yhat: Value, y: Value): void => {
  if (!shapesEqual(yhat.shape, y.shape)) {
    throw new NNError(
      `${loss}: prediction has shape ${showShape(yhat.shape)} but target has ` +
        `${showShape(y.shape)}; reshape one so they match`,
    );
  }
};

/**
 * The mean squared error, `mean((ŷ - y)^2)` over all entries.
 *
 * @example
 * const loss = (params, x, y) => mse(model(x, params), y);
 */
export const mse = (yhat: Value, y: Value): Value => {
  checkShapes('mse', yhat, y);
  return mean(square(sub(yhat, y)));
};

/**
 * The mean absolute error, `mean(|ŷ - y|)` over all entries; its derivative at 0 is 0.
 *
 * @example
 * mae(prediction, target);
 */
export const mae = (yhat: Value, y: Value): Value => {
  checkShapes('mae', yhat, y);
  return mean(abs(sub(yhat, y)));
};

/**
 * The Huber loss, quadratic for errors up to `delta` (default 1) and linear beyond, averaged:
 * `e^2 / 2` where `|e| <= delta`, else `delta (|e| - delta / 2)` (Flux's `huber_loss`).
 *
 * @example
 * huber(prediction, target, 0.5);
 */
export const huber = (yhat: Value, y: Value, delta = 1): Value => {
  checkShapes('huber', yhat, y);
  if (!(delta > 0 && Number.isFinite(delta))) {
    throw new NNError(`huber: delta must be a finite number > 0, got ${String(delta)}`);
  }
  const e = abs(sub(yhat, y));
  const quadratic = mul(square(e), 0.5);
  const linear = mul(sub(e, delta / 2), delta);
  return mean(where(le(e, delta), quadratic, linear));
};

import '@hamiltonian/testing';
import { grad, type Value } from '@hamiltonian/autodiff';
import { tensorOrThrow } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import { NNError, huber, mae, mse } from '../src/index.js';

const yhat = tensorOrThrow([
  [1, 2],
  [3, 4],
]);
const y = tensorOrThrow([
  [0, 2],
  [5, 3.5],
]);
// Errors ŷ - y: [1, 0, -2, 0.5].

describe('losses', () => {
  it('mse is the mean of squared errors over all entries', () => {
    expect(mse(yhat, y)).toBeAllClose((1 + 0 + 4 + 0.25) / 4, { rtol: 1e-15 });
  });

  it('mae is the mean of absolute errors over all entries', () => {
    expect(mae(yhat, y)).toBeAllClose((1 + 0 + 2 + 0.5) / 4, { rtol: 1e-15 });
  });

  it('huber is quadratic up to delta and linear beyond', () => {
    // delta 1: 0.5, 0, 1 * (2 - 0.5), 0.125.
    expect(huber(yhat, y)).toBeAllClose((0.5 + 0 + 1.5 + 0.125) / 4, { rtol: 1e-15 });
    // delta 0.75: 0.75 (1 - 0.375), 0, 0.75 (2 - 0.375), 0.125.
    expect(huber(yhat, y, 0.75)).toBeAllClose((0.46875 + 0 + 1.21875 + 0.125) / 4, {
      rtol: 1e-15,
    });
  });

  it('differentiate: d mse / d ŷ = 2 (ŷ - y) / n', () => {
    const g = grad((p: Value) => mse(p, y))(yhat);
    expect(g).toBeAllClose([
      [0.5, 0],
      [-1, 0.25],
    ]);
  });

  it('refuse to broadcast prediction and target of different shapes', () => {
    const column = tensorOrThrow([[1], [2]]);
    const row = tensorOrThrow([1, 2]);
    expect(() => mse(column, row)).toThrow(NNError);
    expect(() => mse(column, row)).toThrow(
      'mse: prediction has shape [2,1] but target has [2]; reshape one so they match',
    );
    expect(() => huber(yhat, y, 0)).toThrow('huber: delta must be a finite number > 0, got 0');
  });
});

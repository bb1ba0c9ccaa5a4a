import '@hamiltonian/testing';
import { fromTypedArray, type Tensor } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import {
  HIDDEN,
  glorotParams,
  hnnLossAndGrad,
  makeUniform,
  shuffleInPlace,
  springData,
  type HnnParams,
} from '../bench/hnn-floor.js';
import * as ad from '../src/index.js';
import type { Value } from '../src/index.js';
import { concrete } from './check-grads.js';

// The tutorial's training step: H(x) = w2 · relu(W1 x + b1) + b2 on rows x = (q, p), the
// prediction [dH/dp, -dH/dq] by reverse mode through H, a mean squared error, and the gradient of
// that loss with respect to every weight: reverse over reverse, checked against the hand-derived
// gradient of the benchmark floor.

interface Params {
  readonly W1: Value;
  readonly b1: Value;
  readonly w2: Value;
  readonly b2: Value;
}

const H = (params: Params, X: Value): Value => {
  const hidden = ad.relu(ad.add(ad.matmul(X, ad.transpose(params.W1)), params.b1));
  return ad.add(ad.matmul(hidden, params.w2), params.b2);
};

const loss = (params: Params, X: Value, Y: Value): Value => {
  const dH = ad.grad((x: Value) => ad.sum(H(params, x)))(X) as Value;
  const [dHdq, dHdp] = ad.split(dH, 2, 1) as [Value, Value];
  const prediction = ad.concat([dHdp, ad.neg(dHdq)], 1);
  return ad.mean(ad.square(ad.sub(prediction, Y)));
};

const toTensors = (p: HnnParams): Params => ({
  W1: fromTypedArray(p.W1, [HIDDEN, 2]),
  b1: fromTypedArray(p.b1, [HIDDEN]),
  w2: fromTypedArray(p.w2, [HIDDEN]),
  b2: fromTypedArray(p.b2, [1]),
});

/** A shuffled batch of 256 rows of the spring data, and weights with nonzero biases. */
const setUp = (seed: number) => {
  const B = 256;
  const uniform = makeUniform(seed);
  const data = springData(1024);
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  shuffleInPlace(order, uniform);
  const rows = order.subarray(0, B);
  const X = new Float64Array(2 * B);
  const Y = new Float64Array(2 * B);
  rows.forEach((r, i) => {
    X.set(data.X.subarray(2 * r, 2 * r + 2), 2 * i);
    Y.set(data.Y.subarray(2 * r, 2 * r + 2), 2 * i);
  });
  const params = glorotParams(uniform);
  params.b1.forEach((_, j) => (params.b1[j] = 0.2 * (uniform() - 0.5)));
  params.b2[0] = 0.3;
  return { B, X, Y, params };
};

const maxAbs = (x: Tensor): number =>
  Array.from(x.data).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('the HNN training step', () => {
  it.each([1, 2, 3])('matches the hand-derived loss and gradient to 1e-10 (seed %i)', (seed) => {
    const { B, X, Y, params } = setUp(seed);
    const floor = hnnLossAndGrad(params, X, Y, B);
    const xs = fromTypedArray(X, [B, 2]);
    const ys = fromTypedArray(Y, [B, 2]);
    const [value, grads] = ad.valueAndGrad(loss)(toTensors(params), xs, ys);
    expect(value).toBeAllClose(floor.loss, { rtol: 1e-12 });
    const expected = toTensors(floor.grads);
    for (const name of ['W1', 'b1', 'w2', 'b2'] as const) {
      const want = concrete(expected[name]);
      // Normwise: entries that cancel to near zero are compared against the largest one.
      const tolerance = { rtol: 1e-10, atol: 1e-10 * maxAbs(want) };
      expect(concrete(grads[name])).toBeAllClose(want, tolerance);
    }
  });

  it("gives the biases exactly zero gradient, since relu'' = 0", () => {
    const { B, X, Y, params } = setUp(4);
    const xs = fromTypedArray(X, [B, 2]);
    const ys = fromTypedArray(Y, [B, 2]);
    const grads = ad.grad(loss)(toTensors(params), xs, ys);
    expect(Array.from(concrete(grads.b1).data).every((v) => v === 0)).toBe(true);
    expect(concrete(grads.b2).data[0]).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import '@hamiltonian/testing';
import {
  glorotParams,
  hnnLoss,
  hnnLossAndGrad,
  makeHnnFloor,
  makeUniform,
  springData,
  trainFloor,
  type HnnParams,
} from '../bench/hnn-floor.js';

const GROUPS = ['W1', 'b1', 'w2', 'b2'] as const;

// A batch of 256 shuffled tutorial points and weights with nonzero biases, so that b1 matters
// to the activation pattern and its zero gradient is a real claim.
const setUp = () => {
  const uniform = makeUniform(7);
  const params = glorotParams(uniform);
  for (let j = 0; j < params.b1.length; j++) params.b1[j] = 0.2 * (uniform() - 0.5);
  params.b2[0] = 0.3;
  const data = springData();
  const B = 256;
  const X = new Float64Array(2 * B);
  const Y = new Float64Array(2 * B);
  for (let r = 0; r < B; r++) {
    const k = Math.floor(uniform() * data.n);
    X.set(data.X.subarray(2 * k, 2 * k + 2), 2 * r);
    Y.set(data.Y.subarray(2 * k, 2 * k + 2), 2 * r);
  }
  return { params, X, Y, B };
};

const centralDifferences = (
  params: HnnParams,
  X: Float64Array,
  Y: Float64Array,
  B: number,
  h: number,
): HnnParams => {
  const fd = {} as Record<(typeof GROUPS)[number], Float64Array>;
  for (const group of GROUPS) {
    const w = params[group];
    fd[group] = new Float64Array(w.length);
    for (let k = 0; k < w.length; k++) {
      const saved = w[k];
      w[k] = saved + h;
      const up = hnnLoss(params, X, Y, B);
      w[k] = saved - h;
      const down = hnnLoss(params, X, Y, B);
      w[k] = saved;
      fd[group][k] = (up - down) / (2 * h);
    }
  }
  return fd;
};

describe('the hand-derived HNN step', () => {
  // With the activation pattern fixed, the loss is a quadratic in W1 and in w2 and constant in
  // b1 and b2, so central differences are exact up to rounding: |loss| ~ 20 gives an error near
  // 2e-16 * 20 / 1e-5 ~ 4e-10, under atol. A step of 1e-5 moves each z by at most ~1e-5, far
  // less than the distance of the sampled points from any unit's kink.
  const { params, X, Y, B } = setUp();
  const { loss, grads } = hnnLossAndGrad(params, X, Y, B);
  const fd = centralDifferences(params, X, Y, B, 1e-5);

  for (const group of GROUPS) {
    it(`matches central differences for ${group}`, () => {
      expect(grads[group]).toBeAllClose(fd[group], { rtol: 1e-6, atol: 1e-8 });
    });
  }

  it('gives the biases exactly zero gradient, since relu is piecewise linear', () => {
    expect(Array.from(grads.b1).every((g) => g === 0)).toBe(true);
    expect(grads.b2[0]).toBe(0);
  });

  it('reports the same loss as the forward pass alone', () => {
    expect(loss).toBeAllClose(hnnLoss(params, X, Y, B), { rtol: 1e-15 });
  });

  it('handles a final partial batch that is not a multiple of the row block', () => {
    const floor = makeHnnFloor(B);
    const rows = 7;
    const partial = floor.lossAndGrad(params, X, Y, rows);
    const fresh = hnnLossAndGrad(params, X.subarray(0, 2 * rows), Y.subarray(0, 2 * rows), rows);
    expect(partial).toBe(fresh.loss);
    expect(floor.grads.W1).toBeAllClose(fresh.grads.W1, { rtol: 0, atol: 0 });
    expect(floor.grads.w2).toBeAllClose(fresh.grads.w2, { rtol: 0, atol: 0 });
  });
});

describe('the floor training run', () => {
  // References measured with PyTorch and plain JS on this init: 0.0079-0.0104 across seeds.
  for (const seed of [1, 2]) {
    it(`reaches a full-data loss below 0.015 after 500 epochs (seed ${seed})`, () => {
      const result = trainFloor({ epochs: 500, batchsize: 256, seed });
      expect(result.steps).toBe(2000);
      expect(result.finalLoss).toBeLessThan(0.015);
    });
  }

  it('is deterministic for a given seed', () => {
    const a = trainFloor({ epochs: 5, seed: 3 });
    const b = trainFloor({ epochs: 5, seed: 3 });
    expect(a.finalLoss).toBe(b.finalLoss);
  });
});

import '@hamiltonian/testing';
import { jit, type Value } from '@hamiltonian/autodiff';
import { fromTypedArray, linspace, random, reshape, sin, type Tensor } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import {
  Adam,
  Chain,
  DataLoader,
  Dense,
  NNError,
  SGD,
  mse,
  train,
  trainStep,
  type DenseParams,
  type EpochInfo,
} from '../src/index.js';

// y = 2 x + 1 on 32 points in [-1, 1].
const xs = reshape(linspace(-1, 1, 32), [32, 1]);
const ys = fromTypedArray(
  Array.from(xs.data, (v) => 2 * v + 1),
  [32, 1],
);
const line = Dense(1, 1);
const lineLoss = (params: DenseParams, x: Value, y: Value) => mse(line(x, params), y);
const lineLoader = DataLoader(
  { data: xs, target: ys },
  { batchsize: 8, shuffle: true, key: random.key(1) },
);

describe('train', () => {
  it('fits a line with SGD', () => {
    const result = train({
      loss: lineLoss,
      params: line.init(random.key(0)),
      optimiser: SGD(0.1),
      loader: lineLoader,
      epochs: 200,
    });
    expect(result.retcode).toBe('Success');
    expect(result.epochs).toBe(200);
    expect(result.params.W).toBeAllClose([[2]], { rtol: 1e-6 });
    expect(result.params.b).toBeAllClose([1], { rtol: 1e-6 });
    expect(result.losses[199]).toBeLessThan(1e-12);
  });

  it('fits sin on [-2, 2] with a small network and Adam', () => {
    // The mean of sin^2 over the range is about 0.6; a full-data loss below 1e-3 leaves under
    // 0.2 % of the variance unexplained.
    const model = Chain(Dense(1, 16, 'tanh'), Dense(16, 1));
    const x = reshape(linspace(-2, 2, 64), [64, 1]);
    const loader = DataLoader(
      { data: x, target: sin(x) },
      { batchsize: 32, shuffle: true, key: random.key(4) },
    );
    const result = train({
      loss: (params, xb, yb) => mse(model(xb, params), yb),
      params: model.init(random.key(1)),
      optimiser: Adam(0.01),
      loader,
      epochs: 300,
    });
    const full = mse(model(x, result.params), sin(x)) as Tensor;
    expect(full.data[0]).toBeLessThan(1e-3);
    expect(result.losses[299]).toBeLessThan((result.losses[0] as number) / 100);
  });

  it('calls the callback after every epoch and stops when it returns stop', () => {
    const seen: EpochInfo<DenseParams>[] = [];
    const result = train({
      loss: lineLoss,
      params: line.init(random.key(0)),
      optimiser: SGD(0.1),
      loader: lineLoader,
      epochs: 10,
      callback: (info) => {
        seen.push(info);
        return info.epoch === 3 ? 'stop' : undefined;
      },
    });
    expect(seen.map((s) => s.epoch)).toEqual([1, 2, 3]);
    expect(result.retcode).toBe('CallbackStop');
    expect(result.epochs).toBe(3);
    expect(seen[2]?.params).toBe(result.params);
    expect(seen.map((s) => s.loss)).toEqual(result.losses);
  });

  it('stops early when the loss stops improving', () => {
    // With a zero learning rate the loss never changes: the first epoch sets the best, then
    // `patience` epochs without improvement end the run.
    const result = train({
      loss: lineLoss,
      params: line.init(random.key(0)),
      optimiser: SGD(0),
      loader: DataLoader({ data: xs, target: ys }, { batchsize: 32 }),
      epochs: 100,
      earlyStop: { patience: 4 },
    });
    expect(result.retcode).toBe('EarlyStop');
    expect(result.epochs).toBe(5);
  });

  it('stops with NonFinite when training diverges', () => {
    const result = train({
      loss: lineLoss,
      params: line.init(random.key(0)),
      optimiser: SGD(1e3),
      loader: lineLoader,
      epochs: 1000,
    });
    expect(result.retcode).toBe('NonFinite');
    expect(result.epochs).toBeLessThan(1000);
  });

  it('reports the sample-weighted mean batch loss, measured before each step', () => {
    // With a zero learning rate every batch loss is that of the initial parameters.
    const params = line.init(random.key(0));
    const result = train({
      loss: lineLoss,
      params,
      optimiser: SGD(0),
      loader: DataLoader({ data: xs, target: ys }, { batchsize: 5 }),
      epochs: 1,
    });
    expect(result.losses[0]).toBeAllClose(lineLoss(params, xs, ys) as Tensor, { rtol: 1e-14 });
  });

  it('uses a given step function, such as a compiled one, with the same results', () => {
    const options = {
      loss: lineLoss,
      params: line.init(random.key(0)),
      optimiser: Adam(0.05),
      loader: lineLoader,
      epochs: 5,
    };
    const eager = train(options);
    let calls = 0;
    const counted = trainStep(lineLoss, Adam(0.05));
    const custom = train({
      ...options,
      step: (p, s, x, y) => {
        calls++;
        return counted(p, s, x, y);
      },
    });
    expect(calls).toBe(5 * lineLoader.length);
    expect(custom.params.W).toBeAllClose(eager.params.W as Tensor, { rtol: 0 });

    const compiled = train({ ...options, step: jit(trainStep(lineLoss, Adam(0.05))) });
    expect(compiled.params.W).toBeAllClose(eager.params.W as Tensor, { rtol: 0 });
    expect(compiled.losses).toEqual(eager.losses);
  });

  it('repeats bit for bit with the same keys', () => {
    const run = () =>
      train({
        loss: lineLoss,
        params: line.init(random.key(9)),
        optimiser: Adam(0.01),
        loader: lineLoader,
        epochs: 3,
      });
    expect(run().losses).toEqual(run().losses);
  });

  it('reports bad epochs, patience and an empty loader', () => {
    const base = {
      loss: lineLoss,
      params: line.init(random.key(0)),
      optimiser: SGD(),
      loader: lineLoader,
    };
    expect(() => train({ ...base, epochs: -1 })).toThrow(NNError);
    expect(() => train({ ...base, epochs: 1.5 })).toThrow(
      'train: epochs must be an integer >= 0, got 1.5',
    );
    expect(() => train({ ...base, epochs: 1, earlyStop: { patience: 0 } })).toThrow(
      'train: earlyStop.patience must be a positive integer, got 0',
    );
    const empty = DataLoader({ data: xs, target: ys }, { batchsize: 64, partial: false });
    expect(() => train({ ...base, loader: empty, epochs: 1 })).toThrow(/the loader has no batches/);
  });
});

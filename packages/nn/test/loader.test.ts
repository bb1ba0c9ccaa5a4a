import '@hamiltonian/testing';
import { random, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader, NNError, type EpochBatches } from '../src/index.js';

// 10 samples: data row i is [i, 10 i], target row i is [-i].
const n = 10;
const data = tensorOrThrow(Array.from({ length: n }, (_, i) => [i, 10 * i]));
const target = tensorOrThrow(Array.from({ length: n }, (_, i) => [-i]));
const k = random.key(7);

const sampleIds = (epoch: EpochBatches): number[][] =>
  [...epoch].map(({ x, y }) => {
    const ids = Array.from({ length: x.shape[0] as number }, (_, r) => x.data[2 * r] as number);
    // Rows of x and y stay paired.
    expect(Array.from(y.data)).toEqual(ids.map((i) => -i));
    expect(Array.from({ length: ids.length }, (_, r) => x.data[2 * r + 1])).toEqual(
      ids.map((i) => 10 * i),
    );
    return ids;
  });

describe('DataLoader', () => {
  it('visits every sample once per epoch, in order without shuffle', () => {
    const loader = DataLoader({ data, target }, { batchsize: 4 });
    expect(sampleIds(loader.epoch(0))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(loader.length).toBe(3);
    expect(loader.size).toBe(10);
  });

  it('keeps the final partial batch by default and drops it with partial: false', () => {
    const kept = DataLoader({ data, target }, { batchsize: 4, shuffle: true, key: k });
    const sizes = [...kept.epoch(0)].map((b) => b.x.shape[0]);
    expect(sizes).toEqual([4, 4, 2]);
    const dropped = DataLoader({ data, target }, { batchsize: 4, partial: false });
    expect([...dropped.epoch(0)].map((b) => b.x.shape[0])).toEqual([4, 4]);
    expect(dropped.length).toBe(2);
  });

  it('covers every sample exactly once per shuffled epoch, reshuffling each epoch', () => {
    const loader = DataLoader({ data, target }, { batchsize: 3, shuffle: true, key: k });
    const orders = [0, 1, 2].map((e) => sampleIds(loader.epoch(e)).flat());
    for (const order of orders)
      expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
    expect(orders[0]).not.toEqual(orders[1]);
    expect(orders[1]).not.toEqual(orders[2]);
  });

  it('is deterministic for a key and differs between keys', () => {
    const make = (seed: number) =>
      DataLoader({ data, target }, { batchsize: 4, shuffle: true, key: random.key(seed) });
    const a = make(1);
    expect(Array.from(a.epoch(5).order)).toEqual(Array.from(make(1).epoch(5).order));
    expect(a.epoch(3).batch(1).x).toBeAllClose(a.epoch(3).batch(1).x as Tensor, { rtol: 0 });
    expect(Array.from(a.epoch(0).order)).not.toEqual(Array.from(make(2).epoch(0).order));
  });

  it('iterates epochs in sequence with epochs(count)', () => {
    const loader = DataLoader({ data, target }, { batchsize: 5, shuffle: true, key: k });
    const epochs = [...loader.epochs(3)];
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(Array.from(epochs[2]?.order ?? [])).toEqual(Array.from(loader.epoch(2).order));
  });

  it('gives one batch of everything when batchsize exceeds the sample count', () => {
    const loader = DataLoader({ data, target }, { batchsize: 256 });
    expect([...loader.epoch(0)].map((b) => b.x.shape)).toEqual([[10, 2]]);
  });

  it('reports bad batch sizes, mismatched sample counts and a missing key', () => {
    expect(() => DataLoader({ data, target }, { batchsize: 0 })).toThrow(NNError);
    expect(() => DataLoader({ data, target }, { batchsize: 2.5 })).toThrow(
      'DataLoader: batchsize must be a positive integer, got 2.5',
    );
    const short = tensorOrThrow([[1], [2]]);
    expect(() => DataLoader({ data, target: short })).toThrow(
      /DataLoader: data \[10,2\] and target \[2,1\] must have the same number of samples/,
    );
    expect(() => DataLoader({ data, target: [1, 2] as never })).toThrow(
      'DataLoader: expected { data, target } tensors, got data a tensor and target object',
    );
    expect(() => DataLoader({ data, target }, { shuffle: true })).toThrow(
      'DataLoader: shuffle needs a key to stay reproducible; pass key: random.key(0)',
    );
    const loader = DataLoader({ data, target }, { batchsize: 4 });
    expect(() => loader.epoch(0).batch(3)).toThrow('DataLoader: batch 3 out of range 0..2');
    expect(() => loader.epoch(-1)).toThrow('DataLoader.epoch: e must be an integer >= 0, got -1');
  });
});

/**
 * `DataLoader`: mini-batches of (data, target) pairs, reshuffled each epoch from a seeded key.
 * Pure: a loader is a value and `epoch(e)` is a function of `e`, so a run can be replayed.
 */
import { isTensor, random, take, type Key, type Tensor } from '@hamiltonian/tensor';
import { NNError, isPositiveInteger, showShape } from '../errors.js';

/** One mini-batch: rows of the data and the matching rows of the target. */
export interface Batch {
  readonly x: Tensor;
  readonly y: Tensor;
}

/** The samples of a loader: two tensors whose first axis is the sample axis. */
export interface Dataset {
  readonly data: Tensor;
  readonly target: Tensor;
}

/** Options of `DataLoader`, with Flux's defaults. */
export interface DataLoaderOptions {
  /** Samples per batch (default 1). */
  readonly batchsize?: number;
  /** Visit the samples in a new random order each epoch (default false); needs `key`. */
  readonly shuffle?: boolean;
  /** The key the per-epoch orders derive from. */
  readonly key?: Key;
  /** Keep a final batch smaller than `batchsize` (default true, as Flux); false drops it. */
  readonly partial?: boolean;
}

/** The batches of one epoch, made on demand; iterate it or index it with `batch(i)`. */
export interface EpochBatches extends Iterable<Batch> {
  /** The epoch index (0 for the first). */
  readonly epoch: number;
  /** The number of batches. */
  readonly length: number;
  /** The sample order of this epoch (every index once; with `partial` false, a prefix is used). */
  readonly order: Int32Array;
  /** Batch `i` (0-based). */
  batch(i: number): Batch;
}

/** A data loader as a pure value. */
export interface DataLoader {
  /** The number of samples. */
  readonly size: number;
  /** Samples per batch. */
  readonly batchsize: number;
  /** Batches per epoch. */
  readonly length: number;
  /** The batches of epoch `e` (0-based); the same `e` gives the same batches. */
  epoch(e: number): EpochBatches;
  /** Epochs 0, 1, ..., count - 1, one after another. */
  epochs(count: number): Iterable<EpochBatches>;
}

const checkDataset = (dataset: Dataset): number => {
  const { data, target } = dataset ?? {};
  if (!isTensor(data) || !isTensor(target)) {
    const what = (t: unknown) => (isTensor(t) ? 'a tensor' : t === null ? 'null' : typeof t);
    throw new NNError(
      `DataLoader: expected { data, target } tensors, got data ${what(data)} and target ` +
        what(target),
    );
  }
  if (data.rank === 0 || target.rank === 0 || data.shape[0] !== target.shape[0]) {
    throw new NNError(
      `DataLoader: data ${showShape(data.shape)} and target ${showShape(target.shape)} must ` +
        'have the same number of samples along their first axis (samples go first, as ' +
        '[batch, features]; transpose Julia-style [features, batch] arrays)',
    );
  }
  return data.shape[0] as number;
};

const inOrder = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/**
 * Iterates `{ x, y }` mini-batches of `data` and `target`, whose first axis is the sample axis
 * (row-major: `[samples, features]`, the transpose of Julia's layout). With `shuffle` epoch `e`
 * visits the samples in the order `random.permutation(random.foldIn(key, e), size)`: epochs
 * differ, runs repeat, and any epoch can be made without the ones before it. The final partial
 * batch is kept unless `partial` is false.
 *
 * Pitfall: the batches are copies (`take`), made when you reach them.
 *
 * @example
 * const loader = DataLoader({ data, target }, { batchsize: 256, shuffle: true, key: key(0) });
 * for (const batches of loader.epochs(500)) {
 *   for (const { x, y } of batches) { ... }
 * }
 */
export const DataLoader = (dataset: Dataset, options: DataLoaderOptions = {}): DataLoader => {
  const size = checkDataset(dataset);
  const { batchsize = 1, shuffle = false, key, partial = true } = options;
  if (!isPositiveInteger(batchsize)) {
    throw new NNError(`DataLoader: batchsize must be a positive integer, got ${String(batchsize)}`);
  }
  if (shuffle && key === undefined) {
    throw new NNError(
      'DataLoader: shuffle needs a key to stay reproducible; pass key: random.key(0)',
    );
  }
  const length = partial ? Math.ceil(size / batchsize) : Math.floor(size / batchsize);

  const epoch = (e: number): EpochBatches => {
    if (!Number.isSafeInteger(e) || e < 0) {
      throw new NNError(`DataLoader.epoch: e must be an integer >= 0, got ${String(e)}`);
    }
    const order = shuffle ? random.permutation(random.foldIn(key as Key, e), size) : inOrder(size);
    const batch = (i: number): Batch => {
      if (!Number.isInteger(i) || i < 0 || i >= length) {
        throw new NNError(`DataLoader: batch ${String(i)} out of range 0..${length - 1}`);
      }
      const rows = order.subarray(i * batchsize, Math.min(size, (i + 1) * batchsize));
      return { x: take(dataset.data, rows), y: take(dataset.target, rows) };
    };
    return {
      epoch: e,
      length,
      order,
      batch,
      *[Symbol.iterator]() {
        for (let i = 0; i < length; i++) yield batch(i);
      },
    };
  };

  return {
    size,
    batchsize,
    length,
    epoch,
    *epochs(count: number) {
      for (let e = 0; e < count; e++) yield epoch(e);
    },
  };
};

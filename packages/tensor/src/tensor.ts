/**
 * The immutable tensor value and the bookkeeping the buffer pool needs to track it.
 */
import { dtypeOf, type DType, type Storage } from './dtype.js';
import { TensorError, internalError } from './errors.js';
import { formatShape, sizeOf, type Shape } from './shape.js';

/** Storages allocated and tensors created while one `scope` runs (see `pool.ts`). */
export interface ScopeFrame {
  readonly storages: Storage[];
  readonly tensors: Tensor[];
}

/** The stack of open scopes; the innermost is last. Internal to the package. */
export const openScopes: ScopeFrame[] = [];

/**
 * An immutable n-dimensional array of float64 or float32 numbers, row-major and contiguous.
 *
 * Create tensors with `tensor`, `zeros`, `fromTypedArray` and friends, and transform them with
 * the functions of this package; a tensor never changes after creation.
 *
 * Pitfall: `data` returns the storage itself, not a copy, so reading is free; writing to it
 * breaks every tensor that shares it (reshapes share storage). Use `toTypedArray` for a copy.
 *
 * @example
 * const x = tensorOrThrow([[1, 2], [3, 4]]);
 * x.shape; // [2, 2]
 * x.data[3]; // 4
 */
export class Tensor {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
  #storage: Storage;
  #disposed = false;

  /**
   * Internal: use `wrap` from `@hamiltonian/tensor/kernels` or the creation functions.
   * The tensor takes `shape` as it is, without a copy: the caller must not change it later.
   */
  constructor(storage: Storage, shape: Shape) {
    // Not frozen: Object.freeze cost more than a small op's whole kernel. `readonly` guards it.
    this.shape = shape;
    this.dtype = dtypeOf(storage);
    this.size = storage.length;
    this.#storage = storage;
  }

  /** The number of dimensions (0 for a scalar). */
  get rank(): number {
    return this.shape.length;
  }

  /**
   * The row-major storage, shared and read-only by contract: do not write to it.
   * Throws a `TensorError` once the `scope` that created the tensor has released it.
   */
  get data(): Storage {
    if (this.#disposed) {
      throw new TensorError(
        `tensor used after its scope ended (shape ${formatShape(this.shape)}): ` +
          'return it from the scope function or keep() it',
      );
    }
    return this.#storage;
  }

  /** True once the tensor's scope has released its storage. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** Internal: the storage without the disposal check, for the pool's bookkeeping. */
  static storageOf(t: Tensor): Storage {
    return t.#storage;
  }

  /** Internal: marks the tensor released; its storage goes back to the pool. */
  static dispose(t: Tensor): void {
    t.#disposed = true;
  }
}

/**
 * True when `x` is a `Tensor`.
 *
 * @example
 * isTensor(zeros([2])); // true
 * isTensor([1, 2]); // false
 */
export const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

/**
 * Wraps a storage as a tensor of the given shape without copying either.
 *
 * The caller hands both over: neither may be written afterwards. Inside a `scope` the
 * tensor is tracked so that the pool can release it. Exported from the kernels subpath only.
 *
 * @example
 * wrap(new Float64Array([1, 2, 3, 4]), [2, 2]);
 */
export const wrap = (storage: Storage, shape: Shape): Tensor => {
  if (sizeOf(shape) !== storage.length) {
    throw internalError(
      `wrap: shape ${formatShape(shape)} needs ${sizeOf(shape)} elements, storage has ` +
        `${storage.length}`,
    );
  }
  const t = new Tensor(storage, shape);
  const frame = openScopes[openScopes.length - 1];
  if (frame !== undefined) frame.tensors.push(t);
  return t;
};

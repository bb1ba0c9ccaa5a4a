/**
 * Element types. Tensors store float64 by default; float32 halves memory where precision allows.
 */

/** The element type of a tensor's storage. */
export type DType = 'float64' | 'float32';

/** The typed array behind a tensor of either dtype. */
export type Storage = Float64Array | Float32Array;

/**
 * Allocates a fresh, zero-filled storage of `n` elements.
 *
 * Bypasses the buffer pool; eager ops allocate through the pool instead.
 *
 * @example
 * allocate('float32', 3); // Float32Array [0, 0, 0]
 */
export const allocate = (dtype: DType, n: number): Storage =>
  dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);

/**
 * The dtype of a binary op's result: float64 wins, as in NumPy's promotion of float32 with float64.
 *
 * @example
 * resultDType('float32', 'float64'); // 'float64'
 */
export const resultDType = (a: DType, b: DType): DType =>
  a === 'float64' || b === 'float64' ? 'float64' : 'float32';

/** The dtype of an existing storage. */
export const dtypeOf = (storage: Storage): DType =>
  storage instanceof Float64Array ? 'float64' : 'float32';

/** True for the two supported dtype names; validates options that come from outside. */
export const isDType = (x: unknown): x is DType => x === 'float64' || x === 'float32';

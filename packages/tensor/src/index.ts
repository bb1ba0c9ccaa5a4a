/**
 * `@hamiltonian/tensor`: immutable n-dimensional float64/float32 tensors with NumPy-style
 * broadcasting, as plain functions that compose with fp-ts `pipe` and `flow`, over typed-array
 * kernels and an optional buffer pool (`scope`).
 *
 * The low-level kernels that write into preallocated buffers live in
 * `@hamiltonian/tensor/kernels`.
 */
export { type DType, type Storage, allocate, resultDType } from './dtype.js';
export {
  type Shape,
  broadcastShapes,
  formatShape,
  normalizeAxes,
  shapesEqual,
  sizeOf,
  stridesOf,
} from './shape.js';
export { ShapeError, TensorError } from './errors.js';
export { Tensor, isTensor } from './tensor.js';
export {
  type DTypeOptions,
  type NestedArray,
  arange,
  eye,
  fromTypedArray,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  scalar,
  tensor,
  tensorOrThrow,
  zeros,
  zerosLike,
} from './create.js';
export { astype, format, item, toArray, toTypedArray } from './convert.js';
export {
  abs,
  acos,
  acosh,
  asin,
  asinh,
  atan,
  atanh,
  ceil,
  cos,
  cosh,
  cube,
  erf,
  exp,
  expm1,
  floor,
  gelu,
  heaviside,
  isFinite,
  isNaN,
  log,
  log10,
  log1p,
  log2,
  logSigmoid,
  neg,
  reciprocal,
  relu,
  round,
  rsqrt,
  sigmoid,
  sign,
  sin,
  sinh,
  softplus,
  sqrt,
  square,
  swish,
  tan,
  tanh,
  unary,
} from './ops/unary.js';
export {
  add,
  atan2,
  binary,
  div,
  eq,
  ge,
  gt,
  le,
  lt,
  maximum,
  minimum,
  mod,
  mul,
  ne,
  pow,
  sub,
} from './ops/binary.js';
export { type Operand } from './ops/operand.js';
export { where } from './ops/where.js';
export {
  type ArgOptions,
  type NormOptions,
  type ReduceOptions,
  type VarianceOptions,
  argmax,
  argmin,
  logsumexp,
  max,
  mean,
  min,
  norm,
  prod,
  sum,
  variance,
} from './ops/reduce.js';
export { dot, matmul, outer } from './ops/matmul.js';
export {
  broadcastTo,
  concat,
  expandDims,
  flatten,
  flip,
  reshape,
  slice,
  split,
  squeeze,
  stack,
  take,
  transpose,
} from './ops/shape.js';
export { clearPool, keep, pooledCount, scope } from './pool.js';
export type { UnaryName } from './kernels/unary.js';
export type { BinaryName } from './kernels/binary.js';
// The random functions live in a namespace, as `jax.random` does: `random.split` splits keys,
// while the top-level `split` splits tensors.
export * as random from './random.js';
export type { Key, NormalOptions, UniformOptions } from './random.js';

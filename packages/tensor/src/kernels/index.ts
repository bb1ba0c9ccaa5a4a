/**
 * `@hamiltonian/tensor/kernels`: the low-level layer under the eager ops.
 *
 * Kernels are tight loops over typed arrays that write into preallocated outputs; the eager ops
 * call exactly these, and a compiled program that replays them over its own buffers gets the
 * same bits. The expression templates (`unaryExpr`, `binaryExpr`, `whereExpr`) give the
 * per-element formulas for fused code generation. Nothing here validates its arguments.
 */
export { allocate, type DType, type Storage } from '../dtype.js';
export { wrap } from '../tensor.js';
export { alloc } from '../pool.js';
export { broadcastStrides } from './broadcast.js';
export { unaryExpr, unaryKernels, unaryNames, type UnaryKernel, type UnaryName } from './unary.js';
export {
  binaryExpr,
  binaryKernels,
  binaryNames,
  type BinaryKernel,
  type BinaryName,
} from './binary.js';
export { whereExpr, whereInto } from './where.js';
export { erfScalar } from './erf.js';
export {
  argmaxInto,
  argminInto,
  logsumexpInto,
  maxInto,
  meanInto,
  minInto,
  normInto,
  prodInto,
  sumInto,
  varianceInto,
  type ReduceKernel,
} from './reduce.js';
export { batchMatmulInto, matmulInto } from './matmul.js';
export {
  broadcastInto,
  concatInto,
  flipInto,
  sliceInto,
  takeInto,
  transposeInto,
} from './layout.js';

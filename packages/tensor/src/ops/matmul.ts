/**
 * Matrix products with NumPy's `matmul` semantics, plus `dot` and `outer`.
 */
import { ShapeError } from '../errors.js';
import { batchMatmulInto, matmulInto } from '../kernels/matmul.js';
import { alloc } from '../pool.js';
import { broadcastShapes, sizeOf, type Shape } from '../shape.js';
import { wrap, type Tensor } from '../tensor.js';
import { resultDType } from '../dtype.js';
import { mul } from './binary.js';

interface MatmulPlan {
  readonly batch: Shape;
  readonly aBatch: Shape;
  readonly bBatch: Shape;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly shape: Shape;
}

// 1-D operands are promoted to matrices ([k] -> [1, k] on the left, [k, 1] on the right) and the
// promoted axis is dropped from the result; the batch axes broadcast.
const planMatmul = (op: string, a: Shape, b: Shape): MatmulPlan => {
  if (a.length === 0 || b.length === 0) {
    throw new ShapeError(op, [a, b], 'operands must have rank >= 1 (use mul for scalars)');
  }
  const m = a.length === 1 ? 1 : a[a.length - 2];
  const ka = a[a.length - 1];
  const kb = b.length === 1 ? b[0] : b[b.length - 2];
  const n = b.length === 1 ? 1 : b[b.length - 1];
  if (ka !== kb) throw new ShapeError(op, [a, b], `inner dimensions ${ka} and ${kb} differ`);
  const aBatch = a.slice(0, -2);
  const bBatch = b.slice(0, -2);
  let batch: Shape;
  try {
    batch = broadcastShapes(op, aBatch, bBatch);
  } catch {
    throw new ShapeError(op, [a, b], 'batch dimensions do not broadcast');
  }
  const shape = [...batch];
  if (a.length > 1) shape.push(m);
  if (b.length > 1) shape.push(n);
  return { batch, aBatch, bBatch, m, k: ka, n, shape };
};

/**
 * Matrix product with NumPy `matmul` semantics: 1-D x 1-D is the inner product (a scalar),
 * a 1-D operand is promoted to a row (left) or column (right) and the promoted axis dropped,
 * and leading batch axes broadcast. Throws a `ShapeError` naming both shapes on a mismatch.
 *
 * @example
 * matmul(x, w); // [256, 2] x [2, 64] -> [256, 64]
 * matmul(zeros([256, 2]), zeros([64, 2])); // ShapeError: matmul: [256,2] x [64,2]: inner
 *                                          // dimensions 2 and 64 differ
 */
export const matmul = (a: Tensor, b: Tensor): Tensor => {
  const plan = planMatmul('matmul', a.shape, b.shape);
  const out = alloc(resultDType(a.dtype, b.dtype), sizeOf(plan.shape));
  const { m, k, n } = plan;
  if (plan.batch.length === 0) matmulInto(a.data, b.data, out, m, k, n);
  else batchMatmulInto(a.data, plan.aBatch, b.data, plan.bBatch, out, plan.batch, m, k, n);
  return wrap(out, plan.shape);
};

/**
 * The dot product of vectors and matrices (rank <= 2): inner product for two vectors, `matmul`
 * otherwise, `mul` when either is a scalar. For batches use `matmul`.
 *
 * @example
 * dot(u, v); // scalar tensor
 */
export const dot = (a: Tensor, b: Tensor): Tensor => {
  if (a.rank === 0 || b.rank === 0) return mul(a, b);
  if (a.rank > 2 || b.rank > 2) {
    throw new ShapeError(
      'dot',
      [a.shape, b.shape],
      'dot takes ranks 0 to 2; use matmul for batches',
    );
  }
  const plan = planMatmul('dot', a.shape, b.shape);
  const out = alloc(resultDType(a.dtype, b.dtype), sizeOf(plan.shape));
  matmulInto(a.data, b.data, out, plan.m, plan.k, plan.n);
  return wrap(out, plan.shape);
};

/**
 * The outer product of two tensors, flattened: `out[i, j] = a[i] * b[j]`.
 *
 * @example
 * outer(tensorOrThrow([1, 2]), tensorOrThrow([3, 4, 5])); // shape [2, 3]
 */
export const outer = (a: Tensor, b: Tensor): Tensor => {
  const shape = [a.size, b.size];
  const out = alloc(resultDType(a.dtype, b.dtype), a.size * b.size);
  matmulInto(a.data, b.data, out, a.size, 1, b.size);
  return wrap(out, shape);
};

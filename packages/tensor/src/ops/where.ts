/**
 * Elementwise selection.
 */
import { whereInto } from '../kernels/where.js';
import { alloc } from '../pool.js';
import { ShapeError } from '../errors.js';
import { broadcastShapes, sizeOf, type Shape } from '../shape.js';
import { wrap, type Tensor } from '../tensor.js';
import { commonDType, operandView, type Operand } from './operand.js';

/**
 * Picks `a` where `cond` is nonzero (NaN counts as nonzero) and `b` elsewhere, all three
 * broadcast together. The result dtype promotes `a` and `b`.
 *
 * @example
 * where(gt(x, 0), x, mul(x, 0.01)); // leaky relu
 */
export const where = (cond: Operand, a: Operand, b: Operand): Tensor => {
  const dtype = commonDType([a, b]);
  const c = operandView('where', cond, dtype);
  const x = operandView('where', a, dtype);
  const y = operandView('where', b, dtype);
  const shape = whereShape(c.shape, x.shape, y.shape);
  const out = alloc(dtype, sizeOf(shape));
  whereInto(c.data, c.shape, x.data, x.shape, y.data, y.shape, out, shape);
  return wrap(out, shape);
};

const whereShape = (c: Shape, a: Shape, b: Shape): Shape => {
  try {
    return broadcastShapes('where', broadcastShapes('where', c, a), b);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new ShapeError('where', [c, a, b], 'condition, a and b do not broadcast together');
  }
};

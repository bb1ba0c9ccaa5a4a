/**
 * Elementwise selection.
 */
import { whereInto } from '../kernels/where.js';
import { alloc } from '../pool.js';
import { ShapeError } from '../errors.js';
import { broadcastShapes, sizeOf, type Shape } from '../shape.js';
import { wrap, type Tensor } from '../tensor.js';
import { commonDType, operandData, operandShape, type Operand } from './operand.js';

/**
 * Picks `a` where `cond` is nonzero (NaN counts as nonzero) and `b` elsewhere, all three
 * broadcast together. The result dtype promotes `a` and `b`.
 *
 * @example
 * where(gt(x, 0), x, mul(x, 0.01)); // leaky relu
 */
export const where = (cond: Operand, a: Operand, b: Operand): Tensor => {
  const dtype = commonDType(a, b);
  const [cShape, aShape, bShape] = [cond, a, b].map(operandShape);
  const shape = whereShape(cShape, aShape, bShape);
  const c = operandData('where', cond, dtype);
  const x = operandData('where', a, dtype);
  const y = operandData('where', b, dtype);
  const out = alloc(dtype, sizeOf(shape));
  whereInto(c, cShape, x, aShape, y, bShape, out, shape);
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

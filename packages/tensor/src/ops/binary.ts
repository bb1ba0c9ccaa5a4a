/**
 * Elementwise binary ops and comparisons with NumPy broadcasting. Either argument may be a plain
 * number; the result has the promoted dtype (float64 wins; numbers adopt the tensor's dtype).
 */
import { binaryKernels, type BinaryName } from '../kernels/binary.js';
import { alloc } from '../pool.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import { wrap, type Tensor } from '../tensor.js';
import { commonDType, operandData, operandShape, type Operand } from './operand.js';

/**
 * Applies the named binary kernel with broadcasting; the generic form behind every op here.
 * Throws a `ShapeError` naming the op and both shapes when they do not broadcast.
 *
 * @example
 * binary('add', x, 1);
 */
export const binary = (name: BinaryName, a: Operand, b: Operand): Tensor => {
  const dtype = commonDType(a, b);
  const aShape = operandShape(a);
  const bShape = operandShape(b);
  const shape = broadcastShapes(name, aShape, bShape);
  const x = operandData(name, a, dtype);
  const y = operandData(name, b, dtype);
  const out = alloc(dtype, sizeOf(shape));
  binaryKernels[name](x, aShape, y, bShape, out, shape);
  return wrap(out, shape);
};

const op =
  (name: BinaryName) =>
  (a: Operand, b: Operand): Tensor =>
    binary(name, a, b);

/** a + b, broadcast. @example add(x, bias); add(x, 1) */
export const add = op('add');
/** a - b, broadcast. @example sub(x, mean(x, { axis: 0 })) */
export const sub = op('sub');
/** a * b elementwise (not matmul), broadcast. @example mul(x, 2) */
export const mul = op('mul');
/** a / b, broadcast; x / 0 follows IEEE (±Infinity or NaN). @example div(x, 2) */
export const div = op('div');
/** a ** b (Math.pow); a negative base with a fractional power gives NaN. @example pow(x, 2) */
export const pow = op('pow');
/** The larger of a and b; NaN propagates (NumPy `maximum`). @example maximum(x, 0) */
export const maximum = op('maximum');
/** The smaller of a and b; NaN propagates (NumPy `minimum`). @example minimum(x, 1) */
export const minimum = op('minimum');
/** The angle of the point (b, a), in (-pi, pi]. @example atan2(y, x) */
export const atan2 = op('atan2');
/**
 * The remainder with the sign of the divisor (NumPy `mod`, Python `%`): mod(-1, 3) = 2.
 * @example mod(tensorOrThrow([-1, 4]), 3); // [2, 1]
 */
export const mod = op('mod');
/** 1 where a === b else 0, in the operands' dtype; NaN equals nothing. @example eq(x, 0) */
export const eq = op('eq');
/** 1 where a !== b else 0; NaN differs from everything. @example ne(x, 0) */
export const ne = op('ne');
/** 1 where a < b else 0. @example lt(x, 0) */
export const lt = op('lt');
/** 1 where a <= b else 0. @example le(x, 0) */
export const le = op('le');
/** 1 where a > b else 0. @example gt(x, 0) */
export const gt = op('gt');
/** 1 where a >= b else 0. @example ge(x, 0) */
export const ge = op('ge');

/**
 * Operands of binary ops: a tensor, or a plain number that adopts the other operand's dtype.
 */
import { allocate, type DType } from '../dtype.js';
import { TensorError } from '../errors.js';
import type { Shape } from '../shape.js';
import { isTensor, type Tensor } from '../tensor.js';

/** A tensor or a JS number (a rank-0 operand). */
export type Operand = Tensor | number;

/** The dtype of an operand, or undefined for a number (numbers are weakly typed, as in JAX). */
export const operandDType = (x: Operand): DType | undefined => (isTensor(x) ? x.dtype : undefined);

/** The dtype a list of operands computes in: float64 if any tensor is, numbers don't vote. */
export const commonDType = (xs: readonly Operand[]): DType => {
  let dtype: DType | undefined;
  for (const x of xs) {
    const d = operandDType(x);
    if (d === 'float64') return 'float64';
    if (d !== undefined) dtype = d;
  }
  return dtype ?? 'float64';
};

/** The storage and shape of an operand; a number becomes a rank-0 storage of `dtype`. */
export const operandView = (
  op: string,
  x: Operand,
  dtype: DType,
): { data: Float64Array | Float32Array; shape: Shape } => {
  if (isTensor(x)) return { data: x.data, shape: x.shape };
  if (typeof x !== 'number') {
    throw new TensorError(`${op}: expected a Tensor or a number, got ${describe(x)}`);
  }
  const data = allocate(dtype, 1);
  data[0] = x;
  return { data, shape: [] };
};

/** A short description of an unexpected value, for error messages. */
export const describe = (x: unknown): string => {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array (wrap it with tensor(...))';
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  return typeof x;
};

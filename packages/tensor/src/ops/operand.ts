/**
 * Operands of binary ops: a tensor, or a plain number that adopts the other operand's dtype.
 */
import { allocate, type DType, type Storage } from '../dtype.js';
import { TensorError } from '../errors.js';
import type { Shape } from '../shape.js';
import { isTensor, type Tensor } from '../tensor.js';

/** A tensor or a JS number (a rank-0 operand). */
export type Operand = Tensor | number;

/** The dtype of an operand, or undefined for a number (numbers are weakly typed, as in JAX). */
export const operandDType = (x: Operand): DType | undefined => (isTensor(x) ? x.dtype : undefined);

/** The dtype two operands compute in: float64 if either tensor is; numbers don't vote. */
export const commonDType = (a: Operand, b: Operand): DType => {
  const da = operandDType(a);
  const db = operandDType(b);
  if (da === 'float64' || db === 'float64') return 'float64';
  return da ?? db ?? 'float64';
};

const SCALAR_SHAPE: Shape = Object.freeze([]);

/** The shape of an operand: `[]` for a number. */
export const operandShape = (x: Operand): Shape => (isTensor(x) ? x.shape : SCALAR_SHAPE);

/** The storage of an operand; a number becomes a one-element storage of `dtype`. */
export const operandData = (op: string, x: Operand, dtype: DType): Storage => {
  if (isTensor(x)) return x.data;
  if (typeof x !== 'number') {
    throw new TensorError(`${op}: expected a Tensor or a number, got ${describe(x)}`);
  }
  const data = allocate(dtype, 1);
  data[0] = x;
  return data;
};

/** A short description of an unexpected value, for error messages. */
export const describe = (x: unknown): string => {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array (wrap it with tensor(...))';
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  return typeof x;
};

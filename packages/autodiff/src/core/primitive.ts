/**
 * Primitives: the operations every program is made of, and the one place they are applied.
 *
 * A primitive says how to compute its result's shape (`aval`), how to build a kernel that writes
 * the result into a preallocated buffer (`lower`), and how to differentiate it (`jvp`, `vjp`).
 * Eager evaluation and compiled replay (`jit`) both run the kernel from `lower`, so they give
 * bit-identical results. Derivative rules are written with differentiable ops, so every rule can
 * itself be differentiated, to any order.
 */
import type { Storage, Tensor } from '@hamiltonian/tensor';
import { allocate, wrap } from '@hamiltonian/tensor/kernels';
import { topTrace, type Aval, type Value } from './value.js';

/** Writes a primitive's result into `out`, reading its inputs' storages. */
export type Kernel = (inputs: readonly Storage[], out: Storage) => void;

/** A cotangent or tangent that is known to be zero is `null`, so rules can skip it. */
export type Maybe = Value | null;

/** One operation, with its shape rule, kernel builder and derivative rules. */
export interface Primitive<P = unknown> {
  readonly name: string;
  /** The result's shape and dtype; validates the operands and throws a named error if bad. */
  aval(inputs: readonly Aval[], params: P): Aval;
  /** A kernel specialised to these shapes; called once per shape in `jit`, per call in eager. */
  lower(inputs: readonly Aval[], params: P, out: Aval): Kernel;
  /** The tangent of the result from the operands' tangents (null ones are zero). */
  jvp(primals: readonly Value[], tangents: readonly Maybe[], out: Value, params: P): Maybe;
  /**
   * The operands' cotangents from the result's. `wanted[i]` is false where the caller needs no
   * cotangent, so the rule can skip that work and return null there.
   */
  vjp(
    cotangent: Value,
    primals: readonly Value[],
    out: Value,
    params: P,
    wanted: readonly boolean[],
  ): readonly Maybe[];
  /** True when the result never depends on the operands smoothly (comparisons, sign): no rule. */
  readonly nonDifferentiable?: boolean;
}

/** Evaluates a primitive on concrete tensors by running its kernel into a fresh buffer. */
export const evalPrimitive = <P>(
  prim: Primitive<P>,
  inputs: readonly Tensor[],
  params: P,
): Tensor => {
  const out = prim.aval(inputs, params);
  // Reshape-like primitives share their operand's storage: tensors are immutable.
  if ((prim as { alias?: boolean }).alias === true) {
    return wrap((inputs[0] as Tensor).data, out.shape);
  }
  const storage = allocate(out.dtype, sizeOfShape(out.shape));
  prim.lower(
    inputs,
    params,
    out,
  )(
    inputs.map((t) => t.data),
    storage,
  );
  return wrap(storage, out.shape);
};

/**
 * Applies a primitive: the highest-level trace among the operands interprets it, or, when no
 * operand is traced, it runs eagerly on the tensors.
 */
export const bind = <P>(prim: Primitive<P>, inputs: readonly Value[], params: P): Value => {
  const trace = topTrace(inputs);
  if (trace === undefined) return evalPrimitive(prim, inputs as readonly Tensor[], params);
  return trace.process(prim as Primitive, inputs, params);
};

/** The number of elements of a shape. */
export const sizeOfShape = (shape: readonly number[]): number => {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
};

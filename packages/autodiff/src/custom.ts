/**
 * User-defined primitives with their own derivative rules, for models whose derivative is
 * known in closed form or must be computed a special way (a physics kernel, a stable formula).
 */
import type { DType, Shape, Tensor } from '@hamiltonian/tensor';
import { ShapeError, formatShape, scalar, shapesEqual } from '@hamiltonian/tensor';
import { wrap } from '@hamiltonian/tensor/kernels';
import { TransformError } from './core/errors.js';
import { bind, type Maybe, type Primitive } from './core/primitive.js';
import type { Value, ValueLike } from './core/value.js';

/** The definition of a custom primitive. */
export interface PrimitiveDefinition {
  /** A name for error messages and debugging. */
  readonly name: string;
  /** Evaluates on concrete tensors. Must be pure and must not keep its inputs. */
  readonly impl: (...inputs: Tensor[]) => Tensor;
  /** The result's shape and dtype from the operands' (default: those of the first operand). */
  readonly aval?: (...inputs: { shape: Shape; dtype: DType }[]) => { shape: Shape; dtype: DType };
  /**
   * Cotangents of the operands from the result's cotangent `g`, written with differentiable
   * ops so the primitive can be differentiated again. Return null for an operand with zero
   * cotangent. Required for reverse mode.
   */
  readonly vjp?: (g: Value, primals: readonly Value[], out: Value) => readonly Maybe[];
  /** The result's tangent from the operands' tangents (null = zero). Required for forward mode. */
  readonly jvp?: (primals: readonly Value[], tangents: readonly Maybe[], out: Value) => Maybe;
}

// The user's rules are checked where they run, so a wrong rule is reported by its name rather
// than surfacing as a shape error deep in the backward pass.
const checkShape = (name: string, what: string, got: Value, expected: Value): void => {
  if (!shapesEqual(got.shape, expected.shape)) {
    throw new ShapeError(
      name,
      [got.shape, expected.shape],
      `${what} of shape ${formatShape(got.shape)}, expected ${formatShape(expected.shape)}`,
    );
  }
};

/**
 * Declares a primitive with its own derivative rules and returns the op that applies it.
 * The op works eagerly, under every transform and inside `jit`.
 *
 * @example
 * const softClip = defPrimitive({
 *   name: 'softClip',
 *   impl: (x) => tanhT(x),
 *   vjp: (g, [x], y) => [mul(g, sub(1, square(y)))],
 *   jvp: ([x], [t], y) => (t === null ? null : mul(t, sub(1, square(y)))),
 * });
 */
export const defPrimitive = (def: PrimitiveDefinition): ((...inputs: ValueLike[]) => Value) => {
  const missing = (mode: string): never => {
    throw new TransformError(
      `${def.name}: ${mode} mode needs a ${mode === 'forward' ? 'jvp' : 'vjp'} rule; ` +
        'pass it to defPrimitive',
    );
  };
  const prim: Primitive = {
    name: def.name,
    aval: (inputs) => {
      if (def.aval !== undefined)
        return def.aval(...inputs.map((x) => ({ shape: x.shape, dtype: x.dtype })));
      const first = inputs[0];
      if (first === undefined)
        throw new TransformError(`${def.name}: needs an aval rule when it takes no operands`);
      return { shape: first.shape, dtype: first.dtype };
    },
    lower: (inputs, _params, aval) => {
      const shapes = inputs.map((x) => x.shape);
      return (storages, out) => {
        const result = def.impl(...storages.map((s, i) => wrap(s, shapes[i] as Shape)));
        if (!shapesEqual(result.shape, aval.shape)) {
          throw new ShapeError(
            def.name,
            [result.shape, aval.shape],
            'impl returned a result whose shape differs from the aval rule; pass aval to ' +
              'defPrimitive when the result is not shaped like the first operand',
          );
        }
        out.set(result.data);
      };
    },
    jvp: (primals, tangents, out) => {
      const t = (def.jvp ?? missing('forward'))(primals, tangents, out);
      if (t !== null) checkShape(def.name, 'jvp rule returned a tangent', t, out);
      return t;
    },
    vjp: (g, primals, out) => {
      const cts = (def.vjp ?? missing('reverse'))(g, primals, out);
      if (cts.length !== primals.length) {
        throw new TransformError(
          `${def.name}: the vjp rule returned ${cts.length} cotangents for ` +
            `${primals.length} operands; return one per operand (null for zero)`,
        );
      }
      cts.forEach((c, i) => {
        if (c !== null) checkShape(def.name, `vjp rule's cotangent ${i}`, c, primals[i] as Value);
      });
      return cts;
    },
  };
  return (...inputs: ValueLike[]) =>
    bind(
      prim,
      inputs.map((x) => (typeof x === 'number' ? scalar(x) : x)),
      null,
    );
};

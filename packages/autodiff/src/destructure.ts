/**
 * `destructure`: a pytree of parameters as one flat vector, and the way back.
 */
import { TensorError, zeros, type Tensor } from '@hamiltonian/tensor';
import { flatten, unflatten, type Leaf, type Tree } from './core/tree.js';
import type { Value } from './core/value.js';
import { concat, flatten as flattenValue, reshape, slice } from './ops.js';

/** A flat parameter vector and the function that rebuilds the original structure from one. */
export interface Destructured<T> {
  /** All leaves, flattened and concatenated in depth-first order. */
  readonly flat: Value;
  /** Rebuilds the structure from a vector of the same length (differentiable). */
  readonly rebuild: (flat: Value) => T;
  /** The number of parameters. */
  readonly size: number;
}

/**
 * Turns a pytree of parameters into one flat vector plus a differentiable `rebuild`, so
 * optimisers can work on a single vector while models read named parameters.
 *
 * @example
 * const { flat, rebuild } = destructure({ W: zeros([2, 3]), b: zeros([3]) });
 * flat.shape; // [9]
 * rebuild(flat).W.shape; // [2, 3]
 */
export const destructure = <T extends Tree>(params: T): Destructured<T> => {
  const [leaves, def] = flatten(params, 'params');
  const shapes = leaves.map((l: Leaf) => (typeof l === 'number' ? [] : l.shape));
  const wasNumber = leaves.map((l) => typeof l === 'number');
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const size = sizes.reduce((a, b) => a + b, 0);
  // A structure without leaves (a model with no parameters) has an empty vector.
  const flat = leaves.length === 0 ? zeros([0]) : concat(leaves.map((l) => flattenValue(l)));
  const rebuild = (vector: Value): T => {
    if (vector.shape.length !== 1 || vector.shape[0] !== size) {
      throw new TensorError(
        `rebuild: expected a vector of ${size} parameters, got shape [${vector.shape.join(',')}]`,
      );
    }
    let offset = 0;
    const parts = shapes.map((shape, i) => {
      const n = sizes[i] as number;
      const piece = reshape(slice(vector, [offset], [n]), shape);
      offset += n;
      return wasNumber[i] && !('trace' in piece) ? ((piece as Tensor).data[0] as number) : piece;
    });
    return unflatten(def, parts) as T;
  };
  return { flat, rebuild, size };
};

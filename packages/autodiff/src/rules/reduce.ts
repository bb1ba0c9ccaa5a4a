/**
 * Reductions over sorted, normalised axes.
 *
 * `max` and `min` send the derivative to every position that attains the extremum, split
 * equally among ties (JAX's convention).
 */
import type { Shape } from '@hamiltonian/tensor';
import { maxInto, minInto, sumInto } from '@hamiltonian/tensor/kernels';
import type { Primitive } from '../core/primitive.js';
import type { Aval, Value } from '../core/value.js';
import { broadcastTo, div, eq, mul, reshape, sum } from '../ops.js';

/** Parameters of a reduction: the axes (sorted, non-negative) and whether to keep them. */
export interface ReduceParams {
  readonly axes: readonly number[];
  readonly keepdims: boolean;
}

/** The input shape with the reduced axes set to 1. */
export const keptShape = (shape: Shape, axes: readonly number[]): Shape =>
  shape.map((d, i) => (axes.includes(i) ? 1 : d));

const reducedShape = (shape: Shape, { axes, keepdims }: ReduceParams): Shape =>
  keepdims ? keptShape(shape, axes) : shape.filter((_, i) => !axes.includes(i));

/** Brings a reduced result back to the operand's shape (the cotangent of a sum). */
const expandBack = (g: Value, shape: Shape, axes: readonly number[]): Value =>
  broadcastTo(reshape(g, keptShape(shape, axes)), shape);

const reduceKernels = { sum: sumInto, max: maxInto, min: minInto };

type ReduceName = keyof typeof reduceKernels;

const reduction = (
  name: ReduceName,
  rules: Pick<Primitive<ReduceParams>, 'jvp' | 'vjp'> & { nonDifferentiable?: boolean },
): Primitive<ReduceParams> => ({
  name,
  aval: ([x], params) => ({
    shape: reducedShape((x as Aval).shape, params),
    dtype: (x as Aval).dtype,
  }),
  lower: ([x], { axes }) => {
    const kernel = reduceKernels[name];
    const shape = (x as Aval).shape;
    return ([input], out) => kernel(input as Float64Array, shape, axes, out);
  },
  ...rules,
});

/** Where x attains its reduced extremum y, each position's share of the derivative. */
const extremumShares = (x: Value, y: Value, axes: readonly number[]): Value => {
  const hits = eq(x, reshape(y, keptShape(x.shape, axes)));
  return div(hits, sum(hits, { axis: axes, keepdims: true }));
};

const extremum = (name: 'max' | 'min'): Primitive<ReduceParams> =>
  reduction(name, {
    jvp: ([x], [t], y, { axes, keepdims }) =>
      t === null || t === undefined
        ? null
        : sum(mul(t, extremumShares(x as Value, y, axes)), { axis: axes, keepdims }),
    vjp: (g, [x], y, { axes }) => {
      const shape = (x as Value).shape;
      return [mul(expandBack(g, shape, axes), extremumShares(x as Value, y, axes))];
    },
  });

/** Reduction primitives. */
export const reducePrimitives = {
  sum: reduction('sum', {
    jvp: (_x, [t], _y, { axes, keepdims }) =>
      t === null || t === undefined ? null : sum(t, { axis: axes, keepdims }),
    vjp: (g, [x], _y, { axes }) => [expandBack(g, (x as Value).shape, axes)],
  }),
  max: extremum('max'),
  min: extremum('min'),
};

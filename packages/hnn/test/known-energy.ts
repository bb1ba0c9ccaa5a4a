/**
 * Test fixtures: a Model-shaped network without parameters whose output is a known energy.
 */
import { add, mul, slice, square, sum, type Value } from '@hamiltonian/autodiff';
import type { Model } from '@hamiltonian/nn';

/** The parameters of a network that has none. */
export type NoParams = readonly [];

const column = (x: Value, i: number): Value => {
  const lead = x.shape.slice(0, -1);
  return slice(x, [...lead.map(() => 0), i], [...lead, 1]);
};

/**
 * H = (|q|^2 + |p|^2) / 2 + c q1 q2 for states [.., 2n], returned as [batch, 1] (or [1] for
 * one state) like the last Dense layer of a network.
 */
export const knownEnergy = (dim: number, c = 0): Model<NoParams> => {
  const apply = (_params: NoParams, x: Value): Value => {
    const half = mul(sum(square(x), { axis: -1, keepdims: true }), 0.5);
    return c === 0 ? half : add(half, mul(mul(column(x, 0), column(x, 1)), c));
  };
  return Object.assign((x: Value, params: NoParams | Value) => apply(params as NoParams, x), {
    inDim: dim,
    outDim: 1,
    paramCount: 0,
    init: (): NoParams => [],
    apply,
    rebuild: (): NoParams => [],
    describe: () => `KnownEnergy(${dim})`,
  });
};

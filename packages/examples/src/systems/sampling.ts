/**
 * Initial states of the HNN paper's experiments (Greydanus, Dzamba and Yosinski, NeurIPS 2019):
 * random directions at random radii, and near-circular two-body orbits.
 */
import {
  add,
  concat,
  div,
  mul,
  neg,
  norm,
  pow,
  reshape,
  slice,
  sqrt,
  square,
  sum,
} from '@hamiltonian/autodiff';
import { random, type Key, type Tensor } from '@hamiltonian/tensor';

const asTensor = (v: unknown): Tensor => v as Tensor;

/**
 * States in a random direction (uniform in the cube [-1, 1]^d, then normalised) at a radius
 * uniform in [lo, hi]: the paper's spring (radius 0.1-1) and pendulum (0.2-2) initial states.
 *
 * @example
 * radialSample([0.1, 1])(random.key(0), 25).shape; // [25, 2]
 */
export const radialSample =
  (radius: readonly [number, number], width = 2) =>
  (key: Key, count: number): Tensor => {
    const [kd, kr] = random.split(key) as [Key, Key];
    const direction = random.uniform(kd, [count, width], { min: -1, max: 1 });
    const r = random.uniform(kr, [count, 1], { min: radius[0], max: radius[1] });
    const length = norm(direction, { axis: 1, keepdims: true });
    return asTensor(mul(div(direction, length), r));
  };

/**
 * Two bodies of unit mass (G = 1) on near-circular orbits around their centre of mass, as in
 * the paper's two-body task: body 1 at a position uniform in [0.5, 1.5]^2, body 2 opposite, with
 * the circular-orbit speed scaled by 1 + 0.05 N(0, 1) so the orbits are slightly elliptical.
 * The state is `[qx1, qx2, qy1, qy2, px1, px2, py1, py2]`.
 *
 * @example
 * twoBodySample(random.key(0), 4).shape; // [4, 8]
 */
export const twoBodySample = (key: Key, count: number): Tensor => {
  const [kp, kv] = random.split(key) as [Key, Key];
  const pos = random.uniform(kp, [count, 2], { min: 0.5, max: 1.5 });
  const r = sqrt(sum(square(pos), { axis: 1, keepdims: true }));
  const x = slice(pos, [0, 0], [count, 1]);
  const y = slice(pos, [0, 1], [count, 1]);
  // Perpendicular to the position, |v| = 1 / (2 sqrt r): the circular speed of one body about
  // the centre of mass at distance r when the bodies are 2r apart.
  const scale = div(add(1, mul(random.normal(kv, [count, 1]), 0.05)), mul(2, pow(r, 1.5)));
  const vx = mul(neg(y), scale);
  const vy = mul(x, scale);
  const columns = [x, neg(x), y, neg(y), vx, neg(vx), vy, neg(vy)];
  return asTensor(reshape(concat(columns, 1), [count, 8]));
};

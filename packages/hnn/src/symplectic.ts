/**
 * The symplectic gradient: Hamilton's equations read off any scalar energy by autodiff.
 */
import { concat, grad, neg, split, sum, type Value, type ValueLike } from '@hamiltonian/autodiff';
import { HNNError, showShape } from './errors.js';

/**
 * An energy of phase-space states: `x` has shape `[..., 2n]` (first n entries q, last n p) and
 * the result one energy per state (`[batch]`, `[batch, 1]` or a scalar for one state).
 */
export type Hamiltonian = (x: Value) => ValueLike;

/** Checks that the last axis of `x` has an even, nonzero width and returns n (half of it). */
export const halfWidth = (where: string, x: Value): number => {
  const width = x.shape[x.shape.length - 1];
  if (width === undefined || width === 0 || width % 2 !== 0) {
    throw new HNNError(
      `${where}: state has shape ${showShape(x.shape)}; expected a last axis of even width ` +
        '2n (n positions q, then n momenta p)',
    );
  }
  return width / 2;
};

/**
 * Hamilton's vector field of `H`: for states `x = [q, p]` along the last axis it returns
 * `[dH/dp, -dH/dq]`, that is `(dq/dt, dp/dt)`. The derivative is autodiff's gradient of
 * `sum(H(x))`, so each state's row holds its own gradient as long as `H` treats the states of
 * a batch independently.
 *
 * Pitfall: an `H` that mixes states of a batch (a batch norm, a mean over states) makes each
 * row depend on the others; evaluate such a function one state at a time.
 *
 * @example
 * // The harmonic oscillator H = (q^2 + p^2) / 2 gives (p, -q).
 * const field = symplecticGradient((x) => div(sum(square(x), { axis: -1 }), 2));
 * field(tensorOrThrow([1, 2])); // [2, -1]
 */
export const symplecticGradient =
  (H: Hamiltonian) =>
  (x: Value): Value => {
    const n = halfWidth('symplecticGradient', x);
    const axis = x.shape.length - 1;
    const dH = grad((state: Value) => sum(H(state)))(x);
    const [dHdq, dHdp] = split(dH, [n, n], axis) as [Value, Value];
    return concat([dHdp, neg(dHdq)], axis);
  };

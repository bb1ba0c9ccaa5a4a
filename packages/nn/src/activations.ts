/**
 * Activation functions by name, so a layer can say `Dense(2, 64, 'relu')` and describe itself.
 */
import { gelu, relu, sigmoid, softplus, swish, tanh, type Value } from '@hamiltonian/autodiff';
import { NNError } from './errors.js';

/** An elementwise, differentiable function of a value. */
export type ActivationFn = (x: Value) => Value;

/**
 * The named activations, all built from autodiff ops (so they differentiate and trace).
 *
 * Pitfall: `gelu` is the exact `x Φ(x)`; Flux's `gelu` is the tanh approximation, which differs
 * by up to about 1e-3.
 *
 * @example
 * activations.relu(tensorOrThrow([-1, 2])); // [0, 2]
 */
export const activations = {
  identity: (x: Value): Value => x,
  relu,
  tanh,
  sigmoid,
  softplus,
  gelu,
  swish,
} as const satisfies Record<string, ActivationFn>;

/** The name of a built-in activation. */
export type ActivationName = keyof typeof activations;

/** An activation by name or as a function of a value. */
export type Activation = ActivationName | ActivationFn;

/** An activation with the name a layer shows in `describe()`. */
export interface ResolvedActivation {
  readonly name: string;
  readonly fn: ActivationFn;
}

const names = Object.keys(activations) as ActivationName[];

/**
 * Looks up an activation: a name from `activations`, or a function. A function that is one of
 * the built-ins (say autodiff's `relu`) keeps the built-in name; another function shows its own
 * `name`, or `custom`. Throws an `NNError` listing the names for an unknown one.
 *
 * @example
 * resolveActivation('tanh').name; // 'tanh'
 * resolveActivation((x) => mul(x, 2)).name; // 'custom'
 */
export const resolveActivation = (a: Activation): ResolvedActivation => {
  if (typeof a === 'function') {
    const builtin = names.find((n) => activations[n] === a);
    return { name: builtin ?? (a.name === '' ? 'custom' : a.name), fn: a };
  }
  if (typeof a === 'string' && Object.hasOwn(activations, a)) {
    return { name: a, fn: activations[a] };
  }
  throw new NNError(
    `activation: unknown activation ${JSON.stringify(a)}; expected a function or one of ` +
      names.join(', '),
  );
};

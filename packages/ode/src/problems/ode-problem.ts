/**
 * `ODEProblem`: du/dt = f(u, p, t) on tspan from u0, the problem type of DifferentialEquations.jl.
 */
import type { Value, ValueLike } from '@hamiltonian/autodiff';
import { ODEInputError } from '../errors.js';
import {
  checkFunction,
  toInitialState,
  toTspan,
  type InitialState,
  type StateInput,
} from './state.js';

/**
 * An out-of-place vector field. `u` is a tensor of u0's shape on the fast path and a tracer
 * when `solve` is differentiated; write f with `@hamiltonian/autodiff` ops to support both.
 * Return a value or an array with u0's size.
 */
export type ODEFunction<P> = (
  u: Value,
  p: P,
  t: number,
) => ValueLike | readonly number[] | Float64Array;

/** An in-place vector field on plain arrays: write du/dt into `du`. Not differentiable. */
export type InPlaceODEFunction<P> = (du: Float64Array, u: Float64Array, p: P, t: number) => void;

/** A first-order problem du/dt = f(u, p, t). */
export interface ODEProblem<P = undefined> {
  readonly kind: 'ODEProblem';
  readonly f: ODEFunction<P> | InPlaceODEFunction<P>;
  readonly inPlace: boolean;
  readonly u0: InitialState;
  readonly tspan: readonly [number, number];
  readonly p: P;
}

/**
 * Defines du/dt = f(u, p, t) with u(tspan[0]) = u0, to be integrated to tspan[1].
 *
 * Pitfall: the `u` passed to f is only valid during the call (its storage is reused by the
 * solver); copy it if you keep it.
 *
 * @example
 * import { mul } from '@hamiltonian/autodiff';
 * const decay = ODEProblem((u, k: number) => mul(u, -k), [1], [0, 1], 0.5);
 * solve(decay, Tsit5()).at(1); // ~ exp(-0.5)
 */
export function ODEProblem<P = undefined>(
  f: ODEFunction<P>,
  u0: StateInput,
  tspan: readonly [number, number],
  p?: P,
): ODEProblem<P> {
  checkFunction('ODEProblem: f', f);
  return {
    kind: 'ODEProblem',
    f,
    inPlace: false,
    u0: toInitialState('ODEProblem: u0', u0),
    tspan: toTspan(tspan),
    p: p as P,
  };
}

/**
 * The in-place form, f(du, u, p, t) on `Float64Array`s, like `ODEProblem{true}` in Julia: no
 * allocation per evaluation. Fastest for plain solves; it cannot be differentiated.
 *
 * @example
 * const osc = InPlaceODEProblem((du, u) => { du[0] = u[1]!; du[1] = -u[0]!; }, [1, 0], [0, 10]);
 */
export function InPlaceODEProblem<P = undefined>(
  f: InPlaceODEFunction<P>,
  u0: StateInput,
  tspan: readonly [number, number],
  p?: P,
): ODEProblem<P> {
  checkFunction('InPlaceODEProblem: f', f);
  const state = toInitialState('InPlaceODEProblem: u0', u0);
  if (state.traced) {
    throw new ODEInputError(
      'InPlaceODEProblem: u0 is an autodiff tracer, but in-place problems cannot be ' +
        'differentiated; use ODEProblem with autodiff ops in f',
    );
  }
  return { kind: 'ODEProblem', f, inPlace: true, u0: state, tspan: toTspan(tspan), p: p as P };
}

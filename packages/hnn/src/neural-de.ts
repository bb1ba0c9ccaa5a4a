/**
 * The machinery `NeuralHamiltonianDE` and `NeuralODE` share: a network's vector field as an
 * `ODEProblem`, compiled with `jit` for concrete inputs, solved with the ode package.
 */
import { isTracer, isValue, jit, type Jitted, type Tree, type Value } from '@hamiltonian/autodiff';
import {
  ODEProblem,
  solve,
  type Algorithm,
  type ODESolution,
  type SolveOptions,
} from '@hamiltonian/ode';
import { isTensor, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import { HNNError, describe, showShape } from './errors.js';

/** A vector field of a network: the time derivative of states `x` under parameters. */
export type NetworkField<P> = (x: Value, params: P | Value) => Value;

/** `solve`'s options, where `saveat` may also be a tensor of times (the tutorial's `t`). */
export type NeuralSolveOptions = Omit<SolveOptions, 'saveat'> & {
  readonly saveat?: SolveOptions['saveat'] | Tensor;
};

/**
 * A network's dynamics as a differential equation: `de(x0, params?)` solves dx/dt = f(x, params)
 * over `tspan` and returns the `ODESolution`.
 */
export interface NeuralDE<P extends Tree = Tree> {
  (x0: Value | readonly number[], params?: P | Value): ODESolution;
  /**
   * The problem `de(x0, params)` solves, for `solve` with other options or methods. Its `p` is
   * the parameter pytree when concrete flat parameters were given (unpacked once per solve).
   */
  problem(x0: Value | readonly number[], params?: P | Value): ODEProblem<P | Value>;
  /** The initial flat parameters. */
  readonly params: Tensor;
  /** The width of a state. */
  readonly dim: number;
  readonly tspan: readonly [number, number];
  readonly alg: Algorithm;
  /** The options every solve uses (`saveat` as a list). */
  readonly solveOptions: SolveOptions;
}

// One compiled field per network, shared by every DE built on it, so a second solve (or a second
// NeuralHamiltonianDE over the same hnn) replays the program traced by the first.
const compiledFields = new WeakMap<object, Jitted<[Value, unknown], Value>>();

/**
 * The jit-compiled form of `field`, cached per field. `jit` runs `field` directly when any
 * argument is traced, so the same function serves differentiated solves.
 */
export const compiledField = <P>(field: NetworkField<P>): NetworkField<P> => {
  let compiled = compiledFields.get(field);
  if (compiled === undefined) {
    compiled = jit((x: Value, params: unknown) => field(x, params as P | Value));
    compiledFields.set(field, compiled);
  }
  return compiled as NetworkField<P>;
};

const toOptions = (options: NeuralSolveOptions): SolveOptions => {
  const { saveat } = options;
  if (!isTensor(saveat)) return options as SolveOptions;
  return { ...options, saveat: Array.from(saveat.data) };
};

const toState = (where: string, dim: number, x0: unknown): Value => {
  const x: unknown = Array.isArray(x0) ? tensorOrThrow(x0 as number[]) : x0;
  const rank = isValue(x) ? x.shape.length : 0;
  if (!isValue(x) || (rank !== 1 && rank !== 2) || x.shape[rank - 1] !== dim) {
    const got = isValue(x) ? `shape ${showShape(x.shape)}` : describe(x0);
    throw new HNNError(
      `${where}: x0 has ${got}; expected one state [${dim}] (or a batch [batch, ${dim}] of ` +
        'initial states solved together)',
    );
  }
  return x;
};

const checkAlg = (where: string, alg: Algorithm): void => {
  const kind = (alg as { kind?: unknown } | null)?.kind;
  if (kind === 'rk') return;
  if (kind === 'symplectic') {
    throw new HNNError(
      `${where}: alg is the symplectic method ${alg.name}, which needs a separable energy ` +
        'H = T(p) + V(q); a learned energy is not separable, so use an explicit Runge-Kutta ' +
        'method such as Tsit5()',
    );
  }
  const hint = typeof alg === 'function' ? ' (call it: Tsit5(), not Tsit5)' : '';
  throw new HNNError(
    `${where}: alg must be an ode method such as Tsit5(), got ${describe(alg)}${hint}`,
  );
};

/** Everything a neural DE is built from. */
export interface NeuralDESpec<P> {
  readonly name: string;
  readonly field: NetworkField<P>;
  readonly params: Tensor;
  readonly dim: number;
  readonly rebuild: (flat: Value) => P;
}

/** Builds the callable DE of a network field; see `NeuralHamiltonianDE` and `NeuralODE`. */
export const neuralDE = <P extends Tree>(
  spec: NeuralDESpec<P>,
  tspan: readonly [number, number],
  alg: Algorithm,
  options: NeuralSolveOptions = {},
): NeuralDE<P> => {
  const { name, dim, params: initial, rebuild } = spec;
  checkAlg(name, alg);
  const solveOptions = toOptions(options);
  const field = compiledField(spec.field);
  const f = (x: Value, params: P | Value): Value => field(x, params);
  // Concrete flat parameters become the pytree once per solve rather than once per step: the
  // compiled field then starts from the weights instead of slicing them out every call.
  const unpack = (params: P | Value): P | Value =>
    isValue(params) && !isTracer(params) ? rebuild(params) : params;

  const problem = (x0: Value | readonly number[], params: P | Value = initial) =>
    ODEProblem(f, toState(name, dim, x0), tspan, unpack(params));
  const call = (x0: Value | readonly number[], params?: P | Value): ODESolution =>
    solve(problem(x0, params), alg, solveOptions);

  return Object.assign(call, { problem, params: initial, dim, tspan, alg, solveOptions });
};

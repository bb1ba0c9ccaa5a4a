/**
 * `NeuralHamiltonianDE`: the learned dynamics of a `HamiltonianNN` as a differential equation.
 */
import type { Tree } from '@hamiltonian/autodiff';
import type { Algorithm } from '@hamiltonian/ode';
import { HNNError, describe } from './errors.js';
import type { HamiltonianNN } from './hamiltonian-nn.js';
import { neuralDE, type NeuralDE, type NeuralSolveOptions } from './neural-de.js';

/** A `NeuralDE` that also carries its Hamiltonian network. */
export interface NeuralHamiltonianDE<P extends Tree = Tree> extends NeuralDE<P> {
  readonly hnn: HamiltonianNN<P>;
}

/**
 * Solves Hamilton's equations of a learned energy, dx/dt = hnn(x, params), over `tspan` with
 * `alg` and the ode package's `solveOptions` (DifferentialEquations.jl's names in camelCase;
 * `saveat` may be a tensor of times). `de(x0, params?)` returns the `ODESolution`; `x0` is one
 * state `[2n]` (or a batch `[batch, 2n]` of states solved together) and `params` defaults to
 * `hnn.params`.
 *
 * For concrete inputs the vector field runs as a `jit`-compiled program of (x, params),
 * traced once per hnn and state shape, so a solve costs little more than the network's
 * evaluations. When `x0` or `params` are autodiff tracers (inside `grad`), `solve` takes its
 * differentiable path and gradients flow through every step actually taken (discrete
 * sensitivity: step sizes are chosen on the primal values and not differentiated).
 *
 * Pitfall: symplectic methods are rejected: they assume a separable H = T(p) + V(q), which a
 * learned energy is not. Use an explicit Runge-Kutta method such as `Tsit5()`.
 *
 * @example
 * const de = NeuralHamiltonianDE(hnn, [0, 1], Tsit5(), { saveEverystep: false, saveat: t });
 * const sol = de(tensorOrThrow([0, 1]), trainedParams);
 * sol.toTensor(); // [1024, 2]: the learned trajectory (q, p)
 */
export const NeuralHamiltonianDE = <P extends Tree>(
  hnn: HamiltonianNN<P>,
  tspan: readonly [number, number],
  alg: Algorithm,
  solveOptions: NeuralSolveOptions = {},
): NeuralHamiltonianDE<P> => {
  if (typeof hnn !== 'function' || !Number.isInteger(hnn.dim)) {
    throw new HNNError(
      `NeuralHamiltonianDE: hnn must come from HamiltonianNN(model, { key }), got ${describe(hnn)}`,
    );
  }
  const { params, dim, rebuild } = hnn;
  const spec = { name: 'NeuralHamiltonianDE', field: hnn, params, dim, rebuild };
  return Object.assign(neuralDE<P>(spec, tspan, alg, solveOptions), { hnn });
};

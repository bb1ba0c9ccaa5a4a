/**
 * `@hamiltonian/hnn`: Hamiltonian neural networks and neural ODEs, in the role DiffEqFlux.jl
 * plays for Julia.
 *
 * `HamiltonianNN` turns any network of 2n inputs and one output into a model of motion by
 * Hamilton's equations; `NeuralHamiltonianDE` solves the learned dynamics with the ode package
 * (compiled with `jit` for plain solves, differentiable under `grad`); `NeuralODE` is the
 * baseline that predicts the vector field directly; `energyAlong` and `energyDrift` measure how
 * a trajectory keeps an energy.
 */
export { HNNError } from './errors.js';
export { symplecticGradient, type Hamiltonian } from './symplectic.js';
export { HamiltonianNN, type HamiltonianNNOptions } from './hamiltonian-nn.js';
export type { NeuralDE, NeuralSolveOptions } from './neural-de.js';
export { NeuralHamiltonianDE } from './neural-hamiltonian-de.js';
export { NeuralODE, type NeuralODEOptions } from './neural-ode.js';
export { energyAlong, energyDrift, type EnergyDrift } from './energy.js';

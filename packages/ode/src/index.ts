/**
 * `@hamiltonian/ode`: ODE problems and solvers with DifferentialEquations.jl's API in
 * TypeScript: explicit Runge-Kutta methods with OrdinaryDiffEq's adaptive stepping and dense
 * output, symplectic methods for Hamiltonian systems, callbacks with event location, and
 * gradients through `solve` by autodiff of the steps.
 */
export {
  BS3,
  CandyRoz4,
  DP5,
  Euler,
  Heun,
  KahanLi8,
  McAte4,
  McAte5,
  Midpoint,
  RK4,
  SymplecticEuler,
  Tsit5,
  VelocityVerlet,
  VerletLeapfrog,
  Vern7,
  Yoshida6,
  type Algorithm,
  type RKAlgorithm,
  type SymplecticAlgorithm,
} from './algorithms.js';
export {
  CallbackSet,
  ContinuousCallback,
  DiscreteCallback,
  type Callback,
  type Integrator,
} from './callbacks.js';
export { ODEInputError, ODESolveError, ODEUnsupportedError } from './errors.js';
export type { Stats } from './integrator/integrate.js';
export type { SolveOptions } from './options.js';
export {
  DynamicalODEProblem,
  SecondOrderODEProblem,
  type PartitionedFunction,
} from './problems/dynamical-problem.js';
export { HamiltonianProblem, type Hamiltonian } from './problems/hamiltonian-problem.js';
export {
  InPlaceODEProblem,
  ODEProblem,
  type InPlaceODEFunction,
  type ODEFunction,
} from './problems/ode-problem.js';
export type { StateInput } from './problems/state.js';
export { retcodeMessage, successfulRetcode, type ReturnCode } from './retcode.js';
export { ODESolution } from './solution.js';
export { solve, solveOrThrow, type AnyProblem } from './solve.js';
export { checkSymplecticTableau, type SymplecticTableau } from './symplectic/types.js';
export { checkTableau, type ExplicitRKTableau, type Interpolant } from './tableaus/types.js';

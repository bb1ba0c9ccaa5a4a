/**
 * What a Hamiltonian system is to the `hnn` command: a true energy over named coordinates, a
 * way to draw initial states, and the data settings its experiments use by default.
 */
import type { Value } from '@hamiltonian/autodiff';
import type { Key, Tensor } from '@hamiltonian/tensor';

/** How trajectories are sampled from a system. */
export interface DataSettings {
  /** How many trajectories (train and test together). */
  readonly trajectories: number;
  /** The time span of each trajectory. */
  readonly tspan: readonly [number, number];
  /** Evenly spaced saved times per trajectory, both ends included. */
  readonly points: number;
  /** Standard deviation of Gaussian noise added to the saved states (not the derivatives). */
  readonly noise: number;
  /** The fraction of trajectories held out for testing. */
  readonly testSplit: number;
  /** Relative tolerance of the solve that makes the data. */
  readonly reltol: number;
}

/**
 * How a system is named in a model file, so a loaded model can rebuild its true energy: a
 * built-in system, a formula, or data from a file (no true energy).
 */
export type SystemSpec =
  | { readonly kind: 'builtin'; readonly name: string }
  | {
      readonly kind: 'formula';
      readonly hamiltonian: string;
      readonly coords: readonly string[];
      readonly params: Readonly<Record<string, number>>;
      readonly radius: readonly [number, number];
    }
  | { readonly kind: 'data'; readonly file: string; readonly coords: readonly string[] };

/** A Hamiltonian system with a known energy. */
export interface HamiltonianSystem {
  /** A short name for tables and titles. */
  readonly name: string;
  /** The formula of H, as written. */
  readonly formula: string;
  /** n positions then n momenta; a state lists its values in this order. */
  readonly coords: readonly string[];
  /** The true energy of states `[batch, 2n]`, shape `[batch]`. */
  readonly H: (x: Value) => Value;
  /** `count` initial states `[count, 2n]` drawn from `key`. */
  readonly sample: (key: Key, count: number) => Tensor;
  /** The data settings of this system's experiments. */
  readonly defaults: DataSettings;
  /** The span over which held-out rollouts are compared for the energy MSE. */
  readonly rolloutTspan: readonly [number, number];
  /** How a model file names this system. */
  readonly spec: SystemSpec;
}

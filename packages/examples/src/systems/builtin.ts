/**
 * The built-in systems: the HNN paper's ideal mass-spring, ideal pendulum and two-body problem,
 * each a formula with the paper's data settings (Greydanus, Dzamba and Yosinski, NeurIPS 2019,
 * and the experiment scripts of its public code).
 */
import { compileHamiltonian } from '../formula/compile.js';
import { radialSample, twoBodySample } from './sampling.js';
import type { DataSettings, HamiltonianSystem } from './system.js';

/** The names `--system` accepts. */
export const BUILTIN_NAMES = ['spring', 'pendulum', 'two-body'] as const;

/** One of `BUILTIN_NAMES`. */
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

interface Definition {
  readonly title: string;
  readonly formula: string;
  readonly coords?: readonly string[];
  readonly sample: HamiltonianSystem['sample'];
  readonly defaults: DataSettings;
  readonly rolloutTspan: readonly [number, number];
}

// The paper's settings: 50 trajectories split in half, noise 0.05 on the states, solves at
// rtol 1e-10, 10 (spring) and 15 (pendulum) saved times per unit time over [0, 3]; 1000 orbits
// of 50 points over [0, 20] without noise for two bodies, 20% held out, rtol 1e-9.
const DEFINITIONS: Readonly<Record<BuiltinName, Definition>> = {
  spring: {
    title: 'Ideal mass-spring',
    formula: 'q^2 + p^2',
    sample: radialSample([0.1, 1]),
    defaults: {
      trajectories: 50,
      tspan: [0, 3],
      points: 30,
      noise: 0.05,
      testSplit: 0.5,
      reltol: 1e-10,
    },
    rolloutTspan: [0, 3],
  },
  pendulum: {
    title: 'Ideal pendulum',
    formula: '2 * (1 - cos(q)) + p^2',
    sample: radialSample([0.2, 2]),
    defaults: {
      trajectories: 50,
      tspan: [0, 3],
      points: 45,
      noise: 0.05,
      testSplit: 0.5,
      reltol: 1e-10,
    },
    rolloutTspan: [0, 3],
  },
  'two-body': {
    title: 'Two-body',
    formula: '(px1^2 + px2^2 + py1^2 + py2^2) / 2 - 1 / sqrt((qx1 - qx2)^2 + (qy1 - qy2)^2)',
    coords: ['qx1', 'qx2', 'qy1', 'qy2', 'px1', 'px2', 'py1', 'py2'],
    sample: twoBodySample,
    defaults: {
      trajectories: 1000,
      tspan: [0, 20],
      points: 50,
      noise: 0,
      testSplit: 0.2,
      reltol: 1e-9,
    },
    rolloutTspan: [0, 20],
  },
};

/**
 * A built-in system by name: `spring` (H = q² + p²), `pendulum` (H = 2(1 - cos q) + p²) or
 * `two-body` (unit masses, G = 1, coordinates qx1 qx2 qy1 qy2 px1 px2 py1 py2).
 *
 * Pitfall: these are the paper's units, not the tutorial's: the paper's spring has H = q² + p²,
 * so it turns at angular frequency 2, not 2π.
 *
 * @example
 * builtinSystem('pendulum').formula; // '2 * (1 - cos(q)) + p^2'
 */
export const builtinSystem = (name: BuiltinName): HamiltonianSystem => {
  const d = DEFINITIONS[name];
  const { H, coords } = compileHamiltonian(
    d.formula,
    d.coords === undefined ? {} : { coords: d.coords },
  );
  return {
    name: d.title,
    formula: d.formula,
    coords,
    H,
    sample: d.sample,
    defaults: d.defaults,
    rolloutTspan: d.rolloutTspan,
    spec: { kind: 'builtin', name },
  };
};

/** True for a name `builtinSystem` accepts. */
export const isBuiltinName = (name: string): name is BuiltinName =>
  (BUILTIN_NAMES as readonly string[]).includes(name);

/**
 * Work-precision data: for each problem and method, the end-state error against the wall time
 * per solve, over tolerances 1e-3..1e-10 (adaptive methods) or a range of fixed steps.
 */
import type { Tensor } from '@hamiltonian/tensor';
import * as ode from '../src/index.js';
import type { BenchProblem } from './problems.js';
import { time } from './timing.js';

/** One point of a work-precision curve. */
export interface WorkPoint {
  readonly problem: string;
  readonly method: string;
  readonly kind: 'adaptive' | 'fixed step' | 'symplectic';
  /** The tolerance or the step. */
  readonly setting: number;
  readonly error: number;
  readonly micros: number;
  readonly nf: number;
}

const TOLERANCES = [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10];

const adaptive = [ode.BS3(), ode.DP5(), ode.Tsit5(), ode.Vern7()];
const fixedRK = [ode.Euler(), ode.Midpoint(), ode.Heun(), ode.RK4()];
const symplectic = [
  ode.SymplecticEuler(),
  ode.VelocityVerlet(),
  ode.VerletLeapfrog(),
  ode.CandyRoz4(),
  ode.McAte4(),
  ode.McAte5(),
  ode.Yoshida6(),
  ode.KahanLi8(),
];

/** Steps per unit time by method: low orders need many steps to reach useful accuracy. */
const stepsPerUnit = (alg: ode.Algorithm): number[] => {
  const order = alg.tableau.order;
  const base =
    order <= 1 ? [200, 800, 3200] : order <= 2 ? [25, 100, 400, 1600] : [10, 20, 40, 80, 160];
  return base;
};

const errorOf = (sol: ode.ODESolution, reference: readonly number[]): number => {
  const end = (sol.u[sol.u.length - 1] as Tensor).data;
  let worst = 0;
  reference.forEach((r, i) => (worst = Math.max(worst, Math.abs((end[i] as number) - r))));
  return sol.retcode === 'Success' ? worst : NaN;
};

const measure = (
  p: BenchProblem,
  alg: ode.Algorithm,
  kind: WorkPoint['kind'],
  setting: number,
  opts: ode.SolveOptions,
): WorkPoint => {
  const run = () => ode.solve(p.prob, alg, { ...opts, saveEverystep: false });
  const sol = run();
  const t = time(run, 10, 5, 40);
  return {
    problem: p.name,
    method: alg.name,
    kind,
    setting,
    error: errorOf(sol, p.reference),
    micros: t.median,
    nf: sol.stats.nf,
  };
};

/** Sweeps every method over its settings on one problem. */
export const workPrecision = (p: BenchProblem, progress: (msg: string) => void): WorkPoint[] => {
  const points: WorkPoint[] = [];
  for (const alg of adaptive) {
    progress(`${p.name}: ${alg.name}`);
    for (const tol of TOLERANCES) {
      points.push(measure(p, alg, 'adaptive', tol, { reltol: tol, abstol: tol }));
    }
  }
  for (const alg of [...fixedRK, ...symplectic]) {
    progress(`${p.name}: ${alg.name}`);
    const kind = alg.kind === 'rk' ? 'fixed step' : 'symplectic';
    for (const perUnit of stepsPerUnit(alg)) {
      const dt = p.T / Math.round(p.T * perUnit);
      points.push(measure(p, alg, kind, dt, { dt }));
    }
  }
  return points;
};

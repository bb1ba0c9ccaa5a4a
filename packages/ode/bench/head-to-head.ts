/**
 * The benchmark: the harmonic oscillator dq/dt = 2 pi p, dp/dt = -2 pi q from
 * (q, p) = (0, 1) over [0, 1], reltol 1e-3, abstol 1e-6, output at 1024 points; Tsit5 and DP5
 * against the npm packages dopri and odex, each producing its dense output at the same points.
 */
import type { Tensor } from '@hamiltonian/tensor';
import { Dopri } from 'dopri';
import { createRequire } from 'node:module';
import {
  DP5,
  InPlaceODEProblem,
  ODEProblem,
  Tsit5,
  solve,
  type Algorithm,
  type ODESolution,
} from '../src/index.js';
import type { OdexModule } from './odex-types.js';
import { timeAll, type Timing } from './timing.js';

const { Solver } = createRequire(import.meta.url)('odex') as OdexModule;

const W = 2 * Math.PI;
const RELTOL = 1e-3;
const ABSTOL = 1e-6;
const POINTS = 1024;
const ts = Array.from({ length: POINTS }, (_, i) => i / (POINTS - 1));

/** One contender's figures. */
export interface Entry {
  readonly name: string;
  readonly evaluations: number;
  readonly maxError: number;
  readonly time: Timing;
}

/** A contender before timing: its run function and the figures of one run. */
interface Contender {
  readonly name: string;
  readonly run: () => unknown;
  readonly evaluations: number;
  readonly maxError: number;
}

/** Max over the output points of the error in q and p against sin and cos. */
const maxError = (qs: ArrayLike<number>[], times: readonly number[]): number => {
  let worst = 0;
  qs.forEach((y, i) => {
    const t = times[i] as number;
    const e = Math.max(
      Math.abs((y[0] as number) - Math.sin(W * t)),
      Math.abs((y[1] as number) - Math.cos(W * t)),
    );
    worst = Math.max(worst, e);
  });
  return worst;
};

// The API form: f(u, p, t) returns the derivative; u is a tensor over the solver's buffer.
const outOfPlace = ODEProblem(
  (u) => {
    const d = (u as Tensor).data;
    return [W * (d[1] as number), -W * (d[0] as number)];
  },
  [0, 1],
  [0, 1],
);

// The in-place form: no allocation per evaluation.
const inPlace = InPlaceODEProblem(
  (du, u) => {
    du[0] = W * (u[1] as number);
    du[1] = -W * (u[0] as number);
  },
  [0, 1],
  [0, 1],
);

const ours = (
  name: string,
  prob: typeof inPlace,
  alg: Algorithm,
  reltol = RELTOL,
  abstol = ABSTOL,
): Contender => {
  const run = (): ODESolution => solve(prob, alg, { saveat: ts, reltol, abstol });
  const sol = run();
  const ys = sol.u.map((x) => (x as Tensor).data);
  return { name, run, evaluations: sol.stats.nf, maxError: maxError(ys, sol.t) };
};

const dopri = (): Contender => {
  const rhs = (_t: number, y: readonly number[], dy: number[]): void => {
    dy[0] = W * (y[1] as number);
    dy[1] = -W * (y[0] as number);
  };
  const run = () => {
    const solver = new Dopri(rhs, 2, { atol: ABSTOL, rtol: RELTOL });
    solver.initialise(0, [0, 1]);
    const ys = solver.run(1)(ts);
    return { ys, nEval: solver.statistics().nEval };
  };
  const { ys, nEval } = run();
  return { name: 'dopri (npm)', run, evaluations: nEval, maxError: maxError(ys, ts) };
};

const odex = (): Contender => {
  const f = (_x: number, y: number[]): number[] => [W * (y[1] as number), -W * (y[0] as number)];
  const run = () => {
    const solver = new Solver(2);
    solver.denseOutput = true;
    solver.relativeTolerance = RELTOL;
    solver.absoluteTolerance = ABSTOL;
    const xs: number[] = [];
    const ys: number[][] = [];
    const result = solver.solve(
      f,
      0,
      [0, 1],
      1,
      solver.grid(1 / (POINTS - 1), (x, y) => {
        xs.push(x);
        ys.push(y.slice());
      }),
    );
    return { xs, ys, nEval: result.nEval };
  };
  const { xs, ys, nEval } = run();
  return { name: 'odex (npm)', run, evaluations: nEval, maxError: maxError(ys, xs) };
};

/**
 * Tsit5 at the loosest tolerance (same abstol/reltol ratio as the issue's) whose error is no
 * larger than `target`: the comparison at equal error.
 */
const matched = (target: number): Contender => {
  for (const reltol of [5e-2, 2e-2, 1e-2, 5e-3, 2e-3]) {
    const c = ours(`Tsit5 (in-place f), reltol ${reltol}`, inPlace, Tsit5(), reltol, reltol / 1e3);
    if (c.maxError <= target) return c;
  }
  return ours('Tsit5 (in-place f)', inPlace, Tsit5());
};

/**
 * Runs every contender, timed round-robin so that machine load falls on all alike. The last
 * entry is Tsit5 at the tolerance that matches dopri's error.
 */
export const headToHead = (): Entry[] => {
  const contenders = [
    ours('Tsit5', outOfPlace, Tsit5()),
    ours('DP5', outOfPlace, DP5()),
    ours('Tsit5 (in-place f)', inPlace, Tsit5()),
    ours('DP5 (in-place f)', inPlace, DP5()),
    dopri(),
    odex(),
  ];
  contenders.push(matched((contenders[4] as Contender).maxError));
  const timings = timeAll(contenders.map((c) => c.run));
  return contenders.map(({ name, evaluations, maxError: err }, i) => ({
    name,
    evaluations,
    maxError: err,
    time: timings[i] as Timing,
  }));
};

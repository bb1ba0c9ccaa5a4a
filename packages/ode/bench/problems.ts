/**
 * The work-precision problems, as partitioned problems so that every method (Runge-Kutta and
 * symplectic) solves the same equations with the same vector field. States are [v; u].
 */
import type { Tensor } from '@hamiltonian/tensor';
import { DynamicalODEProblem, Vern7, solve, type AnyProblem } from '../src/index.js';

/** A benchmark problem with the reference end state its error is measured against. */
export interface BenchProblem {
  readonly name: string;
  readonly prob: AnyProblem;
  readonly T: number;
  readonly reference: readonly number[];
}

const data = (x: unknown): ArrayLike<number> => (x as Tensor).data;
const W = 2 * Math.PI;

/** Harmonic oscillator of period 1 over ten periods: back to (p, q) = (1, 0) exactly. */
const oscillator = (): BenchProblem => ({
  name: 'oscillator',
  prob: DynamicalODEProblem(
    (_p, q) => [-W * (data(q)[0] as number)],
    (p) => [W * (data(p)[0] as number)],
    [1],
    [0],
    [0, 10],
  ),
  T: 10,
  reference: [1, 0],
});

/** Pendulum from 1 rad at rest over about three periods; reference from Vern7 at 1e-13. */
const pendulum = (): BenchProblem => {
  const prob = DynamicalODEProblem(
    (_p, q) => [-Math.sin(data(q)[0] as number)],
    (p) => [data(p)[0] as number],
    [0],
    [1],
    [0, 20],
  );
  const sol = solve(prob, Vern7(), { reltol: 1e-13, abstol: 1e-13, saveEverystep: false });
  return { name: 'pendulum', prob, T: 20, reference: Array.from(data(sol.u[1])) };
};

/**
 * Kepler problem with eccentricity 0.5 over three orbits of period 2 pi: the orbit closes, so
 * the exact end state is the start.
 */
const kepler = (): BenchProblem => {
  const e = 0.5;
  const v0 = [0, Math.sqrt((1 + e) / (1 - e))];
  const q0 = [1 - e, 0];
  const prob = DynamicalODEProblem(
    (_v, q) => {
      const [x, y] = [data(q)[0] as number, data(q)[1] as number];
      const r3 = Math.pow(x * x + y * y, 1.5);
      return [-x / r3, -y / r3];
    },
    (v) => [data(v)[0] as number, data(v)[1] as number],
    v0,
    q0,
    [0, 6 * Math.PI],
  );
  return { name: 'Kepler (e = 0.5)', prob, T: 6 * Math.PI, reference: [...v0, ...q0] };
};

/** All three problems. */
export const benchProblems = (): BenchProblem[] => [oscillator(), pendulum(), kepler()];

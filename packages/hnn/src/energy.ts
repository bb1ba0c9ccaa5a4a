/**
 * Energy diagnostics: a Hamiltonian evaluated along a solved trajectory, and how far it drifts.
 */
import { primalOf, reshape, split, stack, type Value } from '@hamiltonian/autodiff';
import type { ODESolution } from '@hamiltonian/ode';
import { scalar } from '@hamiltonian/tensor';
import { HNNError, showShape } from './errors.js';
import type { Hamiltonian } from './symplectic.js';

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

const asValue = (e: Value | number): Value => (typeof e === 'number' ? scalar(e) : e);

/** H of each row of `rows` ([m, 2n]): one batched call when H is batched, else row by row. */
const energiesOf = (H: Hamiltonian, rows: Value): Value => {
  const m = rows.shape[0] as number;
  const batched = asValue(H(rows));
  if (sizeOf(batched.shape) === m) return reshape(batched, [m]);
  if (sizeOf(batched.shape) !== 1) {
    throw new HNNError(
      `energyAlong: H returned shape ${showShape(batched.shape)} for ${m} states of shape ` +
        `${showShape(rows.shape)}; expected one energy per state ([${m}] or [${m}, 1])`,
    );
  }
  // A scalar for a whole batch: H does not map over states, so call it once per state.
  const width = rows.shape[1] as number;
  const each = split(rows, m).map((row) => asValue(H(reshape(row, [width]))));
  const bad = each.find((e) => sizeOf(e.shape) !== 1);
  if (bad !== undefined) {
    throw new HNNError(
      `energyAlong: H returned shape ${showShape(bad.shape)} for one state [${width}]; ` +
        'expected a scalar energy',
    );
  }
  return stack(each.map((e) => reshape(e, [])));
};

/**
 * The energy `H` at every saved state of `solution`: shape `[nt]` for one trajectory, `[nt,
 * batch]` when a batch of initial states was solved together. `H` may take a batch of states
 * `[m, 2n]` and return `[m]` or `[m, 1]` (one call), or take one state `[2n]` and return a
 * scalar (one call per state).
 *
 * Differentiable: along a traced solution the result is traced, so it can enter a loss.
 *
 * @example
 * const trueH = (x: Value) => div(sum(square(x), { axis: -1 }), 2); // (q^2 + p^2) / 2
 * energyAlong(sol, trueH); // [nt]
 * energyAlong(sol, (x) => hnn.hamiltonian(x, params)); // the learned energy
 */
export const energyAlong = (solution: ODESolution, H: Hamiltonian): Value => {
  if (typeof H !== 'function') {
    throw new HNNError(`energyAlong: H must be a function of states, got ${typeof H}`);
  }
  const states = solution.toTensor();
  const stateShape = states.shape.slice(1);
  const width = stateShape[stateShape.length - 1];
  if (width === undefined) {
    throw new HNNError(
      `energyAlong: the solution's states have shape ${showShape(stateShape)}; expected ` +
        'states [2n] or [batch, 2n]',
    );
  }
  const leading = states.shape.slice(0, -1);
  const energies = energiesOf(H, reshape(states, [sizeOf(leading), width]));
  return reshape(energies, leading);
};

/** How far an energy moved along a trajectory, from `energyDrift`. */
export interface EnergyDrift {
  /** The energy at the first saved state (per trajectory, the first one's for a batch). */
  readonly initial: number;
  /** max over saved times t of |H(x_t) - H(x_0)| (and over trajectories for a batch). */
  readonly absolute: number;
  /**
   * max |H(x_t) - H(x_0)| / |H(x_0)|; `Infinity` when the energy starts at 0 and moves, 0 when
   * it never moves.
   */
  readonly relative: number;
  /** The saved time at which the absolute drift is largest. */
  readonly tMax: number;
}

/**
 * The drift of `H` along `solution`: the largest change from the first saved state, absolute
 * and relative. For a true Hamiltonian it measures the integrator's error (a conservative
 * system keeps H constant); for a learned one, how well the solve respects the energy the
 * network defines (exactly conserved by the flow, so only the solver errs).
 *
 * Pitfall: the first saved state must be the initial one; solve with `saveStart: true` (the
 * default) or the drift is measured from the first saved time.
 *
 * @example
 * const { absolute, relative } = energyDrift(sol, trueH);
 * const learned = energyDrift(sol, (x) => hnn.hamiltonian(x, params));
 */
export const energyDrift = (solution: ODESolution, H: Hamiltonian): EnergyDrift => {
  const energies = primalOf(energyAlong(solution, H));
  const nt = energies.shape[0] as number;
  const per = nt === 0 ? 0 : sizeOf(energies.shape) / nt;
  const e = energies.data;
  let absolute = 0;
  let relative = 0;
  let tMax = solution.t[0] ?? NaN;
  for (let i = 0; i < nt; i++) {
    for (let j = 0; j < per; j++) {
      const e0 = e[j] as number;
      const d = Math.abs((e[i * per + j] as number) - e0);
      if (d > absolute) [absolute, tMax] = [d, solution.t[i] as number];
      const r = d === 0 ? 0 : d / Math.abs(e0);
      if (r > relative) relative = r;
    }
  }
  return { initial: nt === 0 ? NaN : (e[0] as number), absolute, relative, tMax };
};

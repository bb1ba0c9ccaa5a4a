/**
 * Energy along trajectories: a Hamiltonian evaluated over time, as a vega-lite specification.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ChartOptions } from './phase-portrait.js';

/** One energy curve: which `hamiltonian` was evaluated along which `trajectory`, over `t`. */
export interface EnergySeries {
  readonly trajectory: string;
  readonly hamiltonian: string;
  readonly t: ArrayLike<number>;
  readonly H: ArrayLike<number>;
}

const rowsOf = (s: EnergySeries) => {
  if (s.t.length !== s.H.length) {
    throw new RangeError(
      `energySpec: series "${s.hamiltonian}" along "${s.trajectory}" has ${s.t.length} times ` +
        `but ${s.H.length} energies; pass one H per t`,
    );
  }
  const { trajectory, hamiltonian } = s;
  return Array.from({ length: s.t.length }, (_, i) => ({
    trajectory,
    hamiltonian,
    t: s.t[i],
    H: s.H[i],
  }));
};

/**
 * A vega-lite line chart of energies against time: colour says which trajectory, dash which
 * Hamiltonian. A conserved quantity is a flat line, so drift shows as a slope.
 *
 * Pitfall: an HNN learns H only up to an additive constant; shift it (for example to agree
 * with the true H at t = 0) before plotting the two together.
 *
 * @example
 * const spec = energySpec([
 *   { trajectory: 'Original', hamiltonian: 'true H', t: [0, 1], H: [3.14, 3.14] },
 * ]);
 */
export const energySpec = (
  series: readonly EnergySeries[],
  options: ChartOptions = {},
): TopLevelSpec => {
  const { title, width = 520, height = 300 } = options;
  const unique = (xs: string[]) => [...new Set(xs)];
  return {
    ...(title === undefined ? {} : { title }),
    width,
    height,
    data: { values: series.flatMap(rowsOf) },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'Time (t)' },
      y: { field: 'H', type: 'quantitative', title: 'Energy (H)', scale: { zero: false } },
      color: {
        field: 'trajectory',
        type: 'nominal',
        title: 'Trajectory',
        sort: unique(series.map((s) => s.trajectory)),
      },
      strokeDash: {
        field: 'hamiltonian',
        type: 'nominal',
        title: 'Hamiltonian',
        sort: unique(series.map((s) => s.hamiltonian)),
      },
      detail: [{ field: 'trajectory' }, { field: 'hamiltonian' }],
      order: { field: 't', type: 'quantitative' },
    },
  };
};

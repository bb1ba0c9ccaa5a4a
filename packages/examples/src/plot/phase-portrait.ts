/**
 * The phase portrait: trajectories drawn in the (q, p) plane, as a vega-lite specification.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A named trajectory in phase space: positions `q` and momenta `p`, in time order. */
export interface Trajectory {
  readonly name: string;
  readonly q: ArrayLike<number>;
  readonly p: ArrayLike<number>;
}

/** Options of `phasePortraitSpec`. */
export interface ChartOptions {
  readonly title?: string;
  /** Width of the plotting area in pixels (default 420). */
  readonly width?: number;
  /** Height of the plotting area in pixels (default 420). */
  readonly height?: number;
}

const rowsOf = (trajectory: Trajectory) => {
  const { name, q, p } = trajectory;
  if (q.length !== p.length) {
    throw new RangeError(
      `phasePortraitSpec: trajectory "${name}" has ${q.length} positions but ${p.length} ` +
        'momenta; pass one p per q',
    );
  }
  return Array.from({ length: q.length }, (_, i) => ({ series: name, i, q: q[i], p: p[i] }));
};

/**
 * A vega-lite line chart of trajectories in phase space, as the tutorial plots them: x is
 * "Position (q)", y is "Momentum (p)", one colour per trajectory in the given order, and each
 * line joins its points in time order (not sorted by q, so an orbit closes into a loop).
 *
 * @example
 * const spec = phasePortraitSpec([
 *   { name: 'Original', q: [0, 1, 0], p: [1, 0, -1] },
 *   { name: 'Predicted', q: [0, 0.9, 0], p: [1, 0, -0.9] },
 * ]);
 * const { svg, png } = await renderSpec(spec);
 */
export const phasePortraitSpec = (
  trajectories: readonly Trajectory[],
  options: ChartOptions = {},
): TopLevelSpec => {
  const { title, width = 420, height = 420 } = options;
  return {
    ...(title === undefined ? {} : { title }),
    width,
    height,
    data: { values: trajectories.flatMap(rowsOf) },
    mark: { type: 'line', strokeWidth: 3 },
    encoding: {
      x: { field: 'q', type: 'quantitative', title: 'Position (q)' },
      y: { field: 'p', type: 'quantitative', title: 'Momentum (p)' },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        sort: trajectories.map((t) => t.name),
      },
      order: { field: 'i', type: 'quantitative' },
    },
  };
};

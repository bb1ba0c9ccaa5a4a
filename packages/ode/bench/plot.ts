/**
 * The work-precision diagram as SVG: a vega-lite specification compiled to vega and drawn by a
 * headless vega View, in Node, without a browser.
 */
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { WorkPoint } from './work-precision.js';

/** Error against time, log-log, one panel per problem, one line per method. */
export const workPrecisionSpec = (points: readonly WorkPoint[]): TopLevelSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: 'Work-precision: end-state error against time per solve',
  data: { values: points.filter((p) => Number.isFinite(p.error) && p.error > 0) as object[] },
  facet: { column: { field: 'problem', type: 'nominal', title: null } },
  spec: {
    width: 320,
    height: 280,
    layer: [
      {
        mark: { type: 'line', point: true, strokeWidth: 1.5 },
        encoding: {
          x: {
            field: 'micros',
            type: 'quantitative',
            scale: { type: 'log' },
            title: 'time per solve (µs, median)',
          },
          y: {
            field: 'error',
            type: 'quantitative',
            scale: { type: 'log' },
            axis: { format: '.0e' },
            title: 'max error at tf',
          },
          // Sixteen methods: a twenty-colour scheme keeps them apart.
          color: { field: 'method', type: 'nominal', scale: { scheme: 'category20' } },
          strokeDash: {
            field: 'kind',
            type: 'nominal',
            legend: { symbolType: 'stroke', symbolStrokeWidth: 2 },
          },
          // Connect a method's points in the order of its setting (tolerance or step), so
          // timing noise shows as a wiggle along the curve, not as a zigzag across it.
          order: { field: 'setting', type: 'quantitative', sort: 'descending' },
          tooltip: [{ field: 'method' }, { field: 'setting' }, { field: 'nf' }],
        },
      },
    ],
  },
  resolve: { scale: { x: 'independent', y: 'independent' } },
});

/** Renders a vega-lite specification to SVG text. */
export const toSVG = async (spec: TopLevelSpec): Promise<string> => {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
};

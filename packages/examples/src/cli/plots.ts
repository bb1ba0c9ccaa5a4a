/**
 * The plots the `hnn` commands write: phase portraits and energy curves, through the
 * package's vega-lite specifications and renderer, saved atomically as SVG and PNG.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '../io/atomic-write.js';
import { renderSpec } from '../plot/render.js';
import type { Trajectory } from '../plot/phase-portrait.js';

/** The `[nt, 2n]` rows of one trajectory as (q_i, p_i) columns for pair `i`. */
export const pairOf = (
  name: string,
  rows: ArrayLike<number>,
  width: number,
  pair: number,
): Trajectory => {
  const n = width / 2;
  const nt = rows.length / width;
  const q = Array.from({ length: nt }, (_, k) => rows[k * width + pair] as number);
  const p = Array.from({ length: nt }, (_, k) => rows[k * width + n + pair] as number);
  return { name, q, p };
};

/** Writes `spec` as `<dir>/<name>.svg` and `.png`; returns both paths. */
export const writePlot = async (
  dir: string,
  name: string,
  spec: TopLevelSpec,
): Promise<string[]> => {
  await mkdir(dir, { recursive: true });
  const { svg, png } = await renderSpec(spec);
  const svgPath = join(dir, `${name}.svg`);
  const pngPath = join(dir, `${name}.png`);
  await writeFileAtomic(svgPath, svg);
  await writeFileAtomic(pngPath, png);
  return [svgPath, pngPath];
};

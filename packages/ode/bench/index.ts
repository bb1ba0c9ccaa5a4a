/**
 * `pnpm bench`: the head-to-head against dopri and odex, then the work-precision
 * diagram for the oscillator, a pendulum and the Kepler problem, written as SVG to
 * bench/out/. The last line printed is one JSON object with the figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headToHead, type Entry } from './head-to-head.js';
import { toSVG, workPrecisionSpec } from './plot.js';
import { benchProblems } from './problems.js';
import { workPrecision, type WorkPoint } from './work-precision.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'out');

const row = (cells: readonly string[], widths: readonly number[]): string =>
  '| ' + cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ') + ' |';

const table = (entries: readonly Entry[]): string => {
  const head = ['method', 'f evals', 'max error', 'median µs', 'p25-p75 µs'];
  const body = entries.map((e) => [
    e.name,
    String(e.evaluations),
    e.maxError.toExponential(2),
    e.time.median.toFixed(1),
    `${e.time.p25.toFixed(1)}-${e.time.p75.toFixed(1)}`,
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((b) => (b[i] as string).length)),
  );
  const rule = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
  return [row(head, widths), rule, ...body.map((b) => row(b, widths))].join('\n');
};

const main = async (): Promise<void> => {
  console.log('Harmonic oscillator, [0, 1], reltol 1e-3, abstol 1e-6, 1024 output points');
  console.log('(timed round-robin after warm-up; medians of many runs)\n');
  const all = headToHead();
  const dopri = all.find((e) => e.name.startsWith('dopri')) as Entry;
  const matched = all[all.length - 1] as Entry;
  console.log(table(all));
  const tsit5 = all.find((e) => e.name === 'Tsit5 (in-place f)') as Entry;
  const ratio = (e: Entry): string => (e.time.median / dopri.time.median).toFixed(2);
  console.log(
    `\nTsit5 / dopri median time: ${ratio(tsit5)} at the issue's tolerances (error ` +
      `${tsit5.maxError.toExponential(1)} vs ${dopri.maxError.toExponential(1)}); ` +
      `${ratio(matched)} at matched error.`,
  );

  console.log('\nWork-precision sweeps (this takes a minute)...');
  const points: WorkPoint[] = [];
  for (const p of benchProblems()) {
    points.push(...workPrecision(p, (msg) => process.stdout.write(`  ${msg}\n`)));
  }
  mkdirSync(out, { recursive: true });
  const svgPath = join(out, 'work-precision.svg');
  writeFileSync(svgPath, await toSVG(workPrecisionSpec(points)));
  writeFileSync(join(out, 'work-precision.json'), JSON.stringify(points, null, 1));
  console.log(`wrote ${svgPath}`);

  const figures = {
    headToHead: all.map((e) => ({
      name: e.name,
      evaluations: e.evaluations,
      maxError: e.maxError,
      medianMicros: e.time.median,
      p25Micros: e.time.p25,
      p75Micros: e.time.p75,
    })),
    workPrecisionPoints: points.length,
    svg: svgPath,
  };
  console.log(JSON.stringify(figures));
};

await main();

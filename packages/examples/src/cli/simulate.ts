/**
 * `hnn simulate`: roll a saved model out from a start state, and write the trajectory (CSV),
 * its phase portrait and its energy (SVG and PNG).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fromTypedArray, type Tensor } from '@hamiltonian/tensor';
import * as t from 'io-ts';
import { writeFileAtomic } from '../io/atomic-write.js';
import { loadModel } from '../io/model-file.js';
import { energySpec, type EnergySeries } from '../plot/energy.js';
import { phasePortraitSpec, type Trajectory } from '../plot/phase-portrait.js';
import { linspace, solveTrue } from '../systems/generate.js';
import { atLeastTwo, finiteNumber, listOf, nonNegativeInt, positive, span } from './codecs.js';
import { InputError, decodeOrThrow, nonEmptyString } from './decode.js';
import { learnerOf, systemOf } from './experiment.js';
import { keyFor } from './fit.js';
import { formatSeconds, inCwd, shown, type CommandIo } from './io.js';
import { FIXED_STEP, methodByName } from './methods.js';
import { pairOf, writePlot } from './plots.js';
import { rollout, energiesOf } from './rollout.js';

/** The help text of `hnn simulate`. */
export const SIMULATE_USAGE = `Usage: hnn simulate --model FILE [options]

  --x0 Q1,...,P1,...   start state (default: one drawn from the model's system with --seed)
  --tspan T0,T1        time span (default 0,10)
  --points N           saved times (default 500)
  --method NAME        Tsit5 (default), DP5, BS3, Vern7, RK4, Midpoint, Heun, Euler
  --reltol R --abstol A  tolerances of adaptive methods (default 1e-8)
  --dt H               step of fixed-step methods (default span / 1000)
  --out DIR            where trajectory.csv, phase-portrait.svg/png and energy.svg/png go
                       (default hnn-simulation)`;

const Flags = t.intersection([
  t.type({ model: nonEmptyString }),
  t.partial({
    x0: listOf(finiteNumber, 'comma-separated numbers'),
    tspan: span,
    points: atLeastTwo,
    method: nonEmptyString,
    reltol: positive,
    abstol: positive,
    dt: positive,
    out: nonEmptyString,
    seed: nonNegativeInt,
  }),
]);

const csvOf = (
  coords: readonly string[],
  times: readonly number[],
  rows: Float64Array,
  energies: readonly [string, Float64Array][],
): string => {
  const w = coords.length;
  const header = ['t', ...coords, ...energies.map(([name]) => name)].join(',');
  const lines = times.map((ti, k) =>
    [ti, ...rows.subarray(k * w, (k + 1) * w), ...energies.map(([, e]) => e[k])].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
};

/**
 * Runs `hnn simulate` with `argv` (the words after `simulate`); returns the exit code.
 *
 * @example
 * await simulateCommand(['--model', 'spring.json', '--x0', '0.5,0', '--tspan', '0,20'], io);
 */
export const simulateCommand = async (argv: readonly string[], io: CommandIo): Promise<number> => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(SIMULATE_USAGE);
    return 0;
  }
  const options = Object.fromEntries(
    ['model', 'x0', 'tspan', 'points', 'method', 'reltol', 'abstol', 'dt', 'out', 'seed'].map(
      (k) => [k, { type: 'string' as const }],
    ),
  );
  const { values } = parseArgs({ args: [...argv], options, strict: true });
  if (values['model'] === undefined)
    throw new InputError('--model: expected a model file (from hnn train)');
  const flags = decodeOrThrow(Flags, values, '--');
  const start = performance.now();
  const modelPath = inCwd(io, flags.model);
  const model = await loadModel(modelPath);
  const { learner, params } = learnerOf(model);
  const system = systemOf(model.system);
  const width = model.coords.length;

  const x0 = startState(flags.x0, width, system, flags.seed ?? 0, model.coords);
  const tspan = flags.tspan ?? [0, 10];
  const times = linspace(tspan, flags.points ?? 500);
  const methodName = flags.method ?? 'Tsit5';
  const alg = methodByName(methodName);
  const dt = flags.dt ?? (FIXED_STEP.has(alg.name) ? (tspan[1] - tspan[0]) / 1000 : undefined);
  const result = rollout(learner, params, x0, times, {
    alg,
    reltol: flags.reltol ?? 1e-8,
    abstol: flags.abstol ?? 1e-8,
    ...(dt === undefined ? {} : { dt }),
  });
  if (result.retcode !== 'Success') io.err(`warning: the rollout stopped early: ${result.message}`);
  const rows = result.states.data as Float64Array;
  const reached = result.t;

  const energies: [string, Float64Array][] = [];
  const series: EnergySeries[] = [];
  const trajectories: Trajectory[] = [];
  const statesTensor = fromTypedArray(rows, [reached.length, width]);
  if (learner.energy !== undefined) {
    const learned = Float64Array.from((learner.energy(statesTensor, params) as Tensor).data);
    energies.push(['H_learned', learned]);
    series.push({ trajectory: 'Learned', hamiltonian: 'learned H', t: reached, H: learned });
  }
  if (system !== undefined) {
    const trueAlong = energiesOf(system, statesTensor);
    energies.push(['H_true', trueAlong]);
    series.push({ trajectory: 'Learned', hamiltonian: 'true H', t: reached, H: trueAlong });
    const reference = solveTrue(system, x0, reached, 1e-10);
    const refRows = reference.data as Float64Array;
    series.push({
      trajectory: 'True',
      hamiltonian: 'true H',
      t: reached,
      H: energiesOf(system, reference),
    });
    for (let i = 0; i < width / 2; i++)
      trajectories.push(pairOf(`True ${pairName(model.coords, i)}`, refRows, width, i));
  }
  for (let i = 0; i < width / 2; i++)
    trajectories.push(pairOf(`Learned ${pairName(model.coords, i)}`, rows, width, i));

  const outDir = inCwd(io, flags.out ?? 'hnn-simulation');
  await mkdir(outDir, { recursive: true });
  const csvPath = join(outDir, 'trajectory.csv');
  await writeFileAtomic(csvPath, csvOf(model.coords, reached, rows, energies));
  const kind = model.architecture.kind === 'hnn' ? 'HNN' : 'baseline';
  const files = [
    csvPath,
    ...(await writePlot(
      outDir,
      'phase-portrait',
      phasePortraitSpec(trajectories, { title: `${kind} rollout with ${alg.name}` }),
    )),
    ...(series.length === 0
      ? []
      : await writePlot(
          outDir,
          'energy',
          energySpec(series, { title: 'Energy along the rollout' }),
        )),
  ];

  for (const [name, e] of energies) {
    const drift = Math.max(...Array.from(e, (v) => Math.abs(v - (e[0] as number))));
    io.out(
      `${name}: starts at ${(e[0] as number).toPrecision(6)}, ` +
        `largest change ${drift.toExponential(2)}`,
    );
  }
  const from = Array.from(x0.data as Float64Array, (v) => v.toPrecision(4)).join(', ');
  const seconds = formatSeconds((performance.now() - start) / 1000);
  io.out(
    `Rolled out ${kind} from [${from}] over [${tspan.join(', ')}] with ${alg.name} ` +
      `(${reached.length} saved times) in ${seconds}`,
  );
  io.out(`Files written:`);
  for (const f of files) io.out(`  ${shown(io, f)}`);
  return 0;
};

const pairName = (coords: readonly string[], i: number): string =>
  `(${coords[i]}, ${coords[i + coords.length / 2]})`;

const startState = (
  x0: readonly number[] | undefined,
  width: number,
  system: ReturnType<typeof systemOf>,
  seed: number,
  coords: readonly string[],
): Tensor => {
  if (x0 !== undefined) {
    if (x0.length !== width) {
      throw new InputError(
        `--x0: got ${x0.length} numbers, expected ${width} (${coords.join(', ')})`,
      );
    }
    return fromTypedArray(Float64Array.from(x0), [width]);
  }
  if (system === undefined) {
    throw new InputError(
      `--x0: the model was trained on a data file, so give a start state (${coords.join(', ')})`,
    );
  }
  const sample = system.sample(keyFor(seed, 'rollout'), 1);
  return fromTypedArray(Float64Array.from(sample.data as Float64Array), [width]);
};

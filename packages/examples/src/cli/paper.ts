/**
 * `hnn paper`: the HNN paper's Table 1 tasks that need no external data (ideal mass-spring,
 * ideal pendulum, two-body), with its setups, printed beside its published figures
 * (Greydanus, Dzamba and Yosinski, "Hamiltonian Neural Networks", NeurIPS 2019).
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import * as t from 'io-ts';
import { energySpec, type EnergySeries } from '../plot/energy.js';
import { phasePortraitSpec } from '../plot/phase-portrait.js';
import { energiesOf } from './rollout.js';
import { fromTypedArray, type Tensor } from '@hamiltonian/tensor';
import { BUILTIN_NAMES, type BuiltinName } from '../systems/builtin.js';
import { listOf, oneOf, positiveInt, nonNegativeInt, flag } from './codecs.js';
import { references, score, type References, type Scores } from './compare.js';
import { decodeOrThrow, nonEmptyString } from './decode.js';
import { loadRunData, trainOne, type RunData } from './experiment.js';
import { formatSeconds, inCwd, shown, type CommandIo } from './io.js';
import { pairOf, writePlot } from './plots.js';
import { formatTable, sci, withError } from './table.js';
import { TRAIN_DEFAULTS, type TrainSettings } from './train-options.js';

interface Published {
  readonly train: readonly [number, number, number, number];
  readonly test: readonly [number, number, number, number];
  readonly energy: readonly [number, number, number, number];
}

/**
 * The paper's figures (baseline mean, stderr, HNN mean, stderr), as its code's README lists
 * them; Table 1 shows the same values scaled by 10^3 (10^6 for the two-body losses).
 */
export const PUBLISHED: Readonly<Record<BuiltinName, Published>> = {
  spring: {
    train: [3.7134e-2, 1.9143e-3, 3.6933e-2, 1.9128e-3],
    test: [3.6656e-2, 1.8652e-3, 3.5928e-2, 1.8328e-3],
    energy: [1.7077e-1, 2.06e-2, 3.8416e-4, 6.53e-5],
  },
  pendulum: {
    train: [3.2606e-2, 1.7434e-3, 3.2787e-2, 1.7567e-3],
    test: [3.5273e-2, 1.797e-3, 3.5586e-2, 1.8178e-3],
    energy: [4.1519e-2, 9.62e-3, 2.4852e-2, 5.42e-3],
  },
  'two-body': {
    train: [3.2682e-5, 1.2022e-6, 2.9959e-6, 6.55e-8],
    test: [2.9575e-5, 8.89e-7, 2.8218e-6, 4.202e-8],
    energy: [6.3276e-2, 3.36e-2, 3.8751e-5, 5.04e-6],
  },
};

/** A task's training setup. */
interface Setup {
  readonly steps: number;
  readonly batchsize: number | 'full';
  readonly weightDecay: number;
}

/** The paper's setups: Adam 1e-3, MLP 200-200 tanh (orthogonal init); its code's step counts. */
const FULL: Readonly<Record<BuiltinName, Setup>> = {
  spring: { steps: 2000, batchsize: 'full', weightDecay: 1e-4 },
  pendulum: { steps: 2000, batchsize: 'full', weightDecay: 1e-4 },
  'two-body': { steps: 10000, batchsize: 200, weightDecay: 0 },
};

/** `--quick`: what differs from the paper, stated in the output and the README. */
const QUICK = { hidden: 32, steps: { spring: 500, pendulum: 500, 'two-body': 2000 } } as const;

const TITLES: Readonly<Record<BuiltinName, string>> = {
  spring: 'Ideal mass-spring',
  pendulum: 'Ideal pendulum',
  'two-body': 'Two-body',
};

/** The help text of `hnn paper`. */
export const PAPER_USAGE = `Usage: hnn paper [--quick] [--tasks spring,pendulum,two-body]
                 [--out DIR]

Trains a baseline and an HNN on each task with the paper's data and setup (MLP 200-200 tanh,
orthogonal init, Adam 1e-3; spring and pendulum: 2000 full-batch steps, weight decay 1e-4;
two-body: 10000 steps of batch 200), prints train loss, test loss and energy MSE beside the
paper's figures, and writes a phase portrait and an energy plot per task to DIR
(default hnn-paper).

  --quick          hidden width ${QUICK.hidden} instead of 200 and fewer steps (spring and
                   pendulum ${QUICK.steps.spring} instead of 2000; two-body
                   ${QUICK.steps['two-body']} instead of 10000): minutes instead of about an hour
                   on one core
  --steps N        override the step count of every task
  --hidden N       override the hidden width
  --trajectories N override the number of trajectories of every task
  --rollouts N     held-out initial states for the energy MSE (default 10)
  --seed N         seed of data, initial weights and batches (default 0)
  --no-plots       skip the plots`;

const Flags = t.partial({
  quick: flag,
  tasks: listOf(oneOf(BUILTIN_NAMES), 'comma-separated tasks (spring, pendulum, two-body)'),
  steps: positiveInt,
  hidden: positiveInt,
  trajectories: positiveInt,
  rollouts: positiveInt,
  seed: nonNegativeInt,
  out: nonEmptyString,
  'no-plots': flag,
});

interface TaskResult {
  readonly task: BuiltinName;
  readonly baseline: Scores;
  readonly hnn: Scores;
  readonly seconds: number;
  readonly steps: number;
  readonly files: readonly string[];
}

const settingsFor = (
  task: BuiltinName,
  flags: t.TypeOf<typeof Flags>,
  seed: number,
): TrainSettings => {
  const setup = FULL[task];
  const quick = flags.quick === true;
  const steps = flags.steps ?? (quick ? QUICK.steps[task] : setup.steps);
  const hidden = flags.hidden ?? (quick ? QUICK.hidden : 200);
  return {
    ...TRAIN_DEFAULTS,
    source: { kind: 'system', name: task },
    ...(flags.trajectories === undefined ? {} : { trajectories: flags.trajectories }),
    hidden: [hidden, hidden],
    weightDecay: setup.weightDecay,
    batchsize: setup.batchsize,
    epochs: steps,
    seed,
  };
};

/** Steps are epochs for full batch; for minibatches, epochs of `size / batchsize` steps. */
const epochsFor = (settings: TrainSettings, data: RunData): TrainSettings => {
  if (settings.batchsize === 'full') return settings;
  const size = data.trainSamples.data.shape[0] as number;
  const perEpoch = Math.ceil(size / settings.batchsize);
  return { ...settings, epochs: Math.max(1, Math.round(settings.epochs / perEpoch)) };
};

const taskPlots = async (
  dir: string,
  task: BuiltinName,
  data: RunData,
  refs: References,
  rows: readonly Scores[],
): Promise<string[]> => {
  const system = data.system;
  if (system === undefined) return [];
  const width = data.coords.length;
  const first = (states: Tensor): Tensor => {
    const nt = states.shape[0] as number;
    const batch = states.shape[1] as number;
    const out = new Float64Array(nt * width);
    for (let k = 0; k < nt; k++)
      out.set(
        states.data.subarray(k * batch * width, (k * batch + 1) * width) as Float64Array,
        k * width,
      );
    return fromTypedArray(out, [nt, width]);
  };
  const truth = first(refs.states);
  const trajectories = [pairOf('True', truth.data, width, 0)];
  const series: EnergySeries[] = [
    { trajectory: 'True', hamiltonian: 'true H', t: refs.times, H: energiesOf(system, truth) },
  ];
  for (const s of rows) {
    if (s.learned === undefined) continue;
    const mine = first(s.learned.states);
    trajectories.push(pairOf(s.label, mine.data, width, 0));
    series.push({
      trajectory: s.label,
      hamiltonian: 'true H',
      t: s.learned.t,
      H: energiesOf(system, mine),
    });
  }
  const pair = `(${data.coords[0]}, ${data.coords[width / 2]})`;
  const title = `${TITLES[task]}: ${pair} of a held-out rollout`;
  return [
    ...(await writePlot(dir, `${task}-phase-portrait`, phasePortraitSpec(trajectories, { title }))),
    ...(await writePlot(
      dir,
      `${task}-energy`,
      energySpec(series, { title: `${TITLES[task]}: true energy along the rollouts` }),
    )),
  ];
};

const runTask = async (
  task: BuiltinName,
  flags: t.TypeOf<typeof Flags>,
  io: CommandIo,
  outDir: string | undefined,
): Promise<TaskResult> => {
  const start = performance.now();
  const seed = flags.seed ?? 0;
  const base = settingsFor(task, flags, seed);
  const data = await loadRunData(base);
  const settings = epochsFor(base, data);
  const system = data.system;
  if (system === undefined) throw new Error('internal: a paper task without a system');
  const refs = references(
    system,
    seed,
    flags.rollouts ?? 10,
    system.rolloutTspan,
    system.defaults.points,
  );
  io.err(
    `${TITLES[task]}: ${data.trainSamples.data.shape[0]} train samples, ` +
      `${base.epochs} steps per model`,
  );
  const [baseline, hnn] = (['baseline', 'hnn'] as const).map((kind) => {
    const trained = trainOne(data, settings, kind, io.progress);
    return score(kind === 'hnn' ? 'HNN' : 'Baseline', trained.learner, trained.params, data, refs);
  }) as [Scores, Scores];
  const files =
    outDir === undefined ? [] : await taskPlots(outDir, task, data, refs, [baseline, hnn]);
  return {
    task,
    baseline,
    hnn,
    files,
    steps: base.epochs,
    seconds: (performance.now() - start) / 1000,
  };
};

const pngNames = (results: readonly TaskResult[]): string[] =>
  results.flatMap((r) => r.files.filter((f) => f.endsWith('.png')).map((f) => basename(f)));

const tableOf = (results: readonly TaskResult[]): string[] => {
  const rows: string[][] = [];
  for (const r of results) {
    const p = PUBLISHED[r.task];
    const energy = (s: Scores) => `${sci(s.energyMse)}${s.rolloutsComplete ? '' : '*'}`;
    rows.push([
      TITLES[r.task],
      'baseline',
      withError(r.baseline.trainLoss.mean, r.baseline.trainLoss.stderr),
      withError(p.train[0], p.train[1]),
      withError(r.baseline.testLoss.mean, r.baseline.testLoss.stderr),
      withError(p.test[0], p.test[1]),
      energy(r.baseline),
      withError(p.energy[0], p.energy[1]),
    ]);
    rows.push([
      '',
      'HNN',
      withError(r.hnn.trainLoss.mean, r.hnn.trainLoss.stderr),
      withError(p.train[2], p.train[3]),
      withError(r.hnn.testLoss.mean, r.hnn.testLoss.stderr),
      withError(p.test[2], p.test[3]),
      energy(r.hnn),
      withError(p.energy[2], p.energy[3]),
    ]);
  }
  return formatTable(
    [
      'task',
      'model',
      'train loss (ours)',
      '(paper)',
      'test loss (ours)',
      '(paper)',
      'energy MSE (ours)',
      '(paper)',
    ],
    rows,
  );
};

/**
 * Runs `hnn paper` with `argv` (the words after `paper`); returns the exit code.
 *
 * @example
 * await paperCommand(['--quick'], io);
 */
export const paperCommand = async (argv: readonly string[], io: CommandIo): Promise<number> => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(PAPER_USAGE);
    return 0;
  }
  const strings = ['tasks', 'steps', 'hidden', 'trajectories', 'rollouts', 'seed', 'out'];
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...Object.fromEntries(strings.map((k) => [k, { type: 'string' as const }])),
      quick: { type: 'boolean' },
      'no-plots': { type: 'boolean' },
    },
    strict: true,
  });
  const flags = decodeOrThrow(Flags, values, '--');
  const tasks = flags.tasks ?? [...BUILTIN_NAMES];
  const outDir = flags['no-plots'] === true ? undefined : inCwd(io, flags.out ?? 'hnn-paper');
  const start = performance.now();
  const mode =
    flags.quick === true
      ? `--quick: hidden width ${flags.hidden ?? QUICK.hidden} instead of 200 and fewer ` +
        'steps than the paper (see below)'
      : "the paper's full setup";
  io.out(`HNN paper, Table 1 tasks without external data; ${mode}.`);
  const results: TaskResult[] = [];
  for (const task of tasks) {
    const r = await runTask(task, flags, io, outDir);
    io.err(`${TITLES[task]} done in ${formatSeconds(r.seconds)}`);
    results.push(r);
  }
  io.out('');
  for (const line of tableOf(results)) io.out(line);
  io.out('');
  io.out(
    'Losses are the MSE of (dq/dt, dp/dt) ± standard error; energy MSE compares the true H along',
  );
  io.out(
    'rollouts of the learned field (Tsit5) with the true trajectories from held-out initial ' +
      'states.',
  );
  if (results.some((r) => !r.baseline.rolloutsComplete || !r.hnn.rolloutsComplete)) {
    io.out('* a rollout stopped early (the learned field blew up); MSE over the times it reached.');
  }
  for (const r of results) {
    io.out(
      `${TITLES[r.task]}: ${r.steps} steps per model (paper ${FULL[r.task].steps}), ` +
        formatSeconds(r.seconds),
    );
  }
  if (outDir !== undefined) {
    io.out(`Plots in ${shown(io, outDir)}: ${pngNames(results).join(', ')}`);
  }
  io.out(`Total time ${formatSeconds((performance.now() - start) / 1000)}.`);
  return 0;
};

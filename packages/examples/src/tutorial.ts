/**
 * The reference tutorial (DiffEqFlux.jl's Hamiltonian Neural Network on a spring) end to end:
 * train an HNN on one orbit, print the loss as the tutorial does, solve the learned dynamics
 * and plot them against the data.
 *
 * Run it with `pnpm --filter @hamiltonian/examples run tutorial [--out DIR] [--epochs N]`.
 */
import { realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { jit, mul, square, sum, type Value } from '@hamiltonian/autodiff';
import {
  HamiltonianNN,
  NeuralHamiltonianDE,
  energyDrift as hnnEnergyDrift,
} from '@hamiltonian/hnn';
import { Adam, Chain, DataLoader, Dense, mse, train, trainStep } from '@hamiltonian/nn';
import { Tsit5, type ODESolution } from '@hamiltonian/ode';
import { isTensor, item, random, reshape, take, type Key, type Tensor } from '@hamiltonian/tensor';
import { SingleBar } from 'cli-progress';
import * as t from 'io-ts';
import { decodeOrThrow, intFromString, nonEmptyString } from './cli/decode.js';
import { SPRING_OMEGA, springData, springHamiltonian, type SpringData } from './data/spring.js';
import { writeFileAtomic } from './io/atomic-write.js';
import { energySpec, type EnergySeries } from './plot/energy.js';
import { phasePortraitSpec } from './plot/phase-portrait.js';
import { renderSpec } from './plot/render.js';

/** Where the plots go by default: `packages/examples/out` (gitignored). */
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../out', import.meta.url));

/** Options of `runTutorial`; the defaults are the tutorial's. */
export interface TutorialOptions {
  /** Passes over the data (default 500). */
  readonly epochs?: number;
  /** Report the full-data loss after epochs 1, 1 + every, 1 + 2 every, ... (default 100). */
  readonly reportEvery?: number;
  /** Seeds the initial parameters and the batch order (default 0). */
  readonly seed?: number;
  /** The directory for the plots (default `DEFAULT_OUT_DIR`); `null` skips plotting. */
  readonly outDir?: string | null;
  /** Receives each line the tutorial prints (default: standard output). */
  readonly log?: (line: string) => void;
  /** Show a progress bar on standard error while training (default: when it is a terminal). */
  readonly progress?: boolean;
}

/** What `runTutorial` did, for a caller that checks it rather than reads it. */
export interface TutorialResult {
  /** The full-data losses it reported, with the epoch after which each was measured. */
  readonly losses: readonly { readonly epoch: number; readonly loss: number }[];
  /** The learned trajectory's largest distance from (sin 2πt, cos 2πt) over the saved times. */
  readonly trajectoryError: number;
  /**
   * The largest relative change along the learned trajectory of the true energy (the model's
   * error) and of the learned one (the solver's error: the learned flow conserves it exactly).
   */
  readonly energyDrift: { readonly trueH: number; readonly learnedH: number };
  /** The files written, in order: phase portrait SVG and PNG, energy SVG and PNG. */
  readonly files: readonly string[];
  /** Wall-clock milliseconds of each stage and in total. */
  readonly timings: { readonly train: number; readonly solve: number; readonly plot: number };
  readonly totalMs: number;
}

/**
 * The tutorial's loss line, `Loss Neural Hamiltonian DE = 0.022630047`: eight significant
 * digits without trailing zeros, close to how Julia prints the tutorial's Float32 losses.
 *
 * @example
 * formatLossLine(18.76881432); // 'Loss Neural Hamiltonian DE = 18.768814'
 */
export const formatLossLine = (loss: number): string =>
  `Loss Neural Hamiltonian DE = ${String(Number(loss.toPrecision(8)))}`;

/**
 * The epochs after which the tutorial reports the loss: 1, 1 + every, 1 + 2 every, ... and the
 * last one (once, if it is also a mark).
 *
 * @example
 * reportEpochs(500, 100); // [1, 101, 201, 301, 401, 500]
 */
export const reportEpochs = (epochs: number, every: number): number[] => {
  const marks = Array.from({ length: Math.ceil(epochs / every) }, (_, i) => 1 + i * every);
  return marks[marks.length - 1] === epochs ? marks : [...marks, epochs];
};

const makeModel = (seed: number) => {
  const [initKey, shuffleKey] = random.split(random.key(seed)) as [Key, Key];
  const hnn = HamiltonianNN(Chain(Dense(2, 64, 'relu'), Dense(64, 1)), { key: initKey });
  return { hnn, shuffleKey };
};

type Hnn = ReturnType<typeof makeModel>['hnn'];

/** Progress over epochs, and printing that keeps the bar and the printed lines apart. */
interface Progress {
  update(epoch: number): void;
  /** Prints `line` above the bar. */
  print(line: string): void;
  stop(): void;
}

/**
 * A cli-progress bar on standard error. The bar redraws its own line from a saved cursor
 * position, so a line printed while it runs would be overwritten: `print` stops the bar (which
 * clears it), prints, and starts it again below.
 */
const progressBar = (epochs: number, enabled: boolean, log: (line: string) => void): Progress => {
  if (!enabled) return { update: () => {}, print: log, stop: () => {} };
  const bar = new SingleBar({
    format: 'Training |{bar}| epoch {value}/{total} | {eta_formatted} left',
    stream: process.stderr,
    clearOnComplete: true,
    hideCursor: true,
  });
  let epoch = 0;
  bar.start(epochs, epoch);
  return {
    update: (e) => {
      epoch = e;
      bar.update(e);
    },
    print: (line) => {
      bar.stop();
      log(line);
      if (epoch < epochs) bar.start(epochs, epoch);
    },
    stop: () => bar.stop(),
  };
};

/** Trains with one jit-compiled call per batch; returns the final parameters. */
const trainHnn = (
  hnn: Hnn,
  shuffleKey: Key,
  spring: SpringData,
  options: Required<Pick<TutorialOptions, 'epochs' | 'reportEvery' | 'progress' | 'log'>>,
  losses: { epoch: number; loss: number }[],
): Tensor => {
  const { epochs, reportEvery, log } = options;
  const loss = (params: Value, x: Value, y: Value): Value => mse(hnn(x, params), y);
  const optimiser = Adam(0.01);
  const loader = DataLoader(spring, { batchsize: 256, shuffle: true, key: shuffleKey });
  const fullLoss = jit(loss);
  const marks = new Set(reportEpochs(epochs, reportEvery));
  const bar = progressBar(epochs, options.progress, log);

  const run = () =>
    train<Value>({
      loss,
      params: hnn.params,
      optimiser,
      loader,
      epochs,
      step: jit(trainStep(loss, optimiser)),
      callback: ({ epoch, params }) => {
        bar.update(epoch);
        if (!marks.has(epoch)) return;
        const value = item(fullLoss(params, spring.data, spring.target) as Tensor);
        losses.push({ epoch, loss: value });
        bar.print(formatLossLine(value));
      },
    });
  let result: ReturnType<typeof run>;
  try {
    result = run();
  } finally {
    bar.stop(); // on an error too, so the terminal gets its cursor back
  }
  if (result.retcode !== 'Success') {
    throw new Error(
      `tutorial: training stopped after epoch ${result.epochs} with retcode ` +
        `${result.retcode} (loss ${result.losses[result.losses.length - 1]}); try another seed`,
    );
  }
  return result.params as Tensor;
};

interface Solved {
  readonly solution: ODESolution;
  readonly predicted: Tensor;
  readonly trajectoryError: number;
}

/** Solves the learned dynamics from the first data point, saving at the data's times. */
const solveLearned = (hnn: Hnn, params: Tensor, spring: SpringData): Solved => {
  const times = Array.from(spring.t.data);
  const de = NeuralHamiltonianDE(hnn, [0, 1], Tsit5(), {
    saveEverystep: false,
    saveStart: true,
    saveat: times,
  });
  const x0 = reshape(take(spring.data, [0]), [2]) as Tensor;
  const solution = de(x0, params);
  if (!solution.successful) {
    throw new Error(`tutorial: solving the learned dynamics failed: ${solution.message}`);
  }
  const predicted = solution.toTensor();
  if (!isTensor(predicted)) throw new Error('internal: an untraced solve returned a tracer');
  let trajectoryError = 0;
  for (let i = 0; i < times.length; i++) {
    const dq = (predicted.data[2 * i] as number) - (spring.data.data[2 * i] as number);
    const dp = (predicted.data[2 * i + 1] as number) - (spring.data.data[2 * i + 1] as number);
    trajectoryError = Math.max(trajectoryError, Math.hypot(dq, dp));
  }
  return { solution, predicted, trajectoryError };
};

const columns = (states: Tensor): { q: number[]; p: number[] } => {
  const n = states.shape[0] as number;
  const q = Array.from({ length: n }, (_, i) => states.data[2 * i] as number);
  const p = Array.from({ length: n }, (_, i) => states.data[2 * i + 1] as number);
  return { q, p };
};

/**
 * The four energy curves: the true H and the learned H along both trajectories. The learned H
 * is shifted to agree with the true one at the first data point, since an HNN learns H only up
 * to a constant.
 */
const energies = (hnn: Hnn, params: Tensor, spring: SpringData, predicted: Tensor) => {
  const t = Array.from(spring.t.data);
  const learned = (states: Tensor) => Array.from((hnn.hamiltonian(states, params) as Tensor).data);
  const original = spring.data;
  const { q: q0, p: p0 } = columns(original);
  const shift = springHamiltonian(q0[0]!, p0[0]!) - learned(original)[0]!;
  const series: EnergySeries[] = [];
  for (const [trajectory, states] of [
    ['Original', original],
    ['Predicted', predicted],
  ] as const) {
    const { q, p } = columns(states);
    const trueH = q.map((qi, i) => springHamiltonian(qi, p[i]!));
    series.push({ trajectory, hamiltonian: 'true H', t, H: trueH });
    series.push({
      trajectory,
      hamiltonian: 'learned H',
      t,
      H: learned(states).map((h) => h + shift),
    });
  }
  return series;
};

/** The spring's H = ω (q² + p²) / 2 in differentiable ops, for hnn's energy diagnostics. */
const trueHamiltonian = (x: Value): Value => mul(sum(square(x), { axis: -1 }), SPRING_OMEGA / 2);

/** Writes the phase portrait and the energy plot as SVG and PNG; returns the paths. */
const writePlots = async (
  outDir: string,
  spring: SpringData,
  predicted: Tensor,
  series: readonly EnergySeries[],
): Promise<string[]> => {
  await mkdir(outDir, { recursive: true });
  const portrait = phasePortraitSpec(
    [
      { name: 'Original', ...columns(spring.data) },
      { name: 'Predicted', ...columns(predicted) },
    ],
    { title: 'Spring: data against the learned Hamiltonian dynamics' },
  );
  const energy = energySpec(series, { title: 'Energy along the trajectories' });
  const files: string[] = [];
  for (const [name, spec] of [
    ['phase-portrait', portrait],
    ['energy', energy],
  ] as const) {
    const { svg, png } = await renderSpec(spec);
    const svgPath = join(outDir, `${name}.svg`);
    const pngPath = join(outDir, `${name}.png`);
    await writeFileAtomic(svgPath, svg);
    await writeFileAtomic(pngPath, png);
    files.push(svgPath, pngPath);
  }
  return files;
};

/**
 * Runs the tutorial: the spring data (1024 times), `HamiltonianNN(Chain(Dense(2, 64, relu),
 * Dense(64, 1)))`, `Adam(0.01)`, shuffled batches of 256, a jit-compiled training step, the
 * full-data loss printed after epochs 1, 101, 201, 301, 401 and at the end; then the learned
 * dynamics solved with Tsit5 from the first data point and plotted against the data.
 *
 * Pitfall: the default `log` prints and the default `outDir` writes into the package; pass
 * `log` and `outDir` (or `null`) to keep a caller's output clean.
 *
 * @example
 * const result = await runTutorial({ epochs: 10, reportEvery: 2, outDir: null, log: () => {} });
 * result.losses.length; // 6
 */
export const runTutorial = async (options: TutorialOptions = {}): Promise<TutorialResult> => {
  const start = performance.now();
  const {
    epochs = 500,
    reportEvery = 100,
    seed = 0,
    outDir = DEFAULT_OUT_DIR,
    log = (line: string) => console.log(line),
    progress = process.stderr.isTTY === true,
  } = options;
  if (!Number.isSafeInteger(epochs) || epochs < 1) {
    throw new RangeError(`runTutorial: epochs must be an integer >= 1, got ${epochs}`);
  }
  if (!Number.isSafeInteger(reportEvery) || reportEvery < 1) {
    throw new RangeError(`runTutorial: reportEvery must be an integer >= 1, got ${reportEvery}`);
  }

  const spring = springData(1024);
  const { hnn, shuffleKey } = makeModel(seed);
  const losses: { epoch: number; loss: number }[] = [];
  const trainOptions = { epochs, reportEvery, progress, log };
  const params = trainHnn(hnn, shuffleKey, spring, trainOptions, losses);
  const trained = performance.now();

  const { solution, predicted, trajectoryError } = solveLearned(hnn, params, spring);
  const energyDrift = {
    trueH: hnnEnergyDrift(solution, trueHamiltonian).relative,
    learnedH: hnnEnergyDrift(solution, (x) => hnn.hamiltonian(x, params)).relative,
  };
  const solved = performance.now();

  const series = energies(hnn, params, spring, predicted);
  const files = outDir === null ? [] : await writePlots(outDir, spring, predicted, series);
  const end = performance.now();

  return {
    losses,
    trajectoryError,
    energyDrift,
    files,
    timings: { train: trained - start, solve: solved - trained, plot: end - solved },
    totalMs: end - start,
  };
};

const Flags = t.partial({
  out: nonEmptyString,
  epochs: intFromString(1),
  seed: intFromString(0),
});

const USAGE = `Usage: tutorial [--out DIR] [--epochs N] [--seed N]

Trains the Hamiltonian neural network of the DiffEqFlux.jl tutorial on a spring, prints the
loss, and writes the phase portrait and energy plots (SVG and PNG) to DIR
(default: ${DEFAULT_OUT_DIR}).`;

/** A path as the user would type it from where they started the command. */
const shown = (path: string): string => {
  const rel = relative(process.env['INIT_CWD'] ?? process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

/** The command line: parse and check the flags, run, print where the plots went and the time. */
export const main = async (argv: readonly string[]): Promise<number> => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      out: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const flags = decodeOrThrow(Flags, values, '--');
  const base = process.env['INIT_CWD'] ?? process.cwd();
  const outDir = flags.out === undefined ? DEFAULT_OUT_DIR : resolve(base, flags.out);
  const result = await runTutorial({
    ...(flags.epochs === undefined ? {} : { epochs: flags.epochs }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    outDir,
  });

  const { train: tr, solve, plot } = result.timings;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const { trueH, learnedH } = result.energyDrift;
  const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
  console.log(
    `Learned trajectory: within ${result.trajectoryError.toFixed(4)} of (sin 2πt, cos 2πt); ` +
      `drift of true H ${percent(trueH)}, of learned H ${percent(learnedH)}`,
  );
  console.log(`Plots written to ${shown(outDir)}:`);
  for (const file of result.files) console.log(`  ${shown(file)}`);
  console.log(
    `Total time ${s(result.totalMs)} (training ${s(tr)}, solve ${s(solve)}, plots ${s(plot)})`,
  );
  return 0;
};

const invokedDirectly = (): boolean => {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(realpathSync(script)).href === import.meta.url;
};

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      process.exitCode = 1;
    },
  );
}

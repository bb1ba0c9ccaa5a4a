/**
 * The hnn benchmark, side by side with Python references on this machine:
 *
 * 1. the tutorial's whole training (500 epochs, 2000 Adam steps of a second-order loss) against
 *    PyTorch (`../../autodiff/bench/hnn_torch.py`, one thread); bar: at most 0.5x its time;
 * 2. the learned-dynamics solve (Tsit5, 1024 saved outputs) against scipy's RK45 calling the
 *    torch model (`scipy_rk45.py`); bar: at most 0.1x its time.
 *
 * The machine is shared and noisy, so both sides run in interleaved rounds and the ratios use
 * the minimum of each side (the least disturbed run); medians are printed too. The last line is
 * one JSON object with times, ratios and whether each bar is met.
 *
 * Run: pnpm --filter @hamiltonian/hnn bench [-- --rounds N]
 */
import { runPython, type PythonResult } from '../../autodiff/bench/run-python.js';
import { deviationFromTruth, learnedDynamics, trainTutorial } from './tutorial.js';

const TRAIN_BAR = 0.5;
const SOLVE_BAR = 0.1;
const SEED = 0;

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const min = (xs: readonly number[]): number => Math.min(...xs);
const num = (r: PythonResult | undefined, field: string): number | undefined =>
  typeof r?.[field] === 'number' ? (r[field] as number) : undefined;
const python = (script: string, args: string[] = []): PythonResult | undefined =>
  runPython(new URL(script, import.meta.url), {
    args,
    onUnavailable: (why) => console.error(`reference unavailable: ${why}`),
  });

// Warm up: V8 and the compiled step, and the compiled vector field of the solve.
trainTutorial(SEED + 1, 20);
const trained = trainTutorial(SEED);
const solveOnce = learnedDynamics(trained);
for (let i = 0; i < 50; i++) solveOnce();
const sol = solveOnce();

const ours = { train: [] as number[], solve: [] as number[], solveMedian: [] as number[] };
const refs = { torch: [] as number[], scipy: [] as number[], scipyMedian: [] as number[] };
let scipyNfev: number | undefined;
for (let round = 0; round < rounds; round++) {
  ours.train.push(trainTutorial(SEED).seconds);
  const torch = num(
    python('../../autodiff/bench/hnn_torch.py', ['--seed', String(SEED)]),
    'seconds',
  );
  if (torch !== undefined) refs.torch.push(torch);

  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    solveOnce();
    times.push((performance.now() - start) / 1000);
  }
  ours.solve.push(min(times));
  ours.solveMedian.push(median(times));
  const scipy = python('./scipy_rk45.py', ['--seed', String(SEED), '--repeats', '15']);
  const scipyMin = num(scipy, 'min_seconds');
  const scipyMedian = num(scipy, 'seconds');
  if (scipyMin !== undefined) refs.scipy.push(scipyMin);
  if (scipyMedian !== undefined) refs.scipyMedian.push(scipyMedian);
  scipyNfev = num(scipy, 'nfev') ?? scipyNfev;
}

const ratio = (a: number, b: readonly number[]) => (b.length > 0 ? a / min(b) : null);
const trainRatio = ratio(min(ours.train), refs.torch);
const solveRatio = ratio(min(ours.solve), refs.scipy);
const ms = (s: number | undefined) => (s === undefined ? 'n/a' : `${(s * 1000).toFixed(2)} ms`);
const sec = (s: number | undefined) => (s === undefined ? 'n/a' : `${s.toFixed(3)} s`);
const refMin = (xs: readonly number[]) => (xs.length > 0 ? min(xs) : undefined);
const refMedian = (xs: readonly number[]) => (xs.length > 0 ? median(xs) : undefined);
const show = (r: number | null, bar: number) =>
  r === null ? 'n/a' : `${r.toFixed(3)}x (bar ${bar}x: ${r <= bar ? 'met' : 'NOT met'})`;

console.log(`hnn benchmark: ${rounds} interleaved rounds, seed ${SEED}`);
console.log('| workload | ours min / median | reference min / median | ratio (min/min) |');
console.log('| --- | --- | --- | --- |');
console.log(
  `| training, 2000 steps | ${sec(min(ours.train))} / ${sec(median(ours.train))} | ` +
    `PyTorch ${sec(refMin(refs.torch))} / ${sec(refMedian(refs.torch))} | ` +
    `${show(trainRatio, TRAIN_BAR)} |`,
);
console.log(
  `| solve, Tsit5, 1024 outputs | ${ms(min(ours.solve))} / ${ms(median(ours.solveMedian))} | ` +
    `scipy RK45 ${ms(refMin(refs.scipy))} / ${ms(refMedian(refs.scipyMedian))} | ` +
    `${show(solveRatio, SOLVE_BAR)} |`,
);
console.log(
  `final loss ${trained.finalLoss.toPrecision(4)}; solve: ${sol.stats.nf} evaluations ` +
    `(scipy ${scipyNfev ?? 'n/a'}), max deviation from (sin, cos) ` +
    deviationFromTruth(sol).toFixed(4),
);
console.log(
  JSON.stringify({
    rounds,
    train: {
      seconds: min(ours.train),
      median_seconds: median(ours.train),
      torch_seconds: refMin(refs.torch) ?? null,
      ratio: trainRatio,
      bar: TRAIN_BAR,
      met: trainRatio === null ? null : trainRatio <= TRAIN_BAR,
      steps: trained.steps,
      final_loss: trained.finalLoss,
    },
    solve: {
      seconds: min(ours.solve),
      median_seconds: median(ours.solveMedian),
      scipy_seconds: refMin(refs.scipy) ?? null,
      ratio: solveRatio,
      bar: SOLVE_BAR,
      met: solveRatio === null ? null : solveRatio <= SOLVE_BAR,
      nf: sol.stats.nf,
      scipy_nfev: scipyNfev ?? null,
      max_deviation: deviationFromTruth(sol),
    },
  }),
);

/**
 * The tutorial's HNN training step, 2000 steps with Adam, timed side by side in one run:
 * - ours: the step written with autodiff ops (nested grad, MSE, valueAndGrad, Adam), `jit`-ed;
 * - the floor: a hand-derived plain-TypeScript step with no AD (hnn-floor.ts);
 * - PyTorch (float32, one thread, create_graph) when /usr/bin/python3 has torch.
 * Same data, Glorot-uniform weights with zero biases, lr 0.01, batch 256 reshuffled each epoch;
 * ours and the floor even share the initial weights and the shuffles.
 *
 * Run: pnpm --filter @hamiltonian/autodiff bench. The last line is one JSON object.
 */
import { fromTypedArray, take, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import {
  add,
  div,
  grad,
  jit,
  matmul,
  mean,
  mul,
  pow,
  relu,
  sqrt,
  square,
  sub,
  sum,
  transpose,
  valueAndGrad,
  type Value,
} from '../src/index.js';
import {
  glorotParams,
  makeUniform,
  shuffleInPlace,
  springData,
  trainFloor,
  type HnnParams,
} from './hnn-floor.js';
import { runPython } from './run-python.js';

interface Params {
  readonly W1: Value; // [64, 2], Flux's layout (out, in)
  readonly b1: Value; // [64]
  readonly W2: Value; // [1, 64]
  readonly b2: Value; // [1]
}
type Moments = Params;
const KEYS = ['W1', 'b1', 'W2', 'b2'] as const;

// dq/dt = dH/dp, dp/dt = -dH/dq is ∇H times this matrix: one small product instead of slices.
const SYMPLECTIC = tensorOrThrow([
  [0, -1],
  [1, 0],
]);

const H = (x: Value, p: Params): Value =>
  add(matmul(relu(add(matmul(x, transpose(p.W1)), p.b1)), transpose(p.W2)), p.b2);
const field = (x: Value, p: Params): Value =>
  matmul(grad((y: Value) => sum(H(y, p)))(x), SYMPLECTIC);
const loss = (p: Params, x: Value, y: Value): Value => mean(square(sub(field(x, p), y)));

const LR = 0.01;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** One training step: the loss's gradient (a second-order program) and Flux's Adam update. */
const step = (p: Params, m: Moments, v: Moments, t: Value, x: Value, y: Value) => {
  const [l, g] = valueAndGrad(loss)(p, x, y) as [Value, Params];
  const t1 = add(t, 1);
  const c1 = sub(1, pow(BETA1, t1));
  const c2 = sub(1, pow(BETA2, t1));
  const next = { p: { ...p }, m: { ...m }, v: { ...v } };
  for (const k of KEYS) {
    const mk = add(mul(m[k], BETA1), mul(g[k], 1 - BETA1));
    const vk = add(mul(v[k], BETA2), mul(square(g[k]), 1 - BETA2));
    const update = div(div(mk, c1), add(sqrt(div(vk, c2)), EPS));
    next.p = { ...next.p, [k]: sub(p[k], mul(update, LR)) };
    next.m = { ...next.m, [k]: mk };
    next.v = { ...next.v, [k]: vk };
  }
  return [next.p, next.m, next.v, t1, l] as const;
};

const fromFloor = (fp: HnnParams): Params => ({
  W1: fromTypedArray(fp.W1, [64, 2]),
  b1: fromTypedArray(fp.b1, [64]),
  W2: fromTypedArray(fp.w2, [1, 64]),
  b2: fromTypedArray(fp.b2, [1]),
});

const zerosLike = (p: Params): Moments =>
  Object.fromEntries(KEYS.map((k) => [k, mul(p[k], 0)])) as unknown as Moments;

/** Trains with the jitted step; times the whole loop (shuffle, gather, step), like the floor. */
const trainOurs = (seed: number, compiled: typeof step) => {
  const uniform = makeUniform(seed);
  const data = springData();
  const X = fromTypedArray(data.X, [data.n, 2]);
  const Y = fromTypedArray(data.Y, [data.n, 2]);
  let p = fromFloor(glorotParams(uniform));
  let m = zerosLike(p);
  let v = zerosLike(p);
  let t: Value = tensorOrThrow(0);
  const perm = Int32Array.from({ length: data.n }, (_, i) => i);
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let epoch = 0; epoch < 500; epoch++) {
    shuffleInPlace(perm, uniform);
    for (let lo = 0; lo < data.n; lo += 256) {
      const rows = perm.subarray(lo, Math.min(lo + 256, data.n));
      [p, m, v, t] = compiled(p, m, v, t, take(X, rows), take(Y, rows));
    }
  }
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - start) / 1000;
  const finalLoss = (loss(p, X, Y) as Tensor).data[0] as number;
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, finalLoss };
};

const floorRun = (seed: number) => {
  const cpu = process.cpuUsage();
  const r = trainFloor({ seed });
  const used = process.cpuUsage(cpu);
  return {
    seconds: r.seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    finalLoss: r.finalLoss,
  };
};

const REPEATS = 9;
const jitted = jit(step);
trainOurs(1, jitted); // warm-up: traces, compiles and lets V8 optimise the generated loops
floorRun(1);

const ours: ReturnType<typeof trainOurs>[] = [];
const floor: ReturnType<typeof floorRun>[] = [];
for (let r = 0; r < REPEATS; r++) {
  ours.push(trainOurs(0, jitted));
  floor.push(floorRun(0));
}
const best = <T extends { seconds: number; cpuSeconds: number }>(runs: T[]) => ({
  seconds: Math.min(...runs.map((x) => x.seconds)),
  cpuSeconds: Math.min(...runs.map((x) => x.cpuSeconds)),
});
const oursBest = best(ours);
const floorBest = best(floor);

const torch = runPython(new URL('./hnn_torch.py', import.meta.url), {
  onUnavailable: (why) => console.log(`PyTorch reference skipped: ${why}`),
});
const torchSeconds = typeof torch?.['seconds'] === 'number' ? torch['seconds'] : null;

const row = (name: string, s: number, cpu: number | null, lossValue: number | null) => {
  const wall = `${s.toFixed(3).padStart(8)} s`;
  const used = `${cpu === null ? '       -' : cpu.toFixed(3).padStart(8)} s`;
  const lossText = lossValue === null ? '-' : lossValue.toPrecision(6);
  return `${name.padEnd(34)} ${wall} ${used}  ${lossText}`;
};
console.log(`HNN tutorial training, 2000 steps, best of ${REPEATS} (wall, cpu, final loss)`);
console.log(
  row(
    'autodiff + jit (float64)',
    oursBest.seconds,
    oursBest.cpuSeconds,
    ours[0]?.finalLoss ?? null,
  ),
);
console.log(
  row(
    'hand-derived floor (float64)',
    floorBest.seconds,
    floorBest.cpuSeconds,
    floor[0]?.finalLoss ?? null,
  ),
);
if (torchSeconds !== null) {
  const torchLoss = typeof torch?.['final_loss'] === 'number' ? torch['final_loss'] : null;
  console.log(row(`PyTorch ${String(torch?.['torch'])} (float32)`, torchSeconds, null, torchLoss));
}
const ratioFloor = oursBest.seconds / floorBest.seconds;
const ratioFloorCpu = oursBest.cpuSeconds / floorBest.cpuSeconds;
const ratioTorch = torchSeconds === null ? null : oursBest.seconds / torchSeconds;
console.log(
  `ours / floor: ${ratioFloor.toFixed(2)} wall, ${ratioFloorCpu.toFixed(2)} cpu (bar 1.5)`,
);
if (ratioTorch !== null) console.log(`ours / PyTorch: ${ratioTorch.toFixed(2)} (bar 0.5)`);
console.log(
  JSON.stringify({
    bench: 'autodiff-hnn-step',
    steps: 2000,
    oursSeconds: oursBest.seconds,
    oursCpuSeconds: oursBest.cpuSeconds,
    floorSeconds: floorBest.seconds,
    floorCpuSeconds: floorBest.cpuSeconds,
    torchSeconds,
    ratioFloor,
    ratioFloorCpu,
    ratioTorch,
    barFloorMet: ratioFloor <= 1.5,
    barTorchMet: ratioTorch === null ? null : ratioTorch <= 0.5,
    oursFinalLoss: ours[0]?.finalLoss,
    floorFinalLoss: floor[0]?.finalLoss,
  }),
);

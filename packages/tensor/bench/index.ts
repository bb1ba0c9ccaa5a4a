/**
 * Tensor benchmark: matmul and elementwise throughput at the HNN tutorial's shapes, ours (eager
 * op inside a `scope`, so the output comes from the pool) beside a plain-JS loop and numpy on
 * one thread. Prints a table, then one JSON line with every figure.
 *
 * Run: pnpm --filter @hamiltonian/tensor bench
 */
import { loadavg } from 'node:os';
import { add, matmul, random, scope, tanh, type Tensor } from '@hamiltonian/tensor';
import { measurePair, type PairTiming } from './measure.js';
import { plainAddBias, plainMatmul, plainTanh } from './baseline.js';
import { numpyTimings } from './numpy.js';

const CASES = [
  { label: '256x2 @ 2x64', m: 256, k: 2, n: 64 },
  { label: '256x64 @ 64x1', m: 256, k: 64, n: 1 },
  { label: '256x64 @ 64x64', m: 256, k: 64, n: 64 },
] as const;

type Op = 'matmul' | 'addBias' | 'tanh';

interface Row {
  readonly case: string;
  readonly op: Op;
  readonly flops: number;
  readonly oursSeconds: number;
  readonly plainSeconds: number;
  readonly ratio: number;
  readonly bestRatio: number;
  readonly numpySeconds: number | null;
}

const f64 = (t: Tensor): Float64Array => t.data as Float64Array;

// Runs `op` in its own scope, so its output storage returns to the pool for the next call.
const pooled =
  (op: () => Tensor): (() => void) =>
  () =>
    scope(() => {
      op();
    });

const benchCase = (c: (typeof CASES)[number], seed: number): Row[] => {
  const [ka, kb, kc] = random.split(random.key(seed), 3);
  const a = random.uniform(ka, [c.m, c.k], { min: -1, max: 1 });
  const b = random.uniform(kb, [c.k, c.n], { min: -1, max: 1 });
  const bias = random.uniform(kc, [c.n], { min: -1, max: 1 });
  const y = matmul(a, b);
  const out = new Float64Array(c.m * c.n);
  const size = c.m * c.n;

  const matmulTiming = measurePair(
    pooled(() => matmul(a, b)),
    () => plainMatmul(f64(a), f64(b), out, c.m, c.k, c.n),
  );
  const addTiming = measurePair(
    pooled(() => add(y, bias)),
    () => plainAddBias(f64(y), f64(bias), out, c.m, c.n),
  );
  const tanhTiming = measurePair(
    pooled(() => tanh(y)),
    () => plainTanh(f64(y), out),
  );
  const row = (op: Op, flops: number, t: PairTiming): Row => ({
    case: c.label,
    op,
    flops,
    oursSeconds: t.a,
    plainSeconds: t.b,
    ratio: t.ratio,
    bestRatio: t.bestRatio,
    numpySeconds: null,
  });
  return [
    row('matmul', 2 * c.m * c.k * c.n, matmulTiming),
    row('addBias', size, addTiming),
    row('tanh', size, tanhTiming),
  ];
};

const gflops = (flops: number, seconds: number | null): number | null =>
  seconds === null ? null : flops / seconds / 1e9;

const fmt = (x: number | null, digits = 3): string => (x === null ? '-' : x.toFixed(digits));

const main = (): void => {
  const rows = CASES.flatMap((c, i) => benchCase(c, i));
  const numpy = numpyTimings(CASES);
  const withNumpy = rows.map((r) => ({
    ...r,
    numpySeconds: numpy?.timings[r.case]?.[r.op] ?? null,
  }));

  const header = [
    'case',
    'op',
    'ours GFLOP/s',
    'plain JS',
    'numpy 1T',
    'ours/plain (median)',
    'ours/plain (best)',
  ];
  const lines = withNumpy.map((r) => [
    r.case,
    r.op,
    fmt(gflops(r.flops, r.oursSeconds)),
    fmt(gflops(r.flops, r.plainSeconds)),
    fmt(gflops(r.flops, r.numpySeconds)),
    fmt(r.ratio, 2),
    fmt(r.bestRatio, 2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (cells: string[]): string => cells.map((s, i) => s.padEnd(widths[i])).join('  ');
  console.log(show(header));
  for (const l of lines) console.log(show(l));

  const results = withNumpy.map((r) => ({
    case: r.case,
    op: r.op,
    flops: r.flops,
    oursSeconds: r.oursSeconds,
    plainSeconds: r.plainSeconds,
    numpySeconds: r.numpySeconds,
    oursGflops: gflops(r.flops, r.oursSeconds),
    plainGflops: gflops(r.flops, r.plainSeconds),
    numpyGflops: gflops(r.flops, r.numpySeconds),
    oursOverPlain: r.ratio,
    oursOverPlainBest: r.bestRatio,
  }));
  const worst = Math.max(...results.map((r) => r.oursOverPlain));
  const worstBest = Math.max(...results.map((r) => r.oursOverPlainBest));
  console.log(
    JSON.stringify({
      node: process.version,
      numpy: numpy?.numpy ?? null,
      bar: 1.2,
      worstOursOverPlain: worst,
      withinBar: worst <= 1.2,
      worstOursOverPlainBest: worstBest,
      load: loadavg()[0],
      results,
    }),
  );
};

main();

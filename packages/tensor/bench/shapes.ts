/**
 * Matrix-product kernel at the shapes that dominate training a 200-unit MLP, in all four
 * transpose cases: `matmulInto` against the untiled sequential loops it replaced (same results
 * bit for bit), measured in alternating batches so both see the same machine load.
 *
 * Run: pnpm --filter @hamiltonian/tensor exec tsx --conditions=@hamiltonian/source bench/shapes.ts
 */
import { matmulInto } from '@hamiltonian/tensor/kernels';
import { sequentialMatmul } from './baseline.js';
import { measurePair } from './measure.js';

const SHAPES = [
  { label: '[750,200] x [200,200]', m: 750, k: 200, n: 200, transA: false, transB: false },
  { label: '[256,64] x [64,64]', m: 256, k: 64, n: 64, transA: false, transB: false },
  { label: '[200,750]^T x [750,200]', m: 200, k: 750, n: 200, transA: true, transB: false },
  { label: '[750,200] x [200,200]^T', m: 750, k: 200, n: 200, transA: false, transB: true },
  { label: '[750,200]^T x [200,750]^T', m: 200, k: 750, n: 200, transA: true, transB: true },
] as const;

const uniform = (n: number): Float64Array => Float64Array.from({ length: n }, Math.random);

for (const s of SHAPES) {
  const a = uniform(s.m * s.k);
  const b = uniform(s.k * s.n);
  const ours = new Float64Array(s.m * s.n);
  const before = new Float64Array(s.m * s.n);
  const args = [s.m, s.k, s.n, s.transA, s.transB] as const;
  const t = measurePair(
    () => matmulInto(a, b, ours, ...args),
    () => sequentialMatmul(a, b, before, ...args),
    { rounds: 21, targetMs: 20, warmupMs: 200 },
  );
  const same = ours.every((x, i) => Object.is(x, before[i]));
  const gflops = (sec: number): string => ((2 * s.m * s.k * s.n) / sec / 1e9).toFixed(2);
  console.log(
    `${s.label.padEnd(27)} before ${gflops(t.b)} GFLOP/s  after ${gflops(t.a)} GFLOP/s  ` +
      `speed-up ${(1 / t.ratio).toFixed(2)}x (median ratio)  identical: ${same}`,
  );
}

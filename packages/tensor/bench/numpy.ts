/**
 * Runs the numpy reference on one thread, when /usr/bin/python3 has numpy.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';

export interface NumpyTimings {
  readonly numpy: string;
  readonly timings: Record<string, Record<'matmul' | 'addBias' | 'tanh', number>>;
}

// One BLAS thread, and no CPU-specific OpenBLAS overrides inherited from the shell.
const singleThreadEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '1' };
  env.OPENBLAS_NUM_THREADS = '1';
  env.MKL_NUM_THREADS = '1';
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
};

/** Seconds per call of numpy's matmul, bias add and tanh per case, or null without numpy. */
export const numpyTimings = (
  cases: readonly { label: string; m: number; k: number; n: number }[],
): NumpyTimings | null => {
  const env = singleThreadEnv();
  if (spawnSync(PYTHON, ['-c', 'import numpy'], { env }).status !== 0) return null;
  const script = fileURLToPath(new URL('./numpy_bench.py', import.meta.url));
  const run = spawnSync(PYTHON, [script, JSON.stringify(cases)], { env, encoding: 'utf8' });
  if (run.status !== 0) return null;
  return JSON.parse(run.stdout) as NumpyTimings;
};

/**
 * Runs a Python reference script of the benchmarks (PyTorch, scipy) and returns the JSON object
 * it prints last, or `undefined` when Python or the modules it needs are not there.
 *
 * The scripts run with Debian's `/usr/bin/python3`, where `python3-torch` and `python3-scipy`
 * live; the `python3` on PATH may be another interpreter without them. The child is pinned to
 * one thread, and OpenBLAS tuning variables inherited from the shell are dropped for it, so
 * the reference runs under the same conditions as our single-threaded TypeScript.
 * Benches are not published: other packages' benches import this file by relative path.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The JSON object a reference script printed on its last line. */
export type PythonResult = { readonly [key: string]: unknown };

/** Options of {@link runPython}. */
export interface RunPythonOptions {
  /** Command-line arguments for the script. */
  readonly args?: readonly string[];
  /** The interpreter; Debian's by default. */
  readonly python?: string;
  /** Kill the child after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Told why the result is `undefined` (missing interpreter, module, crash, no JSON). */
  readonly onUnavailable?: (reason: string) => void;
}

const DEFAULT_PYTHON = '/usr/bin/python3';

const childEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
};

const lastJsonObject = (stdout: string): PythonResult | undefined => {
  const lines = stdout.split('\n').filter((line) => line.trim().startsWith('{'));
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(last);
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? (value as PythonResult) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Runs `script` with `/usr/bin/python3` (one thread) and returns the JSON object on its last
 * JSON line; `undefined` when the interpreter is missing, the script fails, prints no JSON, or
 * reports `{"error": ...}` (how the scripts say torch or scipy is not installed).
 *
 * Pitfall: it blocks until the script ends, so never time anything across a call. Fields are
 * `unknown`: check their types before use.
 *
 * @example
 * const torch = runPython(new URL('./hnn_torch.py', import.meta.url), { args: ['--float64'] });
 * if (torch !== undefined && typeof torch.seconds === 'number') console.log(torch.seconds);
 */
export const runPython = (
  script: string | URL,
  options: RunPythonOptions = {},
): PythonResult | undefined => {
  const { args = [], python = DEFAULT_PYTHON, timeoutMs = 600_000, onUnavailable } = options;
  const path = script instanceof URL ? fileURLToPath(script) : script;
  const unavailable = (reason: string): undefined => {
    onUnavailable?.(reason);
    return undefined;
  };

  const child = spawnSync(python, [path, ...args], {
    env: childEnv(),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.error !== undefined) return unavailable(`${python}: ${child.error.message}`);
  if (child.status !== 0) {
    const tail = child.stderr.trim().split('\n').at(-1) ?? '';
    return unavailable(`${path} exited with ${child.status ?? child.signal}: ${tail}`);
  }

  const result = lastJsonObject(child.stdout);
  if (result === undefined) return unavailable(`${path} printed no JSON object`);
  if ('error' in result) return unavailable(`${path}: ${String(result.error)}`);
  return result;
};

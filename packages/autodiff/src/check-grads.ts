/**
 * `checkGrads`: derivatives checked against central finite differences, to any order.
 *
 * At order 1 the forward-mode tangent along a random direction `v` must match the difference
 * quotient `(f(x + h v) - f(x - h v)) / 2h`, and the reverse-mode cotangent of a random `u` must
 * satisfy `<vjp(u), v> = <u, quotient>`. At order `k` the same checks run on the derivative
 * functions `x -> jvp(f)(x; v)` and `x -> vjp(f)(x)(u)`, down to order 1, so every rule is also
 * checked under every nesting of forward and reverse mode (autograd's and JAX's `check_grads`).
 */
import { formatShape, random, scalar, type Key, type Tensor } from '@hamiltonian/tensor';
import { TransformError } from './core/errors.js';
import { flatten, unflatten, type Leaf } from './core/tree.js';
import { isTracer, type Value } from './core/value.js';
import { add, mul, sub, div } from './ops.js';
import { jvp, vjp } from './transforms/api.js';

/** Options of `checkGrads`. */
export interface CheckGradsOptions {
  /** The highest derivative order to check (default 2). */
  readonly order?: number;
  /** Which modes to check: forward (`jvp`), reverse (`vjp`) or both (default). */
  readonly modes?: readonly ('forward' | 'reverse')[];
  /** The seed of the random directions (default 0). */
  readonly seed?: number;
  /**
   * The finite-difference step relative to the largest input entry (default 1e-5). Central
   * differences err by about `h² |f'''|` (truncation) plus `ε |f| / h` (rounding); in float64
   * both are near 1e-10 at this step for well-scaled functions.
   */
  readonly step?: number;
  /** The allowed normwise relative error (default 1e-6). */
  readonly rtol?: number;
  /** An allowed absolute error on top of the rounding estimate (default 0). */
  readonly atol?: number;
}

/** One check that failed: which derivative, compared how, and by how much. */
export interface GradCheckFailure {
  /** For example `order 2: reverse mode of jvp(f)` (reverse-over-forward). */
  readonly check: string;
  readonly message: string;
}

/** The outcome of `checkGrads`: every check that ran, and those that failed. */
export interface GradCheckResult {
  readonly ok: boolean;
  readonly checks: number;
  readonly failures: readonly GradCheckFailure[];
}

/** A function of a flat list of tensors returning a flat list of values. */
type FlatFn = (xs: readonly Value[]) => Value[];

interface Settings {
  readonly modes: readonly ('forward' | 'reverse')[];
  readonly step: number;
  readonly rtol: number;
  readonly atol: number;
}

const toValue = (x: Leaf): Value => (typeof x === 'number' ? scalar(x) : x);

const valuesOf = (x: Value): Float64Array => {
  if (isTracer(x)) {
    throw new TransformError('checkGrads: call it outside other transforms (got a traced value)');
  }
  return x.data as Float64Array;
};

const dot = (a: readonly Value[], b: readonly Value[]): [number, number] => {
  let sum = 0;
  let magnitude = 0;
  a.forEach((x, i) => {
    const u = valuesOf(x);
    const v = valuesOf(b[i] as Value);
    for (let j = 0; j < u.length; j++) {
      sum += (u[j] as number) * (v[j] as number);
      magnitude += Math.abs((u[j] as number) * (v[j] as number));
    }
  });
  return [sum, magnitude];
};

const maxAbs = (xs: readonly Value[]): number => {
  let m = 0;
  for (const x of xs) for (const v of valuesOf(x)) m = Math.max(m, Math.abs(v));
  return m;
};

const l1 = (xs: readonly Value[]): number => {
  let total = 0;
  for (const x of xs) for (const v of valuesOf(x)) total += Math.abs(v);
  return total;
};

/** Fresh standard-normal directions shaped like `xs`, one key per draw. */
const directions = (next: () => Key, xs: readonly Value[]): Tensor[] =>
  xs.map((x) => random.normal(next(), x.shape));

/** A difference quotient per output, and the rounding error it may carry. */
type Difference = [Value[], number];

/**
 * The central difference quotient along `v`, with an estimate of its rounding error: the
 * outputs are known to about `ε |f|` each, which the quotient divides by `h`.
 */
const centralDifference = (
  f: FlatFn,
  xs: readonly Value[],
  v: readonly Value[],
  h: number,
): Difference => {
  const plus = f(xs.map((x, i) => add(x, mul(v[i] as Value, h))));
  const minus = f(xs.map((x, i) => sub(x, mul(v[i] as Value, h))));
  const quotient = plus.map((p, i) => div(sub(p, minus[i] as Value), 2 * h));
  const rounding = (64 * Number.EPSILON * Math.max(maxAbs(plus), maxAbs(minus))) / h;
  return [quotient, rounding];
};

const worstEntry = (a: readonly Value[], b: readonly Value[]): [number, string] => {
  let worst = 0;
  let where = 'no entries';
  a.forEach((x, i) => {
    const u = valuesOf(x);
    const v = valuesOf(b[i] as Value);
    for (let j = 0; j < u.length; j++) {
      const d = Math.abs((u[j] as number) - (v[j] as number));
      if (!(d <= worst)) {
        worst = d;
        where = `output ${i} ${formatShape(x.shape)} entry ${j}: ${u[j]} vs ${v[j]}`;
      }
    }
  });
  return [worst, where];
};

/** Forward mode: the tangent along `v` against the quotient, in the normwise sense. */
const checkForward = (
  f: FlatFn,
  xs: readonly Value[],
  v: readonly Value[],
  [quotient, rounding]: Difference,
  s: Settings,
): string | null => {
  const tangent = jvp((...args: Value[]) => f(args), [...xs], [...v])[1];
  const [error, where] = worstEntry(tangent, quotient);
  const allowed = s.atol + rounding + s.rtol * maxAbs(quotient);
  if (error <= allowed) return null;
  return `jvp differs from central differences by ${error} > ${allowed} (${where})`;
};

/** Reverse mode: `<vjp(u), v>` against `<u, quotient>`, relative to the terms' magnitudes. */
const checkReverse = (
  f: FlatFn,
  xs: readonly Value[],
  v: readonly Value[],
  u: readonly Value[],
  [quotient, rounding]: Difference,
  s: Settings,
): string | null => {
  const cotangent = vjp((...args: Value[]) => f(args), ...xs)[1]([...u]);
  const [actual, scale] = dot(cotangent, v);
  const [expected, expectedScale] = dot(u, quotient);
  const error = Math.abs(actual - expected);
  const allowed = s.atol + rounding * l1(u) + s.rtol * Math.max(scale, expectedScale);
  if (error <= allowed) return null;
  return `<vjp(u), v> = ${actual} but <u, central differences> = ${expected} (allowed ${allowed})`;
};

const checkAt = (
  f: FlatFn,
  name: string,
  xs: readonly Value[],
  order: number,
  depth: number,
  s: Settings,
  next: () => Key,
  report: (check: string, message: string | null) => void,
): void => {
  const y = f(xs);
  const v = directions(next, xs);
  const u = directions(next, y);
  const difference = centralDifference(f, xs, v, s.step * Math.max(1, maxAbs(xs)));
  const label = (mode: string): string => `order ${depth}: ${mode} mode of ${name}`;
  if (s.modes.includes('forward')) {
    report(label('forward'), checkForward(f, xs, v, difference, s));
  }
  if (s.modes.includes('reverse')) {
    report(label('reverse'), checkReverse(f, xs, v, u, difference, s));
  }
  if (order <= 1) return;

  const tangentFn: FlatFn = (ps) => jvp((...args: Value[]) => f(args), [...ps], [...v])[1];
  const cotangentFn: FlatFn = (ps) => vjp((...args: Value[]) => f(args), ...ps)[1]([...u]);
  checkAt(tangentFn, `jvp(${name})`, xs, order - 1, depth + 1, s, next, report);
  checkAt(cotangentFn, `vjp(${name})`, xs, order - 1, depth + 1, s, next, report);
};

const flatInputs = (args: readonly unknown[]): [Value[], (xs: readonly Value[]) => unknown[]] => {
  const [leaves, def] = flatten(args, 'args');
  const xs = leaves.map(toValue);
  xs.forEach((x, i) => {
    if (x.dtype !== 'float64') {
      throw new TransformError(
        `checkGrads: leaf ${i} of the arguments is ${x.dtype}; finite differences need float64`,
      );
    }
  });
  return [xs, (ys) => unflatten(def, ys) as unknown[]];
};

/**
 * Checks the derivatives of `f` at `args` against central finite differences in random
 * directions, in forward and reverse mode, at orders 1 to `order` (default 2), and returns
 * every check with the failures. Arguments and results may be pytrees; leaves must be float64.
 *
 * Use it to test a custom primitive's rules (`defPrimitive`) or a model. Pitfalls: pick points
 * away from kinks (relu at 0) and domain edges (log near 0), where differences mislead; call it
 * outside other transforms.
 *
 * @example
 * const result = checkGrads((x: Value) => sum(tanh(x)), [tensorOrThrow([0.3, -1.2])]);
 * result.ok; // true
 */
export const checkGrads = <A extends readonly unknown[]>(
  f: (...args: A) => unknown,
  args: A,
  options: CheckGradsOptions = {},
): GradCheckResult => {
  const { order = 2, modes = ['forward', 'reverse'], seed = 0 } = options;
  const settings = {
    modes,
    step: options.step ?? 1e-5,
    rtol: options.rtol ?? 1e-6,
    atol: options.atol ?? 0,
  };
  const [xs, rebuild] = flatInputs(args);
  const flat: FlatFn = (ys) =>
    flatten(f(...(rebuild(ys) as unknown as A)), 'output')[0].map(toValue);
  const base = random.key(seed);
  let draws = 0;
  const next = (): Key => random.foldIn(base, draws++);
  const failures: GradCheckFailure[] = [];
  let checks = 0;
  const report = (check: string, message: string | null): void => {
    checks++;
    if (message !== null) failures.push({ check, message });
  };
  checkAt(flat, 'f', xs, order, 1, settings, next, report);
  return { ok: failures.length === 0, checks, failures };
};

/**
 * `checkGrads` that throws a `TransformError` listing the failed checks: for scripts and tests.
 *
 * @example
 * checkGradsOrThrow((x: Value) => sum(square(x)), [tensorOrThrow([1, 2])]);
 */
export const checkGradsOrThrow = <A extends readonly unknown[]>(
  f: (...args: A) => unknown,
  args: A,
  options: CheckGradsOptions = {},
): GradCheckResult => {
  const result = checkGrads(f, args, options);
  if (!result.ok) {
    const lines = result.failures.map((x) => `${x.check}: ${x.message}`);
    throw new TransformError(`checkGrads: ${lines.length} failed\n${lines.join('\n')}`);
  }
  return result;
};

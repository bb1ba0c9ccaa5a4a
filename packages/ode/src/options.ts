/**
 * The options of `solve`, with DifferentialEquations.jl's names in camelCase and its defaults,
 * and their validation before the first step.
 */
import type { Callback } from './callbacks.js';
import { defaultPIParams, type PIParams } from './control/pi-controller.js';
import { ODEInputError, describe } from './errors.js';

/**
 * Options of `solve`. Every field is optional; defaults follow DifferentialEquations.jl.
 *
 * @example
 * solve(prob, Tsit5(), { reltol: 1e-8, abstol: 1e-10, saveat: 0.1 });
 */
export interface SolveOptions {
  /** Save at these times (a list) or every `saveat` from t0 (a number); disables saveEverystep. */
  readonly saveat?: number | readonly number[];
  /** Save every step's end. Default: true unless `saveat` is given. */
  readonly saveEverystep?: boolean;
  /** Save the initial state. Default: true unless `saveat` is a list without t0. */
  readonly saveStart?: boolean;
  /** Save the final state. Default: true unless `saveat` is a list without tf. */
  readonly saveEnd?: boolean;
  /** Keep the interpolant's data so `sol.at(t)` is accurate. Default: saveEverystep && !saveat. */
  readonly dense?: boolean;
  /** Initial step (adaptive) or the step (fixed); its sign must match tf - t0. */
  readonly dt?: number;
  /** Adapt the step to reltol/abstol. Default: true for methods with an error estimate. */
  readonly adaptive?: boolean;
  /** Relative tolerance. Default 1e-3. */
  readonly reltol?: number;
  /** Absolute tolerance. Default 1e-6. */
  readonly abstol?: number;
  /** Smallest step before giving up with `DtLessThanMin`. Default: eps * max(|t0|, |tf|, 1). */
  readonly dtmin?: number;
  /** Largest step. Default: |tf - t0|. */
  readonly dtmax?: number;
  /** Largest number of attempted steps before `MaxIters`. Default 1e6. */
  readonly maxiters?: number;
  /** Times the solver must step onto exactly (discontinuities, events at known times). */
  readonly tstops?: readonly number[];
  /** One callback or a list (see `CallbackSet`). */
  readonly callback?: Callback | readonly Callback[];
  /** PI controller: integral gain. Default 7 / (10 order). */
  readonly beta1?: number;
  /** PI controller: proportional gain. Default 2 / (5 order). */
  readonly beta2?: number;
  /** Safety factor. Default 0.9. */
  readonly gamma?: number;
  /** Smallest step ratio after a step. Default 1/5. */
  readonly qmin?: number;
  /** Largest step ratio after a step. Default 10. */
  readonly qmax?: number;
  /** Initial memory of the proportional part. Default 1e-4. */
  readonly qoldinit?: number;
}

const KNOWN = [
  'saveat',
  'saveEverystep',
  'saveStart',
  'saveEnd',
  'dense',
  'dt',
  'adaptive',
  'reltol',
  'abstol',
  'dtmin',
  'dtmax',
  'maxiters',
  'tstops',
  'callback',
  'beta1',
  'beta2',
  'gamma',
  'qmin',
  'qmax',
  'qoldinit',
] as const;

/** Options after defaults and checks; times are absolute and sorted in the direction of time. */
export interface ResolvedOptions {
  readonly t0: number;
  readonly tf: number;
  readonly tdir: number;
  readonly dt: number | undefined;
  readonly adaptive: boolean;
  readonly reltol: number;
  readonly abstol: number;
  readonly dtmin: number;
  readonly dtmax: number;
  readonly maxiters: number;
  /** Interior save points, strictly between t0 and tf, in the direction of time. */
  readonly saveat: SavePoints;
  readonly saveEverystep: boolean;
  readonly saveStart: boolean;
  readonly saveEnd: boolean;
  readonly dense: boolean;
  /** Stops strictly after t0, ending with tf, in the direction of time. */
  readonly tstops: readonly number[];
  readonly callbacks: readonly Callback[];
  readonly pi: PIParams;
}

/**
 * Save points: `times[from..to)` lie strictly inside the span, sorted in the direction of time.
 * A sorted list from the user is kept as is (a thousand output times are then not copied).
 */
export interface SavePoints {
  readonly times: readonly number[];
  readonly from: number;
  readonly to: number;
  /** t0 or tf is in the user's list (decides the saveStart and saveEnd defaults). */
  readonly hasT0: boolean;
  readonly hasTf: boolean;
}

/** What the method contributes to the defaults. */
export interface MethodTraits {
  readonly name: string;
  readonly order: number;
  /** The method has an error estimate. */
  readonly adaptiveCapable: boolean;
}

const KNOWN_SET: ReadonlySet<string> = new Set(KNOWN);

const toCamel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const checkUnknown = (opts: object): void => {
  for (const key of Object.keys(opts)) {
    if (KNOWN_SET.has(key)) continue;
    const camel = toCamel(key);
    const hint = (KNOWN as readonly string[]).find((k) => k.toLowerCase() === camel.toLowerCase());
    throw new ODEInputError(
      `solve: unknown option ${JSON.stringify(key)}` +
        (hint === undefined ? '' : `; did you mean ${JSON.stringify(hint)}?`) +
        `; known options: ${KNOWN.join(', ')}`,
    );
  }
};

const positive = (name: string, x: unknown): number => {
  if (typeof x !== 'number' || !(x > 0)) {
    throw new ODEInputError(`solve: ${name} must be a positive number, got ${describe(x)}`);
  }
  return x;
};

const optionalPositive = (name: string, x: unknown, fallback: number): number =>
  x === undefined ? fallback : positive(name, x);

const flag = (name: string, x: unknown, fallback: boolean): boolean => {
  if (x === undefined) return fallback;
  if (typeof x !== 'boolean') {
    throw new ODEInputError(`solve: ${name} must be true or false, got ${describe(x)}`);
  }
  return x;
};

const checkDt = (dt: unknown, t0: number, tf: number): number | undefined => {
  if (dt === undefined) return undefined;
  if (typeof dt !== 'number' || !Number.isFinite(dt) || dt === 0) {
    throw new ODEInputError(`solve: dt must be a finite nonzero number, got ${describe(dt)}`);
  }
  if (tf !== t0 && Math.sign(dt) !== Math.sign(tf - t0)) {
    const way = tf < t0 ? 'backward' : 'forward';
    throw new ODEInputError(
      `solve: tspan [${t0}, ${tf}] runs ${way} but dt = ${dt} points the other way; ` +
        `pass dt = ${-dt}` +
        (tf < t0 ? ' to integrate backward in time, or reverse tspan' : ''),
    );
  }
  return dt;
};

/** Sorts times in the direction of time and drops repeats (for unsorted user lists). */
const sortedUnique = (ts: readonly number[], tdir: number): number[] => {
  const copy = ts.slice().sort((x, y) => tdir * (x - y));
  return copy.filter((t, i) => i === 0 || t !== copy[i - 1]);
};

/**
 * Checks a list of times and finds its part strictly inside the span, in one pass for the
 * usual sorted list.
 */
const savePoints = (
  name: string,
  xs: unknown,
  t0: number,
  tf: number,
  tdir: number,
): SavePoints => {
  if (!Array.isArray(xs)) {
    throw new ODEInputError(
      `solve: ${name} must be a number or a list of finite numbers, got ${describe(xs)}`,
    );
  }
  // One tight pass: Number.isFinite is false for non-numbers too, and the previous value is
  // kept in a local rather than reread.
  let sorted = true;
  let prev = -tdir * Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x: unknown = xs[i];
    if (!Number.isFinite(x)) {
      throw new ODEInputError(
        `solve: ${name} must be a list of finite numbers; entry ${i} is ${describe(x)}`,
      );
    }
    if (!(tdir * ((x as number) - prev) > 0)) sorted = false;
    prev = x as number;
  }
  const times = sorted ? (xs as number[]) : sortedUnique(xs as number[], tdir);
  let from = 0;
  while (from < times.length && !(tdir * ((times[from] as number) - t0) > 0)) from++;
  let to = times.length;
  while (to > from && !(tdir * (tf - (times[to - 1] as number)) > 0)) to--;
  return {
    times,
    from,
    to,
    hasT0: from > 0 && times[from - 1] === t0,
    hasTf: to < times.length && times[to] === tf,
  };
};

const saveatPoints = (saveat: unknown, t0: number, tf: number, tdir: number): SavePoints => {
  if (typeof saveat !== 'number') return savePoints('saveat', saveat, t0, tf, tdir);
  positive('saveat', saveat);
  const times: number[] = [];
  // Multiply rather than accumulate, so the k-th point carries one rounding, not k.
  for (let k = 1; tdir * (tf - (t0 + tdir * k * saveat)) > 0; k++)
    times.push(t0 + tdir * k * saveat);
  return { times, from: 0, to: times.length, hasT0: true, hasTf: true };
};

/** The stops strictly after t0 and before tf, then tf itself. */
const stopsOf = (tstops: unknown, t0: number, tf: number, tdir: number): number[] => {
  if (tstops === undefined) return [tf];
  const p = savePoints('tstops', tstops, t0, tf, tdir);
  return [...p.times.slice(p.from, p.to), tf];
};

const NO_SAVEAT: SavePoints = { times: [], from: 0, to: 0, hasT0: false, hasTf: false };

const callbackList = (cb: unknown): readonly Callback[] => {
  if (cb === undefined) return [];
  const list = (Array.isArray(cb) ? cb : [cb]) as unknown[];
  for (const c of list) {
    const kind = (c as { kind?: unknown } | null)?.kind;
    if (kind !== 'discrete' && kind !== 'continuous') {
      throw new ODEInputError(
        `solve: callback must be made with DiscreteCallback or ContinuousCallback, got ` +
          describe(c),
      );
    }
  }
  return list as Callback[];
};

/**
 * Applies defaults and checks every option; throws `ODEInputError` naming the bad one.
 *
 * @example
 * resolveOptions({ reltol: 1e-6 }, [0, 1], { name: 'Tsit5', order: 5, adaptiveCapable: true });
 */
export const resolveOptions = (
  opts: SolveOptions,
  tspan: readonly [number, number],
  method: MethodTraits,
): ResolvedOptions => {
  if (typeof opts !== 'object' || opts === null) {
    throw new ODEInputError(`solve: options must be an object, got ${describe(opts)}`);
  }
  checkUnknown(opts);
  const [t0, tf] = tspan;
  const tdir = tf >= t0 ? 1 : -1;
  const dt = checkDt(opts.dt, t0, tf);
  const adaptive = flag('adaptive', opts.adaptive, method.adaptiveCapable);
  if (adaptive && !method.adaptiveCapable) {
    throw new ODEInputError(
      `solve: ${method.name} has no error estimate, so adaptive: true cannot be honoured; ` +
        'pass a dt, or use an adaptive method such as Tsit5',
    );
  }
  if (!adaptive && dt === undefined) {
    throw new ODEInputError(
      `solve: ${method.name} takes fixed steps and needs a dt option, e.g. ` +
        `solve(prob, ${method.name}(), { dt: ${Math.abs(tf - t0) / 100 || 0.01} })`,
    );
  }
  const hasSaveat =
    opts.saveat !== undefined && !(Array.isArray(opts.saveat) && opts.saveat.length === 0);
  const saveat = hasSaveat ? saveatPoints(opts.saveat, t0, tf, tdir) : NO_SAVEAT;
  const saveEverystep = flag('saveEverystep', opts.saveEverystep, !hasSaveat);
  const endsByDefault = saveEverystep || !hasSaveat;
  const span = Math.abs(tf - t0);
  const pi = defaultPIParams(method.order);
  return {
    t0,
    tf,
    tdir,
    dt,
    adaptive,
    reltol: optionalPositive('reltol', opts.reltol, 1e-3),
    abstol: optionalPositive('abstol', opts.abstol, 1e-6),
    dtmin: optionalPositive(
      'dtmin',
      opts.dtmin,
      Number.EPSILON * Math.max(Math.abs(t0), Math.abs(tf), 1),
    ),
    dtmax: optionalPositive('dtmax', opts.dtmax, span > 0 ? span : Infinity),
    maxiters: optionalPositive('maxiters', opts.maxiters, 1e6),
    saveat,
    saveEverystep,
    saveStart: flag('saveStart', opts.saveStart, endsByDefault || saveat.hasT0),
    saveEnd: flag('saveEnd', opts.saveEnd, endsByDefault || saveat.hasTf),
    dense: flag('dense', opts.dense, saveEverystep && !hasSaveat),
    tstops: stopsOf(opts.tstops, t0, tf, tdir),
    callbacks: callbackList(opts.callback),
    pi: {
      beta1: optionalPositive('beta1', opts.beta1, pi.beta1),
      beta2: opts.beta2 === 0 ? 0 : optionalPositive('beta2', opts.beta2, pi.beta2),
      gamma: optionalPositive('gamma', opts.gamma, pi.gamma),
      qmin: optionalPositive('qmin', opts.qmin, pi.qmin),
      qmax: optionalPositive('qmax', opts.qmax, pi.qmax),
      qoldinit: optionalPositive('qoldinit', opts.qoldinit, pi.qoldinit),
    },
  };
};

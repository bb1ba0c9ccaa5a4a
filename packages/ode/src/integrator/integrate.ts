/**
 * The solve loop, shared by every method and both arithmetic backends: set up, then repeatedly
 * step, estimate the error, accept or reject, locate events, and save. Step-size control follows
 * OrdinaryDiffEq (PI controller, tstops, dtmin/maxiters checks) so step counts match.
 */
import type { Callback, ContinuousCallback, DiscreteCallback, Integrator } from '../callbacks.js';
import { initialDt } from '../control/initial-dt.js';
import { initPI, piAccept, piQuotient, piReject } from '../control/pi-controller.js';
import { ODEUnsupportedError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import type { ReturnCode } from '../retcode.js';
import type { StateOps, StateStore } from './state-ops.js';
import type { StepRecord, Stepper } from './stepper.js';

/** Counters reported in `sol.stats`. */
export interface Stats {
  /** Evaluations of the vector field (each of f1 and f2 counts one for partitioned problems). */
  nf: number;
  naccept: number;
  nreject: number;
}

/** What the loop produces; `solve` wraps it into an `ODESolution`. */
export interface LoopResult<S> {
  readonly t: SavedTimes;
  readonly u: StateStore<S>;
  readonly retcode: ReturnCode;
  readonly records: StepRecord<S>[] | null;
  /** Where the solve stopped: tf on success, earlier after a failure or termination. */
  readonly tEnd: number;
}

/** Everything the loop needs besides options. */
export interface LoopInput<S> {
  readonly ops: StateOps<S>;
  readonly stepper: Stepper<S>;
  readonly u0: S;
  /** f(u0, t0), already evaluated when the problem was checked. */
  readonly f0: S;
  readonly p: unknown;
  readonly opts: ResolvedOptions;
  readonly stats: Stats;
  /** False when u0, p or the field are traced: callbacks may not then replace the state. */
  readonly mutableState: boolean;
}

/** The saved times of a solve, materialised as an array on first use. */
export interface SavedTimes {
  readonly length: number;
  first(): number | undefined;
  last(): number | undefined;
  /** The times as an array (the same array on every call). */
  array(): number[];
}

/**
 * Saved times. Single times go into a presized array by index (pushing numbers one by one
 * onto a growing array measured four times slower); a step's run of saveat times is recorded as
 * a range of the option's array and copied only when someone reads `sol.t`.
 */
class TimeList implements SavedTimes {
  length = 0;
  private data: number[];
  private deferred: { at: number; times: readonly number[]; from: number; to: number }[] = [];
  private lastTime: number | undefined = undefined;
  private firstTime: number | undefined = undefined;

  constructor(capacity: number) {
    this.data = new Array<number>(Math.max(capacity, 4));
  }

  push(t: number): void {
    if (this.length === this.data.length) this.data.length *= 2;
    this.data[this.length++] = t;
    this.firstTime ??= t;
    this.lastTime = t;
  }

  pushRange(times: readonly number[], from: number, to: number): void {
    if (to <= from) return;
    this.deferred.push({ at: this.length, times, from, to });
    this.length += to - from;
    this.firstTime ??= times[from] as number;
    this.lastTime = times[to - 1] as number;
  }

  first(): number | undefined {
    return this.firstTime;
  }

  last(): number | undefined {
    return this.lastTime;
  }

  array(): number[] {
    if (this.deferred.length > 0 || this.data.length !== this.length) {
      this.data.length = this.length;
      for (const { at, times, from, to } of this.deferred) {
        for (let k = from; k < to; k++) this.data[at + k - from] = times[k] as number;
      }
      this.deferred = [];
    }
    return this.data;
  }
}

/** Within a few ulps of a stop, step onto it rather than leave a sliver of a step. */
const nearlyEqual = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 100 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b), 1);

const hasNonFinite = (x: Float64Array): boolean => {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i] as number)) return true;
  return false;
};

/** The integrator handle given to callbacks: a private copy of u and a terminate flag. */
class Handle implements Integrator {
  terminated = false;
  constructor(
    readonly t: number,
    readonly u: Float64Array,
    readonly p: unknown,
  ) {}
  terminate(): void {
    this.terminated = true;
  }
}

/**
 * Illinois (modified regula falsi) on g over [a, b] with g(a), g(b) of opposite signs. Returns
 * the end of the final bracket on b's side, so the state there is past the crossing and the
 * sign of g is unambiguous after the event.
 */
export const illinois = (
  g: (x: number) => number,
  a: number,
  b: number,
  ga: number,
  gb: number,
) => {
  let side = 0;
  for (
    let it = 0;
    it < 100 && Math.abs(b - a) > 4 * Number.EPSILON * Math.max(1, Math.abs(b));
    it++
  ) {
    const x = (a * gb - b * ga) / (gb - ga);
    if (!(x > Math.min(a, b) && x < Math.max(a, b))) break;
    const gx = g(x);
    if (gx === 0) return x;
    if (Math.sign(gx) === Math.sign(gb)) {
      b = x;
      gb = gx;
      if (side === 1) ga /= 2;
      side = 1;
    } else {
      a = x;
      ga = gx;
      if (side === -1) gb /= 2;
      side = -1;
    }
  }
  return b;
};

const isContinuous = (c: Callback): c is ContinuousCallback => c.kind === 'continuous';
const isDiscrete = (c: Callback): c is DiscreteCallback => c.kind === 'discrete';
const NONE: readonly never[] = [];

/** The condition of a continuous callback at (x, t), on a private copy of the values. */
const conditionAt = <S>(cb: ContinuousCallback, ops: StateOps<S>, x: S, t: number, p: unknown) => {
  const values = ops.primal(x).slice();
  return cb.condition(values, t, new Handle(t, values, p));
};

/**
 * Runs a callback's affect at (t, x) on a private copy of the state. Returns the state to go on
 * with (x itself when the callback left it alone) and whether it asked to stop.
 */
const runAffect = <S>(
  input: LoopInput<S>,
  affect: (h: Integrator) => void,
  t: number,
  x: S,
): { u: S; stop: boolean } => {
  const { ops } = input;
  const before = ops.primal(x);
  const handle = new Handle(t, before.slice(), input.p);
  affect(handle);
  let changed = false;
  for (let i = 0; i < before.length; i++) if (handle.u[i] !== before[i]) changed = true;
  if (!changed) return { u: x, stop: handle.terminated };
  if (!input.mutableState) {
    throw new ODEUnsupportedError(
      'a callback changed u while solve was differentiating: gradients through state ' +
        'changes made in callbacks are not supported; terminate instead, or solve in pieces',
    );
  }
  return { u: ops.fromPrimal(handle.u), stop: handle.terminated };
};

/** An event inside a step: which callback, where (fraction of the step), which direction. */
interface Event {
  readonly cb: ContinuousCallback;
  readonly theta: number;
  readonly up: boolean;
}

/**
 * The earliest zero crossing among the continuous callbacks in the step from (t, u) to
 * (t1, u1), located by Illinois on the interpolant (primal values only). `gPrev` holds each
 * condition at the step's start and is advanced to its end. Right after an event (`nudged`),
 * crossings in the first `repeatNudge` of the step are ignored.
 */
const earliestEvent = <S>(
  input: LoopInput<S>,
  continuous: readonly ContinuousCallback[],
  gPrev: number[],
  nudged: boolean,
  u: S,
  u1: S,
  t: number,
  t1: number,
  dt: number,
): Event | null => {
  const { ops, stepper, p } = input;
  const n = ops.n;
  let event: Event | null = null;
  const end = ops.primal(u1).slice();
  continuous.forEach((cb, i) => {
    const g1 = cb.condition(end, t1, new Handle(t1, end, p));
    let theta0 = 0;
    let g0 = gPrev[i] as number;
    if (nudged && cb.repeatNudge > 0) {
      theta0 = cb.repeatNudge;
      const x = stepper.interpolatePrimal(new Float64Array(n), u, u1, dt, theta0);
      g0 = cb.condition(x, t + theta0 * dt, new Handle(t, x, p));
    }
    gPrev[i] = g1;
    const crosses = (g0 < 0 && g1 >= 0) || (g0 > 0 && g1 <= 0);
    const up = g0 < 0;
    if (!crosses || (!up && cb.affectNeg === null)) return;
    const g = (theta: number): number => {
      const x = stepper.interpolatePrimal(new Float64Array(n), u, u1, dt, theta);
      return cb.condition(x, t + theta * dt, new Handle(t + theta * dt, x, p));
    };
    const theta = illinois(g, theta0, 1, g0, g1);
    if (event === null || theta < event.theta) event = { cb, theta, up };
  });
  return event;
};

/**
 * Runs the loop. Never throws for numerical failure: the return code says what happened.
 *
 * The set-up creates no closures: under tools that keep function names (tsx, esbuild's
 * keepNames) each closure costs a property definition, which measured as a third of a short
 * solve.
 */
export const integrate = <S>(input: LoopInput<S>): LoopResult<S> => {
  const { ops, stepper, opts, stats } = input;
  const { tdir, tf } = opts;
  const hasCallbacks = opts.callbacks.length > 0;
  const continuous = hasCallbacks ? opts.callbacks.filter(isContinuous) : NONE;
  const discrete = hasCallbacks ? opts.callbacks.filter(isDiscrete) : NONE;

  // Set up.
  // Saveat fixes the count; otherwise start small and let the store double.
  const saveat = opts.saveat;
  const capacity = saveat.to - saveat.from + 2 + (opts.saveEverystep ? 32 : 0);
  const ts = new TimeList(capacity);
  const us = ops.store(capacity);
  const records: StepRecord<S>[] | null = opts.dense ? [] : null;
  let t = opts.t0;
  let u = input.u0;
  if (opts.saveStart) {
    ts.push(t);
    us.push(u);
  }
  stepper.start(u, t, input.f0);
  const pi = opts.pi;
  const piState = initPI(pi);
  let dt = opts.dt ?? NaN;
  if (opts.dt === undefined && opts.tf !== opts.t0) {
    dt = initialDt({
      u0: ops.primal(u),
      f0: ops.primal(input.f0),
      t0: t,
      tdir,
      order: stepper.order,
      abstol: opts.abstol,
      reltol: opts.reltol,
      dtmax: opts.dtmax,
      field: ops,
      scratch: [ops.scratch(), ops.scratch()],
    });
  }
  let stopIndex = 0;
  let saveIndex = saveat.from;
  let iters = 0;
  let retcode: ReturnCode = 'Success';
  const gPrev: number[] = [];
  for (const cb of continuous) gPrev.push(conditionAt(cb, ops, u, t, input.p));
  let nudgeFrom = -1;

  while (tdir * (t - tf) < 0) {
    // Step: clamp to the next stop, check the failure conditions first.
    if (++iters > opts.maxiters) {
      retcode = 'MaxIters';
      break;
    }
    if (Number.isNaN(dt)) {
      retcode = 'DtNaN';
      break;
    }
    // Below the spacing of floating-point numbers at t, a step would not move t at all.
    if (opts.adaptive && Math.abs(dt) < Math.max(opts.dtmin, Number.EPSILON * Math.abs(t))) {
      retcode = 'DtLessThanMin';
      break;
    }
    while (
      stopIndex < opts.tstops.length - 1 &&
      tdir * ((opts.tstops[stopIndex] as number) - t) <= 0
    ) {
      stopIndex++;
    }
    const stop = opts.tstops[stopIndex] as number;
    let dtStep = dt;
    let hitsStop = false;
    if (tdir * (t + dt - stop) >= 0 || nearlyEqual(t + dt, stop)) {
      dtStep = stop - t;
      hitsStop = true;
    }
    const u1 = stepper.attempt(u, t, dtStep);

    // Estimate the error; accept or reject.
    let dtNext = dt;
    if (opts.adaptive) {
      const EEst = stepper.error(u, u1, dtStep, opts.abstol, opts.reltol);
      // As in OrdinaryDiffEq, the quotient is computed for every attempt: a rejection reuses
      // its E^beta1.
      const q = piQuotient(pi, piState, EEst);
      if (!(EEst <= 1)) {
        stats.nreject++;
        dt = piReject(pi, piState, dtStep, EEst);
        continue;
      }
      dtNext = piAccept(pi, piState, dtStep, EEst, q);
      dtNext = tdir * Math.min(Math.abs(dtNext), opts.dtmax);
    }
    stats.naccept++;
    const t1 = hitsStop ? stop : t + dtStep;
    // An adaptive step with a NaN or infinite state has a non-finite error estimate and was
    // rejected above; only fixed steps need the check.
    if (!opts.adaptive && hasNonFinite(ops.primal(u1))) {
      retcode = 'Unstable';
      break;
    }
    stepper.finish(u1, t1);

    // Locate the earliest continuous event in the step.
    const found =
      continuous.length === 0
        ? null
        : earliestEvent(input, continuous, gPrev, nudgeFrom === t, u, u1, t, t1, dtStep);

    // Save the points passed by this step (up to the event, if one fired).
    const tEnd = found === null ? t1 : found.theta === 1 ? t1 : t + found.theta * dtStep;
    const saveTimes = saveat.times;
    if (saveIndex < saveat.to && tdir * ((saveTimes[saveIndex] as number) - tEnd) <= 0) {
      // Output points in this step: form the interpolant once, evaluate each into the store.
      const cs = stepper.denseCoefficients(u, u1, dtStep);
      const first = saveIndex;
      while (saveIndex < saveat.to && tdir * ((saveTimes[saveIndex] as number) - tEnd) <= 0) {
        saveIndex++;
      }
      ts.pushRange(saveTimes, first, saveIndex);
      us.pushPolynomial(cs, saveTimes, first, saveIndex, t, dtStep);
    }
    if (records !== null) {
      records.push({
        t0: t,
        dt: dtStep,
        u0: ops.snapshot(u),
        u1: ops.snapshot(u1),
        ks: stepper.record(),
      });
    }

    if (found !== null) {
      // Handle the event: move to it, run the affect, restart the method from there.
      const uEv =
        found.theta === 1
          ? ops.snapshot(u1)
          : stepper.interpolate(ops.alloc(), u, u1, dtStep, found.theta);
      if (opts.saveEverystep) {
        ts.push(tEnd);
        us.push(uEv);
      }
      const affect = found.up ? found.cb.affect : (found.cb.affectNeg as (h: Integrator) => void);
      const result = runAffect(input, affect, tEnd, uEv);
      if (result.u !== uEv && opts.saveEverystep) {
        ts.push(tEnd);
        us.push(result.u);
      }
      const old = u;
      u = result.u;
      stepper.advance(old);
      t = tEnd;
      dt = dtNext;
      if (result.stop) {
        retcode = 'Terminated';
        break;
      }
      stepper.start(u, t);
      const pu = ops.primal(u).slice();
      continuous.forEach((cb, i) => {
        gPrev[i] = cb.condition(pu, t, new Handle(t, pu, input.p));
      });
      nudgeFrom = t;
      continue;
    }

    // Accept: adopt the new state, then save it and run the discrete callbacks.
    const old = u;
    u = u1;
    stepper.advance(old);
    t = t1;
    dt = dtNext;
    if (opts.saveEverystep && !(t === tf)) {
      ts.push(t);
      us.push(u);
    }
    let stopNow = false;
    let changed = false;
    for (const cb of discrete) {
      const pu = ops.primal(u).slice();
      if (!cb.condition(pu, t, new Handle(t, pu, input.p))) continue;
      const result = runAffect(input, cb.affect, t, u);
      if (result.u !== u) {
        u = result.u;
        changed = true;
        if (opts.saveEverystep) {
          ts.push(t);
          us.push(u);
        }
      }
      stopNow = stopNow || result.stop;
    }
    if (stopNow) {
      retcode = 'Terminated';
      break;
    }
    if (changed) {
      stepper.start(u, t);
      const pu = ops.primal(u).slice();
      continuous.forEach((cb, i) => {
        gPrev[i] = cb.condition(pu, t, new Handle(t, pu, input.p));
      });
    }
  }

  // Finish: keep the last state, also after a failure, so the partial solution ends where the
  // solver stopped.
  if (opts.saveEnd && ts.last() !== t) {
    ts.push(t);
    us.push(u);
  }
  return { t: ts, u: us, retcode, records, tEnd: t };
};

/**
 * `solve` and `solveOrThrow`: check the problem and options, pick the fast or the traced
 * arithmetic, bind the method, run the loop, and wrap the result.
 */
import {
  concat,
  isTracer,
  isValue,
  reshape,
  slice,
  stack,
  type Value,
} from '@hamiltonian/autodiff';
import { wrap } from '@hamiltonian/tensor/kernels';
import type { Algorithm } from './algorithms.js';
import { ODEInputError, ODESolveError, describe } from './errors.js';
import {
  FlatStore,
  Float64Ops,
  Float64PartitionedOps,
  type InPlaceField,
  type InPlacePartitionedField,
} from './integrator/float64-ops.js';
import { integrate, type LoopResult, type Stats } from './integrator/integrate.js';
import { RKStepper } from './integrator/rk-stepper.js';
import type { PartitionedOps, StateOps, StateStore } from './integrator/state-ops.js';
import type { StepRecord, Stepper } from './integrator/stepper.js';
import { SymplecticStepper } from './integrator/symplectic-stepper.js';
import { ValueOps } from './integrator/value-ops.js';
import { resolveOptions, type ResolvedOptions, type SolveOptions } from './options.js';
import type { DynamicalODEProblem } from './problems/dynamical-problem.js';
import type { InPlaceODEFunction, ODEFunction, ODEProblem } from './problems/ode-problem.js';
import { resultData } from './problems/state.js';
import { ODESolution, type SolutionBackend } from './solution.js';

/** Any problem `solve` accepts. */
// `any`: a problem's parameter type enters its function's arguments, so under strict function
// types no single type (`unknown` included) admits every problem.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProblem = ODEProblem<any> | DynamicalODEProblem<any>;

/** A problem bound to one arithmetic backend. */
interface Bound<S> {
  readonly ops: StateOps<S>;
  readonly u0: S;
  readonly f0: S;
  readonly traced: boolean;
  readonly toValue: (x: S, shape: readonly number[]) => Value;
  readonly stackAll: (xs: StateStore<S>, shape: readonly number[]) => Value;
}

/**
 * Tensor views of the solver's buffers, made once per buffer: the fast path hands f a tensor
 * over its own storage without allocating per call. The buffers are mutated between calls,
 * which is why f must not keep its argument.
 */
const tensorViews = (shape: readonly number[]) => {
  const views = new WeakMap<Float64Array, Value>();
  return (buffer: Float64Array): Value => {
    let view = views.get(buffer);
    if (view === undefined) views.set(buffer, (view = wrap(buffer, shape)));
    return view;
  };
};

const copyInto = (dst: Float64Array, src: ArrayLike<number>): void => {
  for (let i = 0; i < dst.length; i++) dst[i] = src[i] as number;
};

/** A user's result as a flat traced value of n entries. */
const flatValue = (name: string, r: unknown, n: number): Value => {
  if (isValue(r)) {
    const size = r.shape.reduce((a, b) => a * b, 1);
    if (size !== n) resultData(name, r, n);
    return reshape(r, [n]);
  }
  return wrap(Float64Array.from(resultData(name, r, n)), [n]);
};

const fastToValue = (x: Float64Array, shape: readonly number[]): Value => wrap(x, shape);
const fastStackAll = (xs: StateStore<Float64Array>, shape: readonly number[]): Value =>
  wrap((xs as FlatStore).rows(), [xs.length, ...shape]);

const tracedBackend = {
  toValue: (x: Value, shape: readonly number[]): Value => reshape(x, shape),
  stackAll: (xs: StateStore<Value>, shape: readonly number[]): Value => {
    const all = Array.from({ length: xs.length }, (_, i) => xs.get(i));
    return reshape(stack(all), [xs.length, ...shape]);
  },
};

// The fast-path adapters of a problem's vector field, made once per problem, not per solve.
const fastFields = new WeakMap<object, unknown>();

/** The in-place adapter of an out-of-place f: a tensor view in, the result copied out. */
const odeField = (f: ODEFunction<unknown>, shape: readonly number[], n: number): InPlaceField => {
  const view = tensorViews(shape);
  return (du, u, p, t) => copyInto(du, resultData('f', f(view(u), p, t), n));
};

/** The in-place adapters of a partitioned problem's f1 and f2. */
const partitionedField = (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  prob: DynamicalODEProblem<any>,
  nv: number,
  nu: number,
): InPlacePartitionedField => {
  const { f1, f2, v0, u0 } = prob;
  const [vView, uView] = [tensorViews(v0.shape), tensorViews(u0.shape)];
  return {
    nv,
    f1: (dv, v, u, t) => copyInto(dv, resultData('f1', f1(vView(v), uView(u), prob.p, t), nv)),
    f2: (du, v, u, t) => copyInto(du, resultData('f2', f2(vView(v), uView(u), prob.p, t), nu)),
  };
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bindODE = (prob: ODEProblem<any>, stats: Stats): Bound<Float64Array> | Bound<Value> => {
  const { shape, data } = prob.u0;
  const n = data.length;
  const t0 = prob.tspan[0];
  const p: unknown = prob.p;
  if (prob.inPlace) {
    const f = prob.f as InPlaceODEFunction<unknown>;
    const ops = new Float64Ops(n, f as InPlaceField, p, stats);
    const [u0, f0] = [ops.alloc(), ops.alloc()];
    u0.set(data);
    stats.nf++;
    f(f0, u0, p, t0);
    return { ops, u0, f0, traced: false, toValue: fastToValue, stackAll: fastStackAll };
  }
  const f = prob.f as ODEFunction<unknown>;
  stats.nf++;
  const probe = f(prob.u0.value, p, t0);
  if (prob.u0.traced || isTracer(probe)) {
    const field = (x: Value, t: number): Value => flatValue('f', f(reshape(x, shape), p, t), n);
    const ops = new ValueOps(n, field, stats);
    const u0 = reshape(prob.u0.value, [n]);
    return { ops, u0, f0: flatValue('f', probe, n), traced: true, ...tracedBackend };
  }
  let field = fastFields.get(prob) as InPlaceField | undefined;
  if (field === undefined) fastFields.set(prob, (field = odeField(f, shape, n)));
  const ops = new Float64Ops(n, field, p, stats);
  const [u0, f0] = [ops.alloc(), ops.alloc()];
  u0.set(data);
  copyInto(f0, resultData('ODEProblem: f', probe, n));
  return { ops, u0, f0, traced: false, toValue: fastToValue, stackAll: fastStackAll };
};

const bindDynamical = (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  prob: DynamicalODEProblem<any>,
  stats: Stats,
): Bound<Float64Array> | Bound<Value> => {
  const { f1, f2, v0, u0 } = prob;
  const p: unknown = prob.p;
  const nv = v0.data.length;
  const nu = u0.data.length;
  const n = nv + nu;
  const t0 = prob.tspan[0];
  stats.nf += 2;
  const probe1 = f1(v0.value, u0.value, p, t0);
  const probe2 = f2(v0.value, u0.value, p, t0);
  if (v0.traced || u0.traced || isTracer(probe1) || isTracer(probe2)) {
    const parts = {
      nv,
      f1: (v: Value, u: Value, t: number) =>
        flatValue('f1', f1(reshape(v, v0.shape), reshape(u, u0.shape), p, t), nv),
      f2: (v: Value, u: Value, t: number) =>
        flatValue('f2', f2(reshape(v, v0.shape), reshape(u, u0.shape), p, t), nu),
    };
    const field = (x: Value, t: number): Value => {
      const v = slice(x, [0], [nv]);
      const u = slice(x, [nv], [nu]);
      return concat([parts.f1(v, u, t), parts.f2(v, u, t)]);
    };
    const ops = new ValueOps(n, field, stats, parts);
    const x0 = concat([reshape(v0.value, [nv]), reshape(u0.value, [nu])]);
    const f0 = concat([flatValue('f1', probe1, nv), flatValue('f2', probe2, nu)]);
    return { ops, u0: x0, f0, traced: true, ...tracedBackend };
  }
  let parts = fastFields.get(prob) as InPlacePartitionedField | undefined;
  if (parts === undefined) fastFields.set(prob, (parts = partitionedField(prob, nv, nu)));
  const x0 = new Float64Array(n);
  x0.set(v0.data);
  x0.set(u0.data, nv);
  const f0 = new Float64Array(n);
  copyInto(f0.subarray(0, nv), resultData('DynamicalODEProblem: f1', probe1, nv));
  copyInto(f0.subarray(nv), resultData('DynamicalODEProblem: f2', probe2, nu));
  const ops = new Float64PartitionedOps(n, parts, stats);
  return { ops, u0: x0, f0, traced: false, toValue: fastToValue, stackAll: fastStackAll };
};

const checkAlgorithm = (prob: AnyProblem, alg: unknown): Algorithm => {
  const kind = (alg as { kind?: unknown } | null)?.kind;
  if (kind !== 'rk' && kind !== 'symplectic') {
    throw new ODEInputError(
      `solve: alg must be a method such as Tsit5() (note the call), got ${describe(alg)}`,
    );
  }
  const a = alg as Algorithm;
  if (a.kind === 'symplectic' && prob.kind !== 'DynamicalODEProblem') {
    throw new ODEInputError(
      `solve: ${a.name} is a symplectic method and needs a DynamicalODEProblem, ` +
        'SecondOrderODEProblem or HamiltonianProblem, got an ODEProblem; use Tsit5() for it',
    );
  }
  return a;
};

const makeStepper = <S>(ops: StateOps<S>, alg: Algorithm, opts: ResolvedOptions): Stepper<S> => {
  if (alg.kind === 'rk') return new RKStepper(ops, alg.tableau);
  const needsDerivatives =
    opts.dense ||
    opts.saveat.to > opts.saveat.from ||
    opts.callbacks.some((c) => c.kind === 'continuous');
  return new SymplecticStepper(ops as PartitionedOps<S>, alg.tableau, needsDerivatives);
};

/** Binary search: the last index whose time is at or before t in the direction of time. */
const searchTimes = (xs: readonly number[], t: number, dir: number): number => {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dir * ((xs[mid] as number) - t) <= 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/** What `ODESolution` reads: the saved states and the interpolant (a class, so no closures). */
class Backend<S> implements SolutionBackend {
  readonly span: readonly [number, number];
  private readonly dir: number;
  private starts: number[] | null = null;

  constructor(
    private readonly bound: Bound<S>,
    private readonly stepper: Stepper<S>,
    private readonly result: LoopResult<S>,
    private readonly shape: readonly number[],
    t0: number,
  ) {
    const { t: ts, records, tEnd } = result;
    this.dir = tEnd >= t0 ? 1 : -1;
    const first = records !== null ? t0 : (ts.first() ?? t0);
    this.span = [first, records !== null ? tEnd : (ts.last() ?? t0)];
  }

  state(i: number): Value {
    return this.bound.toValue(this.bound.ops.snapshot(this.result.u.get(i)), this.shape);
  }

  interpolate(t: number): Value {
    return this.bound.toValue(this.interpolateState(t), this.shape);
  }

  stacked(): Value {
    return this.bound.stackAll(this.result.u, this.shape);
  }

  private interpolateState(t: number): S {
    const { ops } = this.bound;
    const { u: us, records } = this.result;
    if (records !== null && records.length > 0) {
      this.starts ??= records.map((r) => r.t0);
      const rec = records[searchTimes(this.starts, t, this.dir)] as StepRecord<S>;
      return this.stepper.interpolateRecord(ops.alloc(), rec, (t - rec.t0) / rec.dt);
    }
    const ts = this.result.t.array();
    if (ts.length === 0) {
      throw new ODEInputError('ODESolution.at: nothing was saved; solve with dense: true');
    }
    const i = Math.min(searchTimes(ts, t, this.dir), ts.length - 2);
    if (i < 0) return ops.snapshot(us.get(0));
    const [ta, tb] = [ts[i] as number, ts[i + 1] as number];
    const theta = tb === ta ? 0 : (t - ta) / (tb - ta);
    return ops.combine(ops.alloc(), 1 - theta, us.get(i), theta, us.get(i + 1), 0, [], []);
  }
}

const run = <S>(
  bound: Bound<S>,
  prob: AnyProblem,
  alg: Algorithm,
  opts: ResolvedOptions,
  stats: Stats,
) => {
  const stepper = makeStepper(bound.ops, alg, opts);
  let result: LoopResult<S>;
  try {
    result = integrate({
      ops: bound.ops,
      stepper,
      u0: bound.u0,
      f0: bound.f0,
      p: prob.p,
      opts,
      stats,
      mutableState: !bound.traced,
    });
  } finally {
    bound.ops.release();
  }
  const shape = prob.kind === 'ODEProblem' ? prob.u0.shape : [bound.ops.n];
  const backend = new Backend(bound, stepper, result, shape, opts.t0);
  return new ODESolution(result.t, result.retcode, stats, alg.name, backend);
};

/**
 * Integrates a problem with a method. Numerical failure is not thrown: check `sol.retcode`.
 * Invalid input (bad options, a method that does not fit the problem, f returning the wrong
 * size) throws an `ODEInputError` before the first step.
 *
 * Runs on plain arrays when nothing is traced; when u0, p or values f closes over are autodiff
 * tracers, it runs on autodiff values so gradients flow through every step taken.
 *
 * @example
 * const sol = solve(ODEProblem((u) => neg(u), [1], [0, 1]), Tsit5(), { reltol: 1e-8 });
 * sol.at(1); // ~ [exp(-1)]
 */
export const solve = (
  prob: AnyProblem,
  alg: Algorithm,
  options: SolveOptions = {},
): ODESolution => {
  if (prob?.kind !== 'ODEProblem' && prob?.kind !== 'DynamicalODEProblem') {
    throw new ODEInputError(
      `solve: prob must come from ODEProblem, DynamicalODEProblem, SecondOrderODEProblem or ` +
        `HamiltonianProblem, got ${describe(prob)}`,
    );
  }
  const method = checkAlgorithm(prob, alg);
  const traits = {
    name: method.name,
    order: method.tableau.order,
    adaptiveCapable: method.kind === 'rk' && method.tableau.bTilde !== undefined,
  };
  const opts = resolveOptions(options, prob.tspan, traits);
  const stats: Stats = { nf: 0, naccept: 0, nreject: 0 };
  const bound = prob.kind === 'ODEProblem' ? bindODE(prob, stats) : bindDynamical(prob, stats);
  return run(bound as Bound<unknown>, prob, method, opts, stats);
};

/**
 * `solve`, but throws an `ODESolveError` carrying the message when the return code is a failure
 * (anything but `Success` and `Terminated`). For scripts that cannot continue anyway.
 *
 * @example
 * const sol = solveOrThrow(prob, Tsit5(), { maxiters: 1000 });
 */
export const solveOrThrow = (
  prob: AnyProblem,
  alg: Algorithm,
  options: SolveOptions = {},
): ODESolution => {
  const sol = solve(prob, alg, options);
  if (!sol.successful) throw new ODESolveError(`${sol.alg}: ${sol.retcode}: ${sol.message}`);
  return sol;
};

/**
 * One generic explicit Runge-Kutta stepper that reads a tableau. The stage loop and buffer
 * rotation are the same for every method; only the numbers differ.
 */
import { errorKernel, type ErrorKernel } from './kernels.js';
import type { ExplicitRKTableau } from '../tableaus/types.js';
import { DenseCache } from './dense-cache.js';
import {
  interpWeights,
  makeWeights,
  monomialOf,
  type InterpWeights,
  type MonomialInterpolant,
} from './interpolation.js';
import type { StateOps } from './state-ops.js';
import type { StepRecord, Stepper } from './stepper.js';

const combinePrimal = (
  out: Float64Array,
  w: InterpWeights,
  u0: Float64Array,
  u1: Float64Array,
  dt: number,
  ks: readonly Float64Array[],
): Float64Array => {
  for (let i = 0; i < out.length; i++) {
    let acc = 0;
    for (let j = 0; j < ks.length; j++)
      acc += (w.b[j] as number) * ((ks[j] as Float64Array)[i] as number);
    out[i] = w.w0 * (u0[i] as number) + w.w1 * (u1[i] as number) + dt * acc;
  }
  return out;
};

/** An explicit Runge-Kutta method bound to a problem. */
export class RKStepper<S> implements Stepper<S> {
  readonly order: number;
  private readonly s: number;
  private readonly ks: S[];
  private readonly primalKs: Float64Array[];
  private tmp: S;
  private u1: S;
  /** f(u1) for methods that are not FSAL; for FSAL ones it is the last stage. */
  private kEnd: S;
  private readonly w: InterpWeights;
  private readonly hermite: boolean;
  private readonly monomial: MonomialInterpolant;
  private readonly dense: DenseCache<S>;
  private readonly stages: ((out: S, u: S, h: number, ks: readonly S[]) => S)[];
  private readonly solution: (out: S, u: S, h: number, ks: readonly S[]) => S;
  private readonly errorNorm: ErrorKernel;

  constructor(
    private readonly ops: StateOps<S>,
    private readonly tab: ExplicitRKTableau,
  ) {
    this.order = tab.order;
    this.s = tab.b.length;
    this.ks = [];
    for (let i = 0; i < this.s; i++) this.ks.push(ops.alloc());
    this.primalKs = new Array<Float64Array>(this.s);
    this.tmp = ops.alloc();
    this.u1 = ops.alloc();
    this.kEnd = ops.alloc();
    this.monomial = monomialOf(tab);
    this.w = makeWeights(this.monomial);
    this.hermite = tab.interpolant.kind === 'hermite';
    this.dense = new DenseCache(ops, this.monomial);
    this.stages = [];
    for (const row of tab.a) this.stages.push(ops.combination(row));
    this.solution = ops.combination(tab.b);
    this.errorNorm = errorKernel(tab.bTilde ?? []);
  }

  start(u: S, t: number, f0?: S): void {
    this.dense.invalidate();
    if (f0 === undefined) this.ks[0] = this.ops.f(this.ks[0] as S, u, t);
    else this.ks[0] = this.ops.axpy(this.ks[0] as S, f0, 0, [], []);
  }

  attempt(u: S, t: number, dt: number): S {
    const { ops, tab, ks, s } = this;
    this.dense.invalidate();
    for (let i = 1; i < s; i++) {
      // An FSAL method's last stage is evaluated at the new solution itself: build it in u1.
      const atEnd = tab.fsal && i === s - 1;
      const stage = this.stages[i] as (out: S, u: S, h: number, ks: readonly S[]) => S;
      const y = stage(atEnd ? this.u1 : this.tmp, u, dt, ks);
      if (atEnd) this.u1 = y;
      ks[i] = ops.f(ks[i] as S, y, t + (tab.c[i] as number) * dt);
    }
    if (!tab.fsal) this.u1 = this.solution(this.u1, u, dt, ks);
    return this.u1;
  }

  error(u: S, u1: S, dt: number, abstol: number, reltol: number): number {
    const { ops, primalKs } = this;
    if (ops.plain) {
      const ks = this.ks as unknown as Float64Array[];
      const [a, b] = [u as unknown as Float64Array, u1 as unknown as Float64Array];
      return this.errorNorm(dt, ks, a, b, abstol, reltol);
    }
    for (let j = 0; j < this.s; j++) primalKs[j] = ops.primal(this.ks[j] as S);
    return this.errorNorm(dt, primalKs, ops.primal(u), ops.primal(u1), abstol, reltol);
  }

  finish(u1: S, t1: number): void {
    if (this.tab.fsal) this.kEnd = this.ks[this.s - 1] as S;
    else this.kEnd = this.ops.f(this.kEnd, u1, t1);
  }

  /** The k vectors the interpolant pairs with its weights. */
  private interpKs(): S[] {
    return this.hermite ? [this.ks[0] as S, this.kEnd] : this.ks;
  }

  interpolate(out: S, u0: S, u1: S, dt: number, theta: number): S {
    return this.dense.evaluate(out, u0, u1, dt, this.interpKs(), theta);
  }

  denseCoefficients(u0: S, u1: S, dt: number): readonly S[] {
    return this.dense.coefficients(u0, u1, dt, this.interpKs());
  }

  interpolatePrimal(out: Float64Array, u0: S, u1: S, dt: number, theta: number): Float64Array {
    interpWeights(this.w, this.monomial, theta);
    const ks = this.interpKs().map((k) => this.ops.primal(k));
    return combinePrimal(out, this.w, this.ops.primal(u0), this.ops.primal(u1), dt, ks);
  }

  record(): readonly S[] {
    return this.interpKs().map((k) => this.ops.snapshot(k));
  }

  interpolateRecord(out: S, rec: StepRecord<S>, theta: number): S {
    interpWeights(this.w, this.monomial, theta);
    const { w } = this;
    return this.ops.combine(out, w.w0, rec.u0, w.w1, rec.u1, rec.dt, w.b, rec.ks);
  }

  advance(oldU: S): void {
    this.dense.invalidate();
    this.u1 = oldU;
    // The derivative at the new state becomes the next step's first stage; the old first
    // stage's buffer is recycled for the end derivative.
    const first = this.ks[0] as S;
    this.ks[0] = this.kEnd;
    if (this.tab.fsal) this.ks[this.s - 1] = first;
    this.kEnd = first;
  }
}

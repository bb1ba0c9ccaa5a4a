/**
 * One generic stepper for explicit symplectic methods: the tableau's drifts and kicks applied
 * in place to a copy of the state. Fixed step only: the methods have no error estimate, and
 * varying the step would break the near-conservation of energy they are chosen for.
 */
import type { SymplecticTableau } from '../symplectic/types.js';
import { DenseCache } from './dense-cache.js';
import { HERMITE, interpWeights, makeWeights, type InterpWeights } from './interpolation.js';
import type { PartitionedOps } from './state-ops.js';
import type { StepRecord, Stepper } from './stepper.js';

/** A symplectic method bound to a partitioned problem. */
export class SymplecticStepper<S> implements Stepper<S> {
  readonly order: number;
  private x1: S;
  private f0: S;
  private f1: S;
  private readonly w: InterpWeights = makeWeights(HERMITE);
  private readonly dense: DenseCache<S>;

  /**
   * @param needsDerivatives evaluate the full field at step ends, for the Hermite interpolant
   * (dense output, saveat, events); off, a step costs only its drifts and kicks.
   */
  constructor(
    private readonly ops: PartitionedOps<S>,
    private readonly tab: SymplecticTableau,
    private readonly needsDerivatives: boolean,
  ) {
    this.order = tab.order;
    this.x1 = ops.alloc();
    this.f0 = ops.alloc();
    this.f1 = ops.alloc();
    this.dense = new DenseCache(ops, HERMITE);
  }

  start(u: S, t: number, f0?: S): void {
    this.dense.invalidate();
    if (!this.needsDerivatives) return;
    if (f0 === undefined) this.f0 = this.ops.f(this.f0, u, t);
    else this.f0 = this.ops.axpy(this.f0, f0, 0, [], []);
  }

  attempt(u: S, t: number, dt: number): S {
    const { ops, tab } = this;
    this.dense.invalidate();
    let y = u;
    let tau = 0;
    for (let i = 0; i < tab.kick.length; i++) {
      const k = tab.kick[i] as number;
      const d = tab.drift[i] as number;
      // The first update writes into x1 from u; later ones work on x1 in place.
      if (k !== 0) y = ops.kick(this.x1, y, k * dt, t + tau * dt);
      if (d !== 0) y = ops.drift(this.x1, y, d * dt, t + tau * dt);
      tau += d;
      this.x1 = y;
    }
    return this.x1;
  }

  error(): number {
    return 0;
  }

  finish(u1: S, t1: number): void {
    if (this.needsDerivatives) this.f1 = this.ops.f(this.f1, u1, t1);
  }

  interpolate(out: S, u0: S, u1: S, dt: number, theta: number): S {
    return this.dense.evaluate(out, u0, u1, dt, [this.f0, this.f1], theta);
  }

  denseCoefficients(u0: S, u1: S, dt: number): readonly S[] {
    return this.dense.coefficients(u0, u1, dt, [this.f0, this.f1]);
  }

  interpolatePrimal(out: Float64Array, u0: S, u1: S, dt: number, theta: number): Float64Array {
    interpWeights(this.w, HERMITE, theta);
    const { ops, w } = this;
    const [a, b, k0, k1] = [
      ops.primal(u0),
      ops.primal(u1),
      ops.primal(this.f0),
      ops.primal(this.f1),
    ];
    for (let i = 0; i < out.length; i++) {
      const dk = (w.b[0] as number) * (k0[i] as number) + (w.b[1] as number) * (k1[i] as number);
      out[i] = w.w0 * (a[i] as number) + w.w1 * (b[i] as number) + dt * dk;
    }
    return out;
  }

  record(): readonly S[] {
    return [this.ops.snapshot(this.f0), this.ops.snapshot(this.f1)];
  }

  interpolateRecord(out: S, rec: StepRecord<S>, theta: number): S {
    interpWeights(this.w, HERMITE, theta);
    const { w } = this;
    return this.ops.combine(out, w.w0, rec.u0, w.w1, rec.u1, rec.dt, w.b, rec.ks);
  }

  advance(oldU: S): void {
    this.dense.invalidate();
    this.x1 = oldU;
    const f0 = this.f0;
    this.f0 = this.f1;
    this.f1 = f0;
  }
}

/**
 * The traced path of `StateOps`: states are autodiff values (flat, shape [n]) and every
 * operation builds new ones, so reverse and forward mode see the whole computation of the steps
 * actually taken (discrete sensitivity). Step-size decisions read `primalOf` only.
 */
import { add, concat, mul, primalOf, slice, type Value } from '@hamiltonian/autodiff';
import { wrap } from '@hamiltonian/tensor/kernels';
import { columns, type MonomialInterpolant } from './interpolation.js';
import type { PartitionedOps, StateStore } from './state-ops.js';

/** A vector field over flat traced states. */
export type ValueField = (x: Value, t: number) => Value;

/** The two halves of a partitioned field over flat traced states. */
export interface ValuePartitionedField {
  readonly nv: number;
  readonly f1: (v: Value, u: Value, t: number) => Value;
  readonly f2: (v: Value, u: Value, t: number) => Value;
}

/** `PartitionedOps` over autodiff values; `out` arguments are ignored. */
export class ValueOps implements PartitionedOps<Value> {
  readonly plain = false;
  private readonly placeholder: Value;

  constructor(
    readonly n: number,
    private readonly field: ValueField,
    private readonly counter: { nf: number },
    private readonly parts: ValuePartitionedField | null = null,
  ) {
    this.placeholder = wrap(new Float64Array(n), [n]);
  }

  alloc(): Value {
    return this.placeholder;
  }

  release(): void {}

  axpy(_out: Value, u: Value, h: number, coeffs: readonly number[], ks: readonly Value[]): Value {
    let acc = u;
    for (let j = 0; j < coeffs.length; j++) {
      const c = coeffs[j] as number;
      if (c !== 0) acc = add(acc, mul(ks[j] as Value, h * c));
    }
    return acc;
  }

  combination(coeffs: readonly number[]) {
    return (out: Value, u: Value, h: number, ks: readonly Value[]): Value =>
      this.axpy(out, u, h, coeffs, ks);
  }

  denseCoefficients(m: MonomialInterpolant) {
    const cols = columns(m);
    return (cs: Value[], u0: Value, u1: Value, dt: number, ks: readonly Value[]): void => {
      for (let p = 0; p <= m.degree; p++) {
        const [w0, w1] = [m.w0[p] as number, m.w1[p] as number];
        cs[p] = this.combine(this.placeholder, w0, u0, w1, u1, dt, cols[p] as number[], ks);
      }
    };
  }

  combine(
    _out: Value,
    w0: number,
    u0: Value,
    w1: number,
    u1: Value,
    h: number,
    coeffs: readonly number[],
    ks: readonly Value[],
  ): Value {
    let acc = w0 === 1 ? u0 : mul(u0, w0);
    if (w1 !== 0) acc = add(acc, mul(u1, w1));
    for (let j = 0; j < coeffs.length; j++) {
      const c = coeffs[j] as number;
      if (c !== 0) acc = add(acc, mul(ks[j] as Value, h * c));
    }
    return acc;
  }

  horner(_out: Value, cs: readonly Value[], theta: number): Value {
    let acc = cs[cs.length - 1] as Value;
    for (let p = cs.length - 2; p >= 0; p--) acc = add(mul(acc, theta), cs[p] as Value);
    return acc;
  }

  f(_out: Value, u: Value, t: number): Value {
    this.counter.nf++;
    return this.field(u, t);
  }

  fPrimal(out: Float64Array, u: Float64Array, t: number): void {
    out.set(this.primal(this.f(this.placeholder, this.fromPrimal(u), t)));
  }

  scratch(): Float64Array {
    return new Float64Array(this.n);
  }

  primal(x: Value): Float64Array {
    const data = primalOf(x).data;
    return data instanceof Float64Array ? data : Float64Array.from(data);
  }

  snapshot(x: Value): Value {
    return x;
  }

  fromPrimal(values: Float64Array): Value {
    return wrap(values.slice(), [this.n]);
  }

  store(_capacity: number): StateStore<Value> {
    const xs: Value[] = [];
    return {
      get length() {
        return xs.length;
      },
      push: (x) => void xs.push(x),
      pushPolynomial: (cs, times, from, to, t0, dt) => {
        for (let k = from; k < to; k++) {
          xs.push(this.horner(this.placeholder, cs, ((times[k] as number) - t0) / dt));
        }
      },
      get: (i) => xs[i] as Value,
    };
  }

  private split(x: Value): [Value, Value] {
    const nv = (this.parts as ValuePartitionedField).nv;
    return [slice(x, [0], [nv]), slice(x, [nv], [this.n - nv])];
  }

  drift(_out: Value, x: Value, h: number, t: number): Value {
    const [v, u] = this.split(x);
    this.counter.nf++;
    const du = (this.parts as ValuePartitionedField).f2(v, u, t);
    return concat([v, add(u, mul(du, h))]);
  }

  kick(_out: Value, x: Value, h: number, t: number): Value {
    const [v, u] = this.split(x);
    this.counter.nf++;
    const dv = (this.parts as ValuePartitionedField).f1(v, u, t);
    return concat([add(v, mul(dv, h)), u]);
  }
}

/**
 * The fast path of `StateOps`: states are `Float64Array`s written in place, so a step allocates
 * nothing; only saved states are copied.
 */
import type { PartitionedOps, StateOps } from './state-ops.js';

/** A vector field written in place: `du <- f(u, t)`. */
export type InPlaceField = (du: Float64Array, u: Float64Array, t: number) => void;

/** `StateOps` over `Float64Array`, counting evaluations of the field in `counter.nf`. */
export class Float64Ops implements StateOps<Float64Array> {
  constructor(
    readonly n: number,
    private readonly field: InPlaceField,
    private readonly counter: { nf: number },
  ) {}

  alloc(): Float64Array {
    return new Float64Array(this.n);
  }

  axpy(
    out: Float64Array,
    u: Float64Array,
    h: number,
    coeffs: readonly number[],
    ks: readonly Float64Array[],
  ): Float64Array {
    const n = this.n;
    for (let i = 0; i < n; i++) out[i] = u[i] as number;
    for (let j = 0; j < coeffs.length; j++) {
      const c = coeffs[j] as number;
      if (c === 0) continue;
      const hc = h * c;
      const k = ks[j] as Float64Array;
      for (let i = 0; i < n; i++) out[i] = (out[i] as number) + hc * (k[i] as number);
    }
    return out;
  }

  combine(
    out: Float64Array,
    w0: number,
    u0: Float64Array,
    w1: number,
    u1: Float64Array,
    h: number,
    coeffs: readonly number[],
    ks: readonly Float64Array[],
  ): Float64Array {
    const n = this.n;
    for (let i = 0; i < n; i++) out[i] = w0 * (u0[i] as number) + w1 * (u1[i] as number);
    for (let j = 0; j < coeffs.length; j++) {
      const c = coeffs[j] as number;
      if (c === 0) continue;
      const hc = h * c;
      const k = ks[j] as Float64Array;
      for (let i = 0; i < n; i++) out[i] = (out[i] as number) + hc * (k[i] as number);
    }
    return out;
  }

  f(out: Float64Array, u: Float64Array, t: number): Float64Array {
    this.counter.nf++;
    this.field(out, u, t);
    return out;
  }

  primal(x: Float64Array): Float64Array {
    return x;
  }

  snapshot(x: Float64Array): Float64Array {
    return x.slice();
  }

  fromPrimal(values: Float64Array): Float64Array {
    return values.slice();
  }
}

/** Partitioned fields in place: `dv <- f1(v, u, t)` and `du <- f2(v, u, t)`. */
export interface InPlacePartitionedField {
  readonly nv: number;
  readonly f1: (dv: Float64Array, v: Float64Array, u: Float64Array, t: number) => void;
  readonly f2: (du: Float64Array, v: Float64Array, u: Float64Array, t: number) => void;
}

/** `PartitionedOps` over `Float64Array` states laid out as `[v; u]`. */
export class Float64PartitionedOps extends Float64Ops implements PartitionedOps<Float64Array> {
  private readonly dv: Float64Array;
  private readonly du: Float64Array;
  private readonly halves: (x: Float64Array) => readonly [Float64Array, Float64Array];

  constructor(
    n: number,
    private readonly parts: InPlacePartitionedField,
    private readonly count: { nf: number },
  ) {
    const nv = parts.nv;
    // Subarray views of each buffer, made once: the buffers rotate but are few.
    const cache = new WeakMap<Float64Array, readonly [Float64Array, Float64Array]>();
    const halves = (x: Float64Array): readonly [Float64Array, Float64Array] => {
      let h = cache.get(x);
      if (h === undefined) cache.set(x, (h = [x.subarray(0, nv), x.subarray(nv)]));
      return h;
    };
    const whole: InPlaceField = (dx, x, t) => {
      const [v, u] = halves(x);
      const [dv, du] = halves(dx);
      parts.f1(dv, v, u, t);
      parts.f2(du, v, u, t);
    };
    super(n, whole, count);
    this.halves = halves;
    this.dv = new Float64Array(nv);
    this.du = new Float64Array(n - nv);
  }

  drift(out: Float64Array, x: Float64Array, h: number, t: number): Float64Array {
    const nv = this.parts.nv;
    const du = this.du;
    const [v, u] = this.halves(x);
    this.count.nf++;
    this.parts.f2(du, v, u, t);
    if (out !== x) out.set(x);
    for (let i = nv; i < this.n; i++) out[i] = (out[i] as number) + h * (du[i - nv] as number);
    return out;
  }

  kick(out: Float64Array, x: Float64Array, h: number, t: number): Float64Array {
    const nv = this.parts.nv;
    const dv = this.dv;
    const [v, u] = this.halves(x);
    this.count.nf++;
    this.parts.f1(dv, v, u, t);
    if (out !== x) out.set(x);
    for (let i = 0; i < nv; i++) out[i] = (out[i] as number) + h * (dv[i] as number);
    return out;
  }
}

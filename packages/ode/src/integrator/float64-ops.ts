/**
 * The fast path of `StateOps`: states are `Float64Array`s written in place, so a step allocates
 * nothing; only saved states are copied.
 */
import type { MonomialInterpolant } from './interpolation.js';
import {
  combinationKernel,
  denseKernel,
  type CombinationKernel,
  type DenseKernel,
} from './kernels.js';
import type { PartitionedOps, StateOps, StateStore } from './state-ops.js';

/** Saved states packed row by row into one growing array. */
export class FlatStore implements StateStore<Float64Array> {
  length = 0;
  private data: Float64Array;

  constructor(
    private readonly n: number,
    capacity: number,
  ) {
    this.data = new Float64Array(n * Math.max(capacity, 4));
  }

  push(x: Float64Array): void {
    const n = this.n;
    if ((this.length + 1) * n > this.data.length) this.grow();
    const offset = this.length * n;
    for (let i = 0; i < n; i++) this.data[offset + i] = x[i] as number;
    this.length++;
  }

  pushPolynomial(
    cs: readonly Float64Array[],
    times: readonly number[],
    from: number,
    to: number,
    t0: number,
    dt: number,
  ): void {
    const n = this.n;
    while ((this.length + to - from) * n > this.data.length) this.grow();
    const data = this.data;
    const top = cs.length - 1;
    const offset = this.length * n;
    // One call per step for all its output points: per point, only Horner's rule remains.
    if (top === 4) {
      // Degree 4 (Tsit5, DP5): one component at a time, its five coefficients held in locals,
      // so each output point costs one load and one store; measured 2.4 times faster per
      // point than looping over points outside and coefficient vectors inside.
      const inv = 1 / dt;
      for (let i = 0; i < n; i++) {
        const a0 = (cs[0] as Float64Array)[i] as number;
        const a1 = (cs[1] as Float64Array)[i] as number;
        const a2 = (cs[2] as Float64Array)[i] as number;
        const a3 = (cs[3] as Float64Array)[i] as number;
        const a4 = (cs[4] as Float64Array)[i] as number;
        let o = offset + i;
        for (let k = from; k < to; k++) {
          const th = ((times[k] as number) - t0) * inv;
          data[o] = a0 + th * (a1 + th * (a2 + th * (a3 + th * a4)));
          o += n;
        }
      }
      this.length += to - from;
      return;
    }
    // Any other degree (Hermite's 3): the same order of loops, coefficients in a small array.
    const a = this.coefficients;
    for (let i = 0; i < n; i++) {
      for (let p = 0; p <= top; p++) a[p] = (cs[p] as Float64Array)[i] as number;
      let o = offset + i;
      for (let k = from; k < to; k++) {
        const theta = ((times[k] as number) - t0) / dt;
        let acc = a[top] as number;
        for (let p = top - 1; p >= 0; p--) acc = acc * theta + (a[p] as number);
        data[o] = acc;
        o += n;
      }
    }
    this.length += to - from;
  }

  private readonly coefficients: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

  private grow(): void {
    const grown = new Float64Array(this.data.length * 2);
    grown.set(this.data);
    this.data = grown;
  }

  get(i: number): Float64Array {
    return this.data.subarray(i * this.n, (i + 1) * this.n);
  }

  /** All states, row after row, as a fresh array. */
  rows(): Float64Array {
    return this.data.slice(0, this.length * this.n);
  }
}

// Free work buffers by length, shared by all solves (solves are synchronous, so a buffer is
// never in two solves at once; nested solves check out their own).
const freeBuffers = new Map<number, Float64Array[]>();
const MAX_FREE = 256;

/** A vector field written in place: `du <- f(u, p, t)`. */
export type InPlaceField = (du: Float64Array, u: Float64Array, p: unknown, t: number) => void;

/** `StateOps` over `Float64Array`, counting evaluations of the field in `counter.nf`. */
export class Float64Ops implements StateOps<Float64Array> {
  /**
   * @param field the vector field; taking `p` as an argument (rather than closing over it)
   * lets a user's in-place f be used directly, without a wrapper per solve.
   */
  constructor(
    readonly n: number,
    private readonly field: InPlaceField,
    private readonly p: unknown,
    private readonly counter: { nf: number },
  ) {}

  readonly plain = true;
  private readonly taken: Float64Array[] = [];
  private released = false;

  /**
   * Work buffers come from a module-wide free list and go back when the solve ends: creating a
   * typed array costs about a microsecond, and a short solve needs twenty of them, more than
   * its steps cost. Buffers are not zeroed; every user writes before reading. After `release`,
   * buffers are fresh, since they may then escape into results.
   */
  alloc(): Float64Array {
    const n = this.n;
    if (this.released) return new Float64Array(n);
    const buffer = freeBuffers.get(n)?.pop() ?? new Float64Array(n);
    this.taken.push(buffer);
    return buffer;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    let free = freeBuffers.get(this.n);
    if (free === undefined) freeBuffers.set(this.n, (free = []));
    for (const buffer of this.taken) if (free.length < MAX_FREE) free.push(buffer);
    this.taken.length = 0;
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

  combination(coeffs: readonly number[]): CombinationKernel {
    return combinationKernel(coeffs);
  }

  denseCoefficients(m: MonomialInterpolant): DenseKernel {
    return denseKernel(m);
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

  horner(out: Float64Array, cs: readonly Float64Array[], theta: number): Float64Array {
    const n = this.n;
    const top = cs.length - 1;
    for (let i = 0; i < n; i++) {
      let acc = (cs[top] as Float64Array)[i] as number;
      for (let p = top - 1; p >= 0; p--) acc = acc * theta + ((cs[p] as Float64Array)[i] as number);
      out[i] = acc;
    }
    return out;
  }

  f(out: Float64Array, u: Float64Array, t: number): Float64Array {
    this.counter.nf++;
    this.field(out, u, this.p, t);
    return out;
  }

  fPrimal(out: Float64Array, u: Float64Array, t: number): void {
    this.f(out, u, t);
  }

  scratch(): Float64Array {
    return this.alloc();
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

  store(capacity: number): FlatStore {
    return new FlatStore(this.n, capacity);
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
    const whole: InPlaceField = (dx, x, _p, t) => {
      const [v, u] = halves(x);
      const [dv, du] = halves(dx);
      parts.f1(dv, v, u, t);
      parts.f2(du, v, u, t);
    };
    super(n, whole, undefined, count);
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

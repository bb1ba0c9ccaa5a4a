/**
 * Forward mode: each traced value carries a tangent alongside its primal.
 */
import { bind, type Maybe, type Primitive } from '../core/primitive.js';
import { Trace, WrappingTracer, type Value } from '../core/value.js';

/** A value under `jvp`: its primal and its tangent (null when known to be zero). */
export class JvpTracer extends WrappingTracer {
  constructor(
    readonly trace: JvpTrace,
    primalValue: Value,
    readonly tangent: Maybe,
  ) {
    super(primalValue);
  }
}

/** The trace of one `jvp` call. */
export class JvpTrace extends Trace {
  process(prim: Primitive, inputs: readonly Value[], params: unknown): Value {
    const primals: Value[] = [];
    const tangents: Maybe[] = [];
    let anyTangent = false;
    for (const x of inputs) {
      if (x instanceof JvpTracer && x.trace === this) {
        primals.push(x.primalValue);
        tangents.push(x.tangent);
        if (x.tangent !== null) anyTangent = true;
      } else {
        primals.push(x);
        tangents.push(null);
      }
    }
    const out = bind(prim, primals, params);
    if (!anyTangent || prim.nonDifferentiable) return out;
    const tangent = prim.jvp(primals, tangents, out, params);
    return tangent === null ? out : new JvpTracer(this, out, tangent);
  }
}

/** Splits a value seen by a `jvp` trace into its primal and tangent. */
export const unpackJvp = (trace: JvpTrace, x: Value): [Value, Maybe] =>
  x instanceof JvpTracer && x.trace === trace ? [x.primalValue, x.tangent] : [x, null];

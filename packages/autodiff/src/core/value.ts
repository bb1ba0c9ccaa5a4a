/**
 * Values, tracers and trace levels: the machinery every transform shares.
 *
 * A transform (`jvp`, `vjp`, `jit`) opens a `Trace` at a fresh, higher level and wraps its inputs
 * in tracers of that trace. Every primitive op goes through `bind`, which hands the op to the
 * trace of the highest level among its inputs; that trace computes the op on the values one
 * level down (which may themselves be tracers of outer transforms) and wraps the result. Because
 * the higher level always wins and each transform call opens a new level, values of different
 * transforms never mix up: perturbation confusion cannot happen.
 */
import type { DType, Shape, Tensor } from '@hamiltonian/tensor';
import { isTensor } from '@hamiltonian/tensor';
import { TracerError } from './errors.js';
import type { Primitive } from './primitive.js';

/** A value a differentiable program computes with: a concrete tensor or a transform's tracer. */
export type Value = Tensor | Tracer;

/** An operand: a value, or a plain number treated as a constant scalar. */
export type ValueLike = Value | number;

/** The shape and dtype of a value: all that staging (`jit`) knows before running. */
export interface Aval {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** A transform's view of one computation: it decides what a primitive means at its level. */
export abstract class Trace {
  /** Higher levels belong to inner (later-opened) transforms and win when values meet. */
  readonly level: number;
  #open = true;

  constructor() {
    this.level = ++levelCounter;
  }

  /** Applies a primitive to operands of which at least one is a tracer of this trace. */
  abstract process(prim: Primitive, inputs: readonly Value[], params: unknown): Value;

  /** False once the transform that opened this trace has returned. */
  get open(): boolean {
    return this.#open;
  }

  /** Marks the trace finished; its tracers can no longer take part in computations. */
  close(): void {
    this.#open = false;
  }
}

let levelCounter = 0;

/**
 * A value under a transform. Subclasses add what the transform tracks (a tangent, a tape node,
 * a program variable).
 */
export abstract class Tracer implements Aval {
  abstract readonly trace: Trace;
  abstract readonly shape: Shape;
  abstract readonly dtype: DType;

  /** The value this tracer wraps one level down: a tensor or an outer transform's tracer. */
  abstract get primal(): Value;

  get size(): number {
    let n = 1;
    for (const d of this.shape) n *= d;
    return n;
  }

  get rank(): number {
    return this.shape.length;
  }
}

/**
 * A tracer that wraps a value one level down (forward and reverse mode): its shape and dtype
 * are the wrapped value's.
 */
export abstract class WrappingTracer extends Tracer {
  readonly shape: Shape;
  readonly dtype: DType;

  constructor(readonly primalValue: Value) {
    super();
    this.shape = primalValue.shape;
    this.dtype = primalValue.dtype;
  }

  get primal(): Value {
    return this.primalValue;
  }
}

/** True when `x` is a tracer of some transform. */
export const isTracer = (x: unknown): x is Tracer => x instanceof Tracer;

/** True when `x` is a tensor or a tracer. */
export const isValue = (x: unknown): x is Value => isTensor(x) || isTracer(x);

/**
 * The concrete tensor under any number of tracers.
 *
 * Use it for decisions that must not be differentiated (step-size control, logging). Inside
 * `jit` there is no concrete value yet, so it throws a `TracerError`.
 *
 * @example
 * const loss = (x: Value) => { console.log(item(primalOf(x))); return sum(square(x)); };
 */
export const primalOf = (x: Value): Tensor => {
  let v: Value = x;
  while (isTracer(v)) v = v.primal;
  return v;
};

/** The highest-level open trace among the operands, or undefined when all are concrete. */
export const topTrace = (inputs: readonly Value[]): Trace | undefined => {
  let top: Trace | undefined;
  for (const x of inputs) {
    if (!isTracer(x)) continue;
    const trace = x.trace;
    if (!trace.open) {
      throw new TracerError(
        'a traced value escaped the transform that created it (for example a value stored in ' +
          'an outer variable inside grad or jit, then used after it returned); return it ' +
          'from the function instead',
      );
    }
    if (top === undefined || trace.level > top.level) top = trace;
  }
  return top;
};

/**
 * Conversions at the boundary between users' values and the solver's flat states, with the
 * checks that turn a bad input into a clear error before the first step.
 */
import { isTracer, isValue, primalOf, type Value } from '@hamiltonian/autodiff';
import { isTensor, tensorOrThrow } from '@hamiltonian/tensor';
import { ODEInputError, describe } from '../errors.js';

/** What a state argument may be: a tensor or tracer, a number, or an array of numbers. */
export type StateInput = Value | number | readonly number[] | Float64Array;

/** A state argument after checking: its shape, a private copy of its values, the traced value. */
export interface InitialState {
  readonly shape: readonly number[];
  readonly data: Float64Array;
  /** The argument as a value (a tracer when differentiating). */
  readonly value: Value;
  readonly traced: boolean;
}

/**
 * Checks and converts an initial state named `name` (for messages).
 *
 * @example
 * toInitialState('u0', [1, 0]).shape; // [2]
 */
export const toInitialState = (name: string, x: unknown): InitialState => {
  let value: Value;
  if (isValue(x)) value = x;
  else if (typeof x === 'number' || Array.isArray(x) || x instanceof Float64Array) {
    try {
      value = tensorOrThrow(x instanceof Float64Array ? Array.from(x) : (x as number[]));
    } catch (e) {
      throw new ODEInputError(
        `${name} must be a tensor, a number or a (nested) array of numbers; ` +
          `${describe(x)} could not be converted: ${(e as Error).message}`,
      );
    }
  } else {
    throw new ODEInputError(
      `${name} must be a tensor, a number or an array of numbers, got ${describe(x)}`,
    );
  }
  const primal = primalOf(value);
  const data = Float64Array.from(primal.data);
  if (data.length === 0) {
    throw new ODEInputError(
      `${name} is empty (shape [${primal.shape.join(', ')}]); give it a value`,
    );
  }
  const bad = data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new ODEInputError(
      `${name} has a non-finite entry at flat index ${bad} (${data[bad]}); ` +
        'initial states must be finite numbers',
    );
  }
  return { shape: primal.shape, data, value, traced: isTracer(value) };
};

/** Checks a time span: two finite numbers. */
export const toTspan = (x: unknown): readonly [number, number] => {
  const ok =
    Array.isArray(x) &&
    x.length === 2 &&
    x.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!ok) {
    throw new ODEInputError(
      `tspan must be [t0, tf], two finite numbers, got ${describe(x)}` +
        (Array.isArray(x) ? ` [${x.join(', ')}]` : ''),
    );
  }
  return [x[0] as number, x[1] as number];
};

/** Checks that a vector field argument is a function. */
export const checkFunction = (name: string, f: unknown): void => {
  if (typeof f !== 'function') {
    throw new ODEInputError(`${name} must be a function, got ${describe(f)}`);
  }
};

/** True when a parameter structure holds a tracer anywhere in its arrays and plain objects. */
export const containsTracer = (p: unknown, depth = 0): boolean => {
  if (isTracer(p)) return true;
  if (depth > 32 || p === null || typeof p !== 'object' || isValue(p)) return false;
  if (Array.isArray(p)) return p.some((x) => containsTracer(x, depth + 1));
  if (Object.getPrototypeOf(p) !== Object.prototype) return false;
  return Object.values(p).some((x) => containsTracer(x, depth + 1));
};

/**
 * The values of a vector field's result, checked against the expected size. Tensors are read
 * without a copy.
 */
export const resultData = (name: string, r: unknown, n: number): ArrayLike<number> => {
  let data: ArrayLike<number> | null = null;
  // Plain arrays first: the commonest result of a hand-written f, checked on every call.
  if (Array.isArray(r) || r instanceof Float64Array) data = r as ArrayLike<number>;
  else if (isTensor(r)) data = r.data;
  else if (typeof r === 'number') data = [r];
  if (data === null || data.length !== n) {
    throw new ODEInputError(
      `${name} returned ${describe(r)}, expected ${n} values (the shape of the state); ` +
        'return a tensor or array with one derivative per state entry',
    );
  }
  return data;
};

/**
 * Shared test helpers: one `toBeAllClose(expected, { rtol, atol })` matcher for every package.
 *
 * Importing this module registers the matcher with vitest's `expect`. It compares numbers,
 * nested number arrays, typed arrays and anything tensor-like (`{ shape, data }`), elementwise:
 * `|actual - expected| <= atol + rtol * |expected|`, with NaN equal to NaN and infinities equal
 * only to themselves. Shapes must agree exactly.
 */
import { expect } from 'vitest';

export interface CloseOptions {
  readonly rtol?: number;
  readonly atol?: number;
}

interface TensorLike {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

type Numeric = number | ArrayLike<unknown> | TensorLike;

const isTensorLike = (x: unknown): x is TensorLike =>
  typeof x === 'object' && x !== null && 'shape' in x && 'data' in x;

/** Flattens a numeric value into its shape and row-major entries. */
export const flattenNumeric = (x: unknown): { shape: number[]; values: number[] } => {
  if (typeof x === 'number') return { shape: [], values: [x] };
  if (isTensorLike(x)) return { shape: [...x.shape], values: Array.from(x.data) };
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const values = Array.from(x as unknown as ArrayLike<number>);
    return { shape: [values.length], values };
  }
  if (Array.isArray(x)) {
    const parts = x.map(flattenNumeric);
    const inner = parts[0]?.shape ?? [];
    for (const part of parts) {
      if (part.shape.join(',') !== inner.join(',')) throw new Error('ragged nested array');
    }
    return { shape: [x.length, ...inner], values: parts.flatMap((p) => p.values) };
  }
  throw new Error(`not a numeric value: ${String(x)}`);
};

const close = (a: number, b: number, rtol: number, atol: number): boolean => {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
};

/** Compares two numeric values elementwise; returns a message on mismatch, `null` when close. */
export const allCloseMismatch = (
  actual: Numeric,
  expected: Numeric,
  { rtol = 1e-7, atol = 0 }: CloseOptions = {},
): string | null => {
  const a = flattenNumeric(actual);
  const b = flattenNumeric(expected);
  if (a.shape.join(',') !== b.shape.join(',')) {
    return `shapes differ: [${a.shape.join(',')}] vs expected [${b.shape.join(',')}]`;
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i] as number;
    const y = b.values[i] as number;
    if (close(x, y, rtol, atol)) continue;
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (worst < 0 || !(excess <= worstExcess)) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst < 0) return null;
  const x = a.values[worst];
  const y = b.values[worst];
  return (
    `entry ${worst}: ${x} vs expected ${y} (|diff| ${Math.abs((x as number) - (y as number))},` +
    ` rtol ${rtol}, atol ${atol})`
  );
};

/** True when two numeric values agree elementwise within `rtol` and `atol`. */
export const allClose = (actual: Numeric, expected: Numeric, options?: CloseOptions): boolean =>
  allCloseMismatch(actual, expected, options) === null;

expect.extend({
  toBeAllClose(received: Numeric, expected: Numeric, options?: CloseOptions) {
    const mismatch = allCloseMismatch(received, expected, options);
    return {
      pass: mismatch === null,
      message: () => mismatch ?? 'expected values not to be all close',
    };
  },
});

declare module 'vitest' {
  // The type parameter must match vitest's declaration exactly for the merge to apply.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> {
    toBeAllClose(expected: Numeric, options?: CloseOptions): T;
  }
}

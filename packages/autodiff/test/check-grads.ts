/**
 * Test helpers around `checkGrads`: seeded inputs and an assertion that lists failed checks.
 */
import { isTensor, random, type Shape, type Tensor } from '@hamiltonian/tensor';
import { expect } from 'vitest';
import { checkGrads, type CheckGradsOptions } from '../src/index.js';

/**
 * Asserts that `f`'s derivatives at `args` match central differences, in forward and reverse
 * mode, at orders 1 and 2 unless `options.order` says otherwise.
 */
export const expectGrads = <A extends readonly unknown[]>(
  f: (...args: A) => unknown,
  args: A,
  options: CheckGradsOptions = {},
): void => {
  const result = checkGrads(f, args, options);
  expect(result.failures.map((x) => `${x.check}: ${x.message}`)).toEqual([]);
  expect(result.checks).toBeGreaterThan(0);
};

let draws = 0;

/** Standard-normal entries of `shape`; each call draws from a fresh key of one fixed seed. */
export const randn = (shape: Shape): Tensor =>
  random.normal(random.foldIn(random.key(1234), draws++), shape);

/** Uniform entries in [min, max): inputs kept inside a domain (log of positives). */
export const randIn = (shape: Shape, min: number, max: number): Tensor =>
  random.uniform(random.foldIn(random.key(5678), draws++), shape, { min, max });

/** A result that must be concrete (computed outside any transform), typed as a tensor. */
export const concrete = (x: unknown): Tensor => {
  if (!isTensor(x)) throw new Error(`expected a concrete tensor, got ${String(x)}`);
  return x;
};

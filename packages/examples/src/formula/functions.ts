/**
 * The rule table from mathjs names to autodiff operations: the operators and functions a
 * Hamiltonian formula may use, each differentiable by the autodiff package.
 */
import * as ad from '@hamiltonian/autodiff';
import type { Value } from '@hamiltonian/autodiff';

/** A rule: the autodiff operation for a mathjs operator or function of `arity` arguments. */
export interface Rule {
  readonly arity: number;
  readonly apply: (...args: Value[]) => Value;
}

const unary = (f: (x: Value) => Value): Rule => ({ arity: 1, apply: (x) => f(x) });
const binary = (f: (a: Value, b: Value) => Value): Rule => ({ arity: 2, apply: (a, b) => f(a, b) });

/** Operators, keyed by mathjs's `OperatorNode.fn`. */
export const OPERATORS: Readonly<Record<string, Rule>> = {
  add: binary(ad.add),
  subtract: binary(ad.sub),
  multiply: binary(ad.mul),
  divide: binary(ad.div),
  pow: binary(ad.pow),
  unaryMinus: unary(ad.neg),
  unaryPlus: unary((x) => x),
};

/** Functions, keyed by name; `log(x, b)` is the only one with two forms. */
export const FUNCTIONS: Readonly<Record<string, Rule>> = {
  sin: unary(ad.sin),
  cos: unary(ad.cos),
  tan: unary(ad.tan),
  asin: unary(ad.asin),
  acos: unary(ad.acos),
  atan: unary(ad.atan),
  sinh: unary(ad.sinh),
  cosh: unary(ad.cosh),
  tanh: unary(ad.tanh),
  asinh: unary(ad.asinh),
  acosh: unary(ad.acosh),
  atanh: unary(ad.atanh),
  exp: unary(ad.exp),
  expm1: unary(ad.expm1),
  log: unary(ad.log),
  log1p: unary(ad.log1p),
  log2: unary(ad.log2),
  log10: unary(ad.log10),
  sqrt: unary(ad.sqrt),
  square: unary(ad.square),
  cube: unary(ad.cube),
  abs: unary(ad.abs),
  atan2: binary(ad.atan2),
  pow: binary(ad.pow),
};

/** Named constants a formula may use without declaring them. */
export const CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  e: Math.E,
  tau: 2 * Math.PI,
};

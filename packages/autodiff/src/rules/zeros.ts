/**
 * Helpers for derivative rules: symbolic zeros (null) and undoing broadcasts.
 */
import type { Shape } from '@hamiltonian/tensor';
import { shapesEqual } from '@hamiltonian/tensor';
import type { Maybe } from '../core/primitive.js';
import type { Value } from '../core/value.js';
import { add, broadcastTo, reshape, sum } from '../ops.js';

/** Adds two cotangents, either of which may be a symbolic zero. */
export const addMaybe = (a: Maybe, b: Maybe): Maybe =>
  a === null ? b : b === null ? a : add(a, b);

/**
 * Sums `g` over the axes that broadcasting added or stretched, giving a value of `shape`: the
 * cotangent of an operand that was broadcast to `g`'s shape.
 */
export const unbroadcast = (g: Value, shape: Shape): Value => {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? sum(g, { axis: axes, keepdims: true }) : g;
  return shapesEqual(summed.shape, shape) ? summed : reshape(summed, shape);
};

/** A tangent with the result's shape: broadcast when the operand was smaller. */
export const broadcastTangent = (t: Value, shape: Shape): Value =>
  shapesEqual(t.shape, shape) ? t : broadcastTo(t, shape);

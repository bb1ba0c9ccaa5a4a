import '@hamiltonian/testing';
import { fromTypedArray, isTensor, type Tensor } from '@hamiltonian/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ad from '../src/index.js';
import type { Leaf, Tree, Value } from '../src/index.js';
import { concrete } from './check-grads.js';

// Random small programs: a chain of 2 to 5 steps over an input x, each a smooth unary op of the
// running value or a binary op between it and x or a constant (broadcast when shapes differ).
// Only ops smooth on all of ℝ appear, so every program is differentiable everywhere that
// matters: maximum is the exception, smooth except on a set of measure zero.

const unaryOps = {
  sin: ad.sin,
  cos: ad.cos,
  tanh: ad.tanh,
  sigmoid: ad.sigmoid,
  softplus: ad.softplus,
  atan: ad.atan,
  asinh: ad.asinh,
  erf: ad.erf,
  gelu: ad.gelu,
  swish: ad.swish,
  square: ad.square,
  logSigmoid: ad.logSigmoid,
};

const binaryOps = { add: ad.add, sub: ad.sub, mul: ad.mul, maximum: ad.maximum };

type Step =
  | { kind: 'unary'; op: keyof typeof unaryOps }
  | { kind: 'binary'; op: keyof typeof binaryOps; other: 'input' | Tensor; flip: boolean }
  | { kind: 'reduce'; axis: number };

const shapeArb = fc.constantFrom([3], [2, 3], [2, 1, 3], [1, 2]);

const valuesArb = (shape: readonly number[]) =>
  fc
    .array(fc.double({ min: -2, max: 2, noNaN: true }), {
      minLength: shape.reduce((a, b) => a * b, 1),
      maxLength: shape.reduce((a, b) => a * b, 1),
    })
    .map((xs) => fromTypedArray(xs, shape));

/** A constant of the input's shape or of its last axis only (broadcast against it). */
const constantArb = (shape: readonly number[]) =>
  fc.constantFrom(shape, shape.slice(-1), []).chain((s) => valuesArb(s));

const stepArb = (shape: readonly number[]): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.constantFrom(...Object.keys(unaryOps)).map((op) => ({ kind: 'unary', op }) as Step),
    fc
      .record({
        op: fc.constantFrom(...Object.keys(binaryOps)),
        other: fc.oneof(fc.constant('input' as const), constantArb(shape)),
        flip: fc.boolean(),
      })
      .map((r) => ({ kind: 'binary', ...r }) as Step),
    fc.nat({ max: shape.length - 1 }).map((axis) => ({ kind: 'reduce', axis }) as Step),
  );

/** Applies the steps; a reduction keeps its axis and is added back, so shapes stay put. */
const run =
  (steps: readonly Step[]) =>
  (x: Value): Value =>
    steps.reduce((v: Value, step) => {
      if (step.kind === 'unary') return unaryOps[step.op](v);
      if (step.kind === 'reduce') return ad.add(v, ad.mean(v, { axis: step.axis, keepdims: true }));
      const other = step.other === 'input' ? x : step.other;
      const op = binaryOps[step.op];
      return step.flip ? op(other, v) : op(v, other);
    }, x);

const programArb = shapeArb.chain((shape) =>
  fc.record({
    steps: fc.array(stepArb(shape), { minLength: 2, maxLength: 5 }),
    x: valuesArb(shape),
    v: valuesArb(shape),
    w: valuesArb(shape),
    a: fc.double({ min: -3, max: 3, noNaN: true }),
  }),
);

const maxAbs = (t: Tensor): number =>
  Array.from(t.data).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Tolerances for two exact derivatives summed in different orders: rounding only. */
const rounding = (reference: Tensor) => ({ rtol: 1e-12, atol: 1e-12 * (1 + maxAbs(reference)) });

const settings = { numRuns: 60, seed: 42 };

describe('random programs', () => {
  it('have the same Jacobian by forward and reverse mode', () => {
    fc.assert(
      fc.property(programArb, ({ steps, x }) => {
        const f = run(steps);
        const J = concrete(ad.jacrev(f)(x));
        expect(ad.jacfwd(f)(x)).toBeAllClose(J, rounding(J));
      }),
      settings,
    );
  });

  it('have a jvp linear in the tangent', () => {
    fc.assert(
      fc.property(programArb, ({ steps, x, v, w, a }) => {
        const f = run(steps);
        const tangent = (t: Value) => concrete(ad.jvp(f, [x], [t])[1]);
        const combined = tangent(ad.add(ad.mul(v, a), w));
        const expected = concrete(ad.add(ad.mul(tangent(v), a), tangent(w)));
        expect(combined).toBeAllClose(expected, rounding(expected));
      }),
      settings,
    );
  });

  it('satisfy <vjp(u), v> = <u, jvp(v)>', () => {
    fc.assert(
      fc.property(programArb, ({ steps, x, v, w: u }) => {
        const f = run(steps);
        const [, pullback] = ad.vjp(f, x);
        const left = concrete(ad.sum(ad.mul(pullback(u)[0], v)));
        const right = concrete(ad.sum(ad.mul(u, ad.jvp(f, [x], [v])[1])));
        const scale = concrete(ad.sum(ad.abs(ad.mul(pullback(ad.abs(u))[0], ad.abs(v)))));
        expect(left).toBeAllClose(right, { rtol: 1e-12, atol: 1e-12 * (1 + maxAbs(scale)) });
      }),
      settings,
    );
  });

  it('have a symmetric Hessian, equal by forward-over-reverse and reverse-over-reverse', () => {
    fc.assert(
      fc.property(programArb, ({ steps, x }) => {
        const f = (y: Value) => ad.sum(run(steps)(y));
        const flat = (y: Value) => f(ad.reshape(y, x.shape));
        const n = x.size;
        const H = concrete(ad.hessian(flat)(ad.reshape(x, [n])));
        expect(ad.transpose(H)).toBeAllClose(H, rounding(H));
        const byReverse = ad.jacrev((y: Value) => ad.grad(flat)(y) as Value)(ad.reshape(x, [n]));
        expect(byReverse).toBeAllClose(H, rounding(H));
      }),
      { ...settings, numRuns: 30 },
    );
  });
});

// Random pytrees: nested arrays and records of numbers and small tensors.
const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true }),
  shapeArb.chain((shape) => valuesArb(shape)),
);

const { tree: treeArb } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('W', 'b', 'layers', 'q', 'p', 'x0'), tie('tree'), {
      maxKeys: 3,
      noNullPrototype: true,
    }),
  ),
}));

/** Structural equality with tensors compared by shape and entries. */
const sameTree = (a: unknown, b: unknown): boolean => {
  if (isTensor(a) || isTensor(b)) {
    if (!isTensor(a) || !isTensor(b)) return false;
    return a.shape.join() === b.shape.join() && Array.from(a.data).every((x, i) => x === b.data[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameTree(x, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join('\u0000') !== kb.join('\u0000')) return false;
    return ka.every((k) => sameTree((a as Record<string, unknown>)[k], (b as never)[k]));
  }
  return Object.is(a, b);
};

describe('pytrees', () => {
  it('flatten then unflatten gives the tree back', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const [leaves, def] = ad.treeFlatten(tree);
        expect(sameTree(ad.treeUnflatten(def, leaves), tree)).toBe(true);
      }),
      settings,
    );
  });

  it('mapTree keeps the structure and visits leaves depth first', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const [leaves] = ad.treeFlatten(tree);
        const indices = ad.mapTree(tree, (_, i) => i);
        expect(ad.treeFlatten(indices)[0]).toEqual(leaves.map((_, i) => i));
      }),
      settings,
    );
  });

  it('destructure then rebuild gives the parameters back, and flat holds every entry', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const [leaves] = ad.treeFlatten(tree);
        const { flat, rebuild, size } = ad.destructure(tree);
        expect(flat.shape).toEqual([size]);
        expect(sameTree(rebuild(flat), tree)).toBe(true);
        const entries = leaves.flatMap((l) =>
          typeof l === 'number' ? [l] : [...concrete(l).data],
        );
        expect(Array.from(concrete(flat).data)).toEqual(entries);
      }),
      settings,
    );
  });
});

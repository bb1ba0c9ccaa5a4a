import '@hamiltonian/testing';
import * as T from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import * as ad from '../src/index.js';
import type { Value, ValueLike } from '../src/index.js';
import { concrete, expectGrads, randIn, randn } from './check-grads.js';

// log cosh x, whose derivative tanh x is computed directly rather than as sinh / cosh; the rules
// are written in differentiable ops, so the primitive can be differentiated again.
const logCosh = ad.defPrimitive({
  name: 'logCosh',
  impl: (x) => T.sub(T.add(T.abs(x), T.log1p(T.exp(T.mul(T.abs(x), -2)))), Math.LN2),
  vjp: (g, [x]) => [ad.mul(g, ad.tanh(x as Value))],
  jvp: ([x], [t]) => (t === null ? null : ad.mul(t, ad.tanh(x as Value))),
});

// A two-operand primitive: the potential energy of a pendulum, m (1 − cos q).
const pendulumEnergy = ad.defPrimitive({
  name: 'pendulumEnergy',
  impl: (m, q) => T.mul(m, T.sub(1, T.cos(q))),
  aval: (m, q) => ({
    shape: T.broadcastShapes('pendulumEnergy', m.shape, q.shape),
    dtype: q.dtype,
  }),
  vjp: (g, [m, q]) => [
    ad.sum(ad.mul(g, ad.sub(1, ad.cos(q as Value)))),
    ad.mul(g, ad.mul(m as Value, ad.sin(q as Value))),
  ],
  jvp: ([m, q], [tm, tq]) => {
    const fromM = tm === null ? null : ad.mul(tm, ad.sub(1, ad.cos(q as Value)));
    const fromQ = tq === null ? null : ad.mul(tq, ad.mul(m as Value, ad.sin(q as Value)));
    return fromM === null ? fromQ : fromQ === null ? fromM : ad.add(fromM, fromQ);
  },
});

describe('defPrimitive', () => {
  it('evaluates eagerly with its impl', () => {
    const x = T.tensorOrThrow([-30, -1, 0, 2]);
    const expected = [-30, -1, 0, 2].map((v) => Math.log(Math.cosh(v)));
    expect(logCosh(x)).toBeAllClose(expected, { rtol: 1e-15, atol: 1e-16 });
  });

  it('uses its vjp rule under grad', () => {
    const x = randn([4]);
    expect(ad.grad((y: Value) => ad.sum(logCosh(y)))(x)).toBeAllClose(concrete(ad.tanh(x)));
  });

  it('nests: grad(grad) differentiates the rule itself', () => {
    // d²/dx² log cosh x = 1 − tanh² x
    const d2 = ad.grad(ad.grad((y: ValueLike) => logCosh(y)));
    for (const x of [-1.5, 0, 0.4]) expect(d2(x)).toBeCloseTo(1 - Math.tanh(x) ** 2, 15);
  });

  it('uses its jvp rule under jvp and in forward-over-reverse', () => {
    const x = randn([3]);
    const t = randn([3]);
    expect(ad.jvp(logCosh, [x], [t])[1]).toBeAllClose(concrete(ad.mul(t, ad.tanh(x))));
    const hv = ad.hvp((y: Value) => ad.sum(logCosh(y)))(x, t);
    expect(hv).toBeAllClose(concrete(ad.mul(t, ad.sub(1, ad.square(ad.tanh(x))))), {
      rtol: 1e-14,
    });
  });

  it('matches central differences at orders 1 and 2', () => {
    expectGrads(logCosh, [randn([2, 3])]);
    expectGrads(pendulumEnergy, [randIn([], 0.5, 2), randn([4])]);
  });

  it('takes plain numbers and broadcasts through its own aval rule', () => {
    expect(pendulumEnergy(2, Math.PI / 2)).toBeAllClose(2, { rtol: 1e-15 });
    const [gm, gq] = ad.grad((m: ValueLike, q: ValueLike) => pendulumEnergy(m, q), {
      argnums: [0, 1],
    })(2, 0.5);
    expect(gm).toBeCloseTo(1 - Math.cos(0.5), 15);
    expect(gq).toBeCloseTo(2 * Math.sin(0.5), 15);
  });

  it('is caught by checkGrads when a rule is wrong at second order', () => {
    // The rule below blocks the derivative of tanh: right at order 1, wrong at order 2.
    const frozen = ad.defPrimitive({
      name: 'frozenLogCosh',
      impl: (x) => T.log(T.cosh(x)),
      vjp: (g, [x]) => [ad.mul(g, ad.stopGradient(ad.tanh(x as Value)))],
      jvp: ([x], [t]) => (t === null ? null : ad.mul(t, ad.stopGradient(ad.tanh(x as Value)))),
    });
    const x = randn([3]);
    expect(ad.checkGrads(frozen, [x], { order: 1 }).ok).toBe(true);
    const result = ad.checkGrads(frozen, [x]);
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => f.check)).toEqual([
      'order 2: forward mode of jvp(f)',
      'order 2: reverse mode of jvp(f)',
      'order 2: forward mode of vjp(f)',
      'order 2: reverse mode of vjp(f)',
    ]);
  });

  it('reports a vjp rule that returns the wrong number of cotangents by name', () => {
    const bad = ad.defPrimitive({
      name: 'badArity',
      impl: (a, b) => T.add(a, b),
      vjp: (g) => [g],
    });
    const g = ad.grad((x: Value) => ad.sum(bad(x, x)));
    expect(() => g(randn([2]))).toThrow(
      'badArity: the vjp rule returned 1 cotangents for 2 operands',
    );
  });

  it('reports a rule or impl that returns the wrong shape by name', () => {
    const badVjp = ad.defPrimitive({ name: 'badShape', impl: (x) => x, vjp: (g) => [ad.sum(g)] });
    expect(() => ad.grad((x: Value) => ad.sum(badVjp(x)))(randn([2]))).toThrow(
      /badShape: .*cotangent 0 of shape \[\], expected \[2\]/,
    );
    const badImpl = ad.defPrimitive({ name: 'badImpl', impl: (x) => T.sum(x) });
    expect(() => badImpl(randn([2]))).toThrow(/badImpl: .*differs from the aval rule/);
  });
});

describe('stopGradient', () => {
  it('treats its operand as a constant in every mode and at every order', () => {
    // f(x) = x · sg(x²): f' = sg(x²) = x², f'' = 0 (the constant has no derivative).
    const f = (x: ValueLike) => ad.mul(x, ad.stopGradient(ad.square(x)));
    expect(ad.grad(f)(3)).toBe(9);
    expect(ad.jvp(f, [3], [1])[1]).toBeAllClose(9);
    expect(ad.grad(ad.grad(f))(3)).toBe(0);
  });

  it('blocks a target in a loss while the prediction stays differentiable', () => {
    const x = randn([3]);
    const loss = (y: Value) => ad.sum(ad.square(ad.sub(ad.sin(y), ad.stopGradient(ad.cos(y)))));
    const expected = ad.mul(ad.mul(ad.sub(ad.sin(x), ad.cos(x)), 2), ad.cos(x));
    expect(ad.grad(loss)(x)).toBeAllClose(concrete(expected), { rtol: 1e-14 });
  });
});

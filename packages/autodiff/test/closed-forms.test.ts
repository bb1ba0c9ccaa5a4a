import '@hamiltonian/testing';
import { tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import * as ad from '../src/index.js';
import type { Value, ValueLike } from '../src/index.js';
import { concrete, randn } from './check-grads.js';

const points = [-2.1, -0.4, 0, 0.7, 1.9];

describe('closed forms', () => {
  it.each(points)('grad(grad(grad(sin))) is -cos, at %f', (x) => {
    const d3 = ad.grad(ad.grad(ad.grad((y: ValueLike) => ad.sin(y))));
    expect(d3(x)).toBeCloseTo(-Math.cos(x), 14);
  });

  it('every mix of jvp and grad gives the third derivative of sin', () => {
    // d/dx along a unit tangent is the derivative itself for a scalar function.
    const fwd = (f: (x: ValueLike) => ValueLike) => (x: ValueLike) =>
      ad.jvp(f, [x], [1])[1] as ValueLike;
    const sin = (y: ValueLike) => ad.sin(y);
    const mixes = [
      fwd(fwd(fwd(sin))),
      fwd(ad.grad(fwd(sin))),
      ad.grad(fwd(ad.grad(sin))),
      fwd(fwd(ad.grad(sin))),
    ];
    for (const d3 of mixes) expect(d3(0.3)).toBeAllClose(-Math.cos(0.3), { rtol: 1e-14 });
  });

  it('the Hessian of the quadratic form x·Ax is A + Aᵀ', () => {
    const A = tensorOrThrow([
      [1, 2, 0],
      [-1, 3, 4],
      [0.5, 0, -2],
    ]);
    const f = (x: Value) => ad.dot(x, ad.matmul(A, x));
    const expected = concrete(ad.add(A, ad.transpose(A)));
    expect(ad.hessian(f)(randn([3]))).toBeAllClose(expected, { rtol: 1e-15 });
    expect(ad.jacrev((x: Value) => ad.grad(f)(x) as Value)(randn([3]))).toBeAllClose(expected, {
      rtol: 1e-15,
    });
  });

  it('the fourth derivative of exp(sin(x)) matches its closed form', () => {
    // f'''' = e^{sin x} (cos⁴x − 6 sin x cos²x − 4 cos²x + 3 sin²x + sin x)
    const f = (x: ValueLike) => ad.exp(ad.sin(x));
    const d4 = ad.grad(ad.grad(ad.grad(ad.grad(f))));
    for (const x of points) {
      const [s, c] = [Math.sin(x), Math.cos(x)];
      const closed = Math.exp(s) * (c ** 4 - 6 * s * c * c - 4 * c * c + 3 * s * s + s);
      expect(d4(x)).toBeAllClose(closed, { rtol: 1e-12, atol: 1e-14 });
    }
  });

  it('the gradient of a log-likelihood is its closed form', () => {
    // d/dμ Σ log N(xᵢ; μ, 1) = Σ (xᵢ − μ)
    const data = randn([5]);
    const logLik = (mu: ValueLike) => ad.sum(ad.mul(ad.square(ad.sub(data, mu)), -0.5));
    const mu = 0.3;
    const expected = (Array.from(data.data) as number[]).reduce((s, x) => s + x - mu, 0);
    expect(ad.grad(logLik)(mu)).toBeCloseTo(expected, 13);
  });
});

describe('perturbation confusion (Siskind and Pearlmutter)', () => {
  // d/dx [x · (d/dy (x + y))|_{y=1}] at x = 1 is 1; confusing the two perturbations gives 2.
  type Derivative = (f: (x: ValueLike) => ValueLike) => (x: ValueLike) => ValueLike;
  const byGrad: Derivative = (f) => ad.grad(f);
  const byJvp: Derivative = (f) => (x) => ad.jvp(f, [x], [1])[1];
  const modes: [string, Derivative][] = [
    ['grad', byGrad],
    ['jvp', byJvp],
  ];

  describe.each(modes)('with %s outside', (_, outer) => {
    it.each(modes)('and %s inside, is 1', (_inner, inner) => {
      const d = outer((x) => ad.mul(x, inner((y) => ad.add(x, y))(1)));
      expect(d(1)).toBeAllClose(1);
    });
  });

  it('keeps closures over outer variables apart at depth three', () => {
    // g(x) = d/dy sin(x y) at y = 1 = x cos x, so g'(x) = cos x − x sin x.
    const g = (x: ValueLike) => ad.grad((y: ValueLike) => ad.sin(ad.mul(x, y)))(1);
    expect(ad.grad(g)(0.8)).toBeCloseTo(Math.cos(0.8) - 0.8 * Math.sin(0.8), 14);
    // h(x) = d/dz [z · g(x z)] at z = 1 = g(x) + x g'(x)
    const h = (x: ValueLike) => ad.grad((z: ValueLike) => ad.mul(z, g(ad.mul(x, z))))(1);
    const x = 0.8;
    const gx = x * Math.cos(x);
    const dg = Math.cos(x) - x * Math.sin(x);
    expect(h(x)).toBeCloseTo(gx + x * dg, 14);
  });
});

describe('composition', () => {
  const f = (x: Value) => ad.sum(ad.mul(ad.sin(x), ad.exp(ad.mul(x, 0.3))));
  const x = randn([4]);

  it('jacobian(grad(f)) equals hessian(f), in both modes', () => {
    const gradF = (y: Value) => ad.grad(f)(y) as Value;
    const H = ad.hessian(f)(x);
    expect(ad.jacobian(gradF)(x)).toBeAllClose(concrete(H), { rtol: 1e-14 });
    expect(ad.jacobian(gradF, { mode: 'forward' })(x)).toBeAllClose(concrete(H), { rtol: 1e-14 });
  });

  it('forward-over-reverse and reverse-over-forward agree on Hessian-vector products', () => {
    const v = randn([4]);
    const fwdOverRev = ad.hvp(f)(x, v);
    const revOverFwd = ad.grad((y: Value) => ad.jvp(f, [y], [v])[1])(x);
    const revOverRev = ad.grad((y: Value) => ad.sum(ad.mul(ad.grad(f)(y) as Value, v)))(x);
    expect(fwdOverRev).toBeAllClose(revOverFwd as Tensor, { rtol: 1e-14 });
    expect(revOverRev).toBeAllClose(revOverFwd as Tensor, { rtol: 1e-14 });
    expect(fwdOverRev).toBeAllClose(concrete(ad.matmul(ad.hessian(f)(x), v)), { rtol: 1e-14 });
  });

  it('jacfwd and jacrev agree on a map between shapes [2, 3] and [3]', () => {
    const g = (y: Value) =>
      ad.sum(ad.tanh(ad.mul(y, ad.transpose(ad.sin(y), [0, 1]))), { axis: 0 });
    const y = randn([2, 3]);
    const J = ad.jacrev(g)(y);
    expect(J.shape).toEqual([3, 2, 3]);
    expect(ad.jacfwd(g)(y)).toBeAllClose(concrete(J), { rtol: 1e-14 });
  });
});

describe('arguments and results', () => {
  it('grad with an argnums list gives one gradient per listed argument', () => {
    const f = (a: Value, b: Value, c: Value) => ad.sum(ad.mul(ad.mul(a, b), c));
    const [a, b, c] = [randn([3]), randn([3]), randn([3])];
    const [gc, ga] = ad.grad(f, { argnums: [2, 0] })(a, b, c);
    expect(gc).toBeAllClose(concrete(ad.mul(a, b)));
    expect(ga).toBeAllClose(concrete(ad.mul(b, c)));
    expect(ad.grad(f, { argnums: 1 })(a, b, c)).toBeAllClose(concrete(ad.mul(a, c)));
  });

  it('grad of a record of parameters is a record of the same structure', () => {
    const params = { W: randn([2, 3]), b: randn([2]), layers: [{ s: 0.5 }] };
    const x = randn([3]);
    const loss = (p: typeof params, input: Value) => {
      const first = p.layers[0] as { s: ValueLike };
      return ad.sum(ad.mul(ad.tanh(ad.add(ad.matmul(p.W, input), p.b)), first.s));
    };
    const g = ad.grad(loss)(params, x);
    const z = ad.add(ad.matmul(params.W, x), params.b);
    const dz = concrete(ad.mul(ad.sub(1, ad.square(ad.tanh(z))), 0.5));
    expect(g.b).toBeAllClose(dz, { rtol: 1e-14 });
    expect(g.W).toBeAllClose(concrete(ad.outer(dz, x)), { rtol: 1e-14 });
    expect(typeof g.layers[0]?.s).toBe('number');
    expect(g.layers[0]?.s).toBeCloseTo(concrete(ad.sum(ad.tanh(z))).data[0] as number, 14);
  });

  it('valueAndGrad returns the value with the gradient', () => {
    const [value, g] = ad.valueAndGrad((x: ValueLike) => ad.mul(ad.square(x), 3))(2);
    expect(value).toBeAllClose(12);
    expect(g).toBe(12);
  });

  it('number arguments give number gradients, tensors give tensors', () => {
    expect(ad.grad((x: ValueLike) => ad.cube(x))(2)).toBe(12);
    const g = ad.grad((x: Value) => ad.sum(ad.cube(x)))(tensorOrThrow([2]));
    expect(g).toBeAllClose([12]);
    expect(typeof g).toBe('object');
  });

  it("a float32 argument's gradient is float32, even through float64 constants", () => {
    const x = tensorOrThrow([1, 2], { dtype: 'float32' });
    const g = ad.grad((y: Value) => ad.sum(ad.mul(y, tensorOrThrow([3, 4]))))(x);
    expect(g.dtype).toBe('float32');
    expect(g).toBeAllClose([3, 4]);
  });

  it('a function that ignores its argument has a zero gradient of its shape', () => {
    const g = ad.grad((_x: Value) => 3)(randn([2, 2]));
    expect(g).toBeAllClose([
      [0, 0],
      [0, 0],
    ]);
    expect(ad.grad((_x: ValueLike) => ad.sin(1))(1)).toBe(0);
  });

  it('vjp accepts a pytree output and returns one cotangent per argument', () => {
    const [x, y] = [randn([3]), randn([3])];
    const [out, pullback] = ad.vjp((a: Value, b: Value) => ({ s: ad.mul(a, b), t: [a] }), x, y);
    expect(out.s).toBeAllClose(concrete(ad.mul(x, y)));
    const ones = ad.onesLike(x);
    const [ga, gb] = pullback({ s: ones, t: [ones] });
    expect(ga).toBeAllClose(concrete(ad.add(y, 1)));
    expect(gb).toBeAllClose(x);
  });

  it('the pullback can be called many times, and under another transform', () => {
    const x = randn([3]);
    const [, pullback] = ad.vjp((a: Value) => ad.sin(a), x);
    const cosX = concrete(ad.cos(x));
    expect(pullback(ad.onesLike(x))[0]).toBeAllClose(cosX);
    expect(pullback(ad.mul(ad.onesLike(x), 2) as Tensor)[0]).toBeAllClose(
      concrete(ad.mul(cosX, 2)),
    );
    // The pullback is linear in the cotangent: its derivative in it is itself.
    const u = randn([3]);
    const [, t] = ad.jvp((c: Value) => pullback(c)[0], [u], [ad.onesLike(x)]);
    expect(t).toBeAllClose(cosX);
  });

  it('jvp takes pytrees of primals and tangents', () => {
    const [out, tangent] = ad.jvp(
      (p: { a: Value; b: ValueLike }) => ad.mul(p.a, p.b),
      [{ a: tensorOrThrow([1, 2]), b: 3 }],
      [{ a: tensorOrThrow([1, 0]), b: 1 }],
    );
    expect(out).toBeAllClose([3, 6]);
    expect(tangent).toBeAllClose([4, 2]);
  });
});

import { ShapeError, tanh as tanhT, tensorOrThrow } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import * as ad from '../src/index.js';
import type { Value } from '../src/index.js';
import { randn } from './check-grads.js';

describe('grad', () => {
  it('of a non-scalar output says so and points to vjp and jacobian', () => {
    const g = ad.grad((x: Value) => ad.sin(x));
    expect(() => g(randn([3]))).toThrow(ad.TransformError);
    expect(() => g(randn([3]))).toThrow(/returned shape \[3\]; grad needs a scalar output/);
    expect(() => g(randn([3]))).toThrow(/Use vjp .* or jacobian/);
  });

  it('of a structured output says what arrived and points to vjp', () => {
    const g = ad.grad((x: Value) => [ad.sum(x)] as unknown as Value);
    expect(() => g(randn([3]))).toThrow(/returned an array of 1; grad needs a scalar output/);
  });

  it('accepts a one-element tensor of any rank as a scalar', () => {
    const g = ad.grad((x: Value) => ad.reshape(ad.sum(ad.square(x)), [1, 1]));
    expect(Array.from((g(tensorOrThrow([1, 2])) as ad.Value).shape)).toEqual([2]);
  });

  it('with argnums out of range names the index and the argument count', () => {
    const f = (a: Value, b: Value) => ad.sum(ad.mul(a, b));
    expect(() => ad.grad(f, { argnums: 2 })(randn([2]), randn([2]))).toThrow(
      'grad: argnums 2 out of range for a call with 2 arguments',
    );
    expect(() => ad.grad(f, { argnums: [0, -1] })(randn([2]), randn([2]))).toThrow(
      /argnums -1 out of range/,
    );
  });
});

describe('pytrees', () => {
  const badParams = () => ({
    W0: randn([2, 2]),
    layers: [{ W: randn([2]) }, { W: 'weights' }],
  });

  it('an unsupported leaf names its path within the argument', () => {
    const loss = (p: ReturnType<typeof badParams>) => ad.sum(p.W0);
    expect(() => ad.grad(loss)(badParams())).toThrow(ad.TreeError);
    expect(() => ad.grad(loss)(badParams())).toThrow(/at args\[0\]\.layers\[1\]\.W: got string/);
    expect(() => ad.destructure(badParams() as never)).toThrow(/at params\.layers\[1\]\.W/);
  });

  it('an unsupported leaf in an argument grad does not differentiate is allowed', () => {
    const f = (x: Value, config: { name: string }) => ad.mul(ad.sum(x), config.name.length);
    expect(ad.grad(f)(tensorOrThrow([1, 2]), { name: 'abc' })).toBeDefined();
  });

  it('a typed array is not a leaf: the message says what arrived', () => {
    expect(() => ad.treeFlatten({ x: new Float64Array(2) })).toThrow(
      'unsupported leaf at tree.x: got Float64Array',
    );
  });
});

describe('vjp and jvp', () => {
  it('a cotangent of the wrong shape names both shapes', () => {
    const [, pullback] = ad.vjp((x: Value) => ad.sin(x), randn([3]));
    expect(() => pullback(randn([2]))).toThrow(ShapeError);
    expect(() => pullback(randn([2]))).toThrow(/has shape \[2\], expected \[3\]/);
  });

  it("a cotangent of the wrong structure says it differs from the function's output", () => {
    const [, pullback] = ad.vjp((x: Value) => [ad.sin(x), x], randn([3]));
    expect(() => pullback([randn([3])])).toThrow(/structure differs from the function's output/);
  });

  it('tangents of the wrong shape name both shapes', () => {
    expect(() => ad.jvp((x: Value) => x, [randn([3])], [randn([3, 1])])).toThrow(
      /has shape \[3,1\], expected \[3\]/,
    );
  });

  it('jacobian of a pytree function says it takes one tensor', () => {
    const f = (x: Value) => [x] as unknown as Value;
    expect(() => ad.jacobian(f)(randn([2]))).toThrow(/supports one tensor argument/);
  });
});

describe('tracers', () => {
  it('an escaped tracer gives a TracerError when used later', () => {
    let leaked: Value | undefined;
    ad.grad((x: Value) => {
      leaked = x;
      return ad.sum(x);
    })(randn([2]));
    expect(() => ad.sin(leaked as Value)).toThrow(ad.TracerError);
    expect(() => ad.sin(leaked as Value)).toThrow(/escaped the transform that created it/);
  });

  it('a tracer escaped from jvp is caught too', () => {
    let leaked: Value | undefined;
    ad.jvp(
      (x: Value) => {
        leaked = ad.mul(x, 2);
        return x;
      },
      [randn([2])],
      [randn([2])],
    );
    expect(() => ad.add(leaked as Value, 1)).toThrow(ad.TracerError);
  });
});

describe('custom primitives', () => {
  const noVjp = ad.defPrimitive({
    name: 'softClip',
    impl: (x) => tanhT(x),
    jvp: ([x], [t]) => (t === null ? null : ad.mul(t, ad.sub(1, ad.square(ad.tanh(x as Value))))),
  });

  it('without a vjp rule, used in reverse mode, names the primitive and the fix', () => {
    const g = ad.grad((x: Value) => ad.sum(noVjp(x)));
    expect(() => g(randn([2]))).toThrow(ad.TransformError);
    expect(() => g(randn([2]))).toThrow('softClip: reverse mode needs a vjp rule');
  });

  it('without a vjp rule still works eagerly and in forward mode', () => {
    const x = randn([2]);
    expect(() => noVjp(x)).not.toThrow();
    expect(() => ad.jvp(noVjp, [x], [x])).not.toThrow();
  });
});

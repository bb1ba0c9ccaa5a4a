import '@hamiltonian/testing';
import { destructure, grad, relu, sum, type Value } from '@hamiltonian/autodiff';
import {
  fromTypedArray,
  full,
  item,
  random,
  tensorOrThrow,
  type Tensor,
} from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import {
  Chain,
  Dense,
  NNError,
  activations,
  resolveActivation,
  zeros,
  type Initialiser,
} from '../src/index.js';

const W = tensorOrThrow([
  [1, -2],
  [0.5, 3],
  [-1, 1],
]);
const b = tensorOrThrow([0.1, -0.2, 0.3]);
const x = tensorOrThrow([
  [1, 2],
  [-1, 0.5],
]);

describe('Dense', () => {
  it('computes x Wᵀ + b for a batch, by hand', () => {
    // Row 0: [1 - 4, 0.5 + 6, -1 + 2] + b; row 1: [-1 - 1, -0.5 + 1.5, 1 + 0.5] + b.
    const y = Dense(2, 3)(x, { W, b });
    expect(y).toBeAllClose(
      [
        [-2.9, 6.3, 1.3],
        [-1.9, 0.8, 1.8],
      ],
      { rtol: 1e-15 },
    );
  });

  it('applies its activation and accepts a single sample', () => {
    const y = Dense(2, 3, 'relu')(tensorOrThrow([1, 2]), { W, b });
    expect(y).toBeAllClose([0, 6.3, 1.3], { rtol: 1e-15 });
  });

  it('initialises W as [out, in] and b as zeros by default', () => {
    const params = Dense(2, 64).init(random.key(0));
    expect(params.W.shape).toEqual([64, 2]);
    expect(params.b).toBeAllClose(new Float64Array(64));
  });

  it('uses the given initialisers and dtype', () => {
    const ones: Initialiser = (_k, shape, o) => full(shape, 1, { dtype: o?.dtype ?? 'float64' });
    const layer = Dense(3, 2, 'identity', { init: ones, biasInit: zeros });
    const params = layer.init(random.key(1), { dtype: 'float32' });
    expect(params.W.dtype).toBe('float32');
    expect(params.b.dtype).toBe('float32');
    expect(params.W).toBeAllClose(new Array(2).fill([1, 1, 1]));
  });

  it('draws the same parameters from the same key and different ones from another', () => {
    const layer = Dense(4, 5);
    const a = layer.init(random.key(3)).W as Tensor;
    expect(layer.init(random.key(3)).W).toBeAllClose(a, { rtol: 0 });
    expect(Array.from((layer.init(random.key(4)).W as Tensor).data)).not.toEqual(
      Array.from(a.data),
    );
  });

  it('is differentiable in its parameters', () => {
    // d/dW sum(x Wᵀ + b) = column sums of x repeated per output row; d/db = batch size.
    const g = grad((p: { W: Value; b: Value }) => sum(Dense(2, 3)(x, p)))({ W, b });
    expect(g.W).toBeAllClose(new Array(3).fill([0, 2.5]), { rtol: 1e-15 });
    expect(g.b).toBeAllClose([2, 2, 2]);
  });

  it('describes itself as Flux does', () => {
    expect(Dense(2, 64, 'relu').describe()).toBe('Dense(2 => 64, relu)');
    expect(Dense(64, 1).describe()).toBe('Dense(64 => 1)');
    expect(Dense(3, 3, relu).describe()).toBe('Dense(3 => 3, relu)');
    expect(Dense(2, 3).paramCount).toBe(9);
  });
});

describe('Chain', () => {
  const model = Chain(Dense(2, 3, 'relu'), Dense(3, 1));
  const W2 = tensorOrThrow([[1, 2, -1]]);
  const b2 = tensorOrThrow([0.5]);
  const params = [
    { W, b },
    { W: W2, b: b2 },
  ] as const;

  it('composes its layers, by hand', () => {
    // relu rows: [0, 6.3, 1.3] and [0, 0.8, 1.8]; then 2 h1 - h2 + 0.5.
    expect(model(x, params)).toBeAllClose([[11.8], [0.3]], { rtol: 1e-14 });
  });

  it('gives the same output from the flat parameter vector as from the pytree', () => {
    const { flat } = destructure(params);
    expect(flat.shape).toEqual([model.paramCount]);
    expect(model(x, flat)).toBeAllClose(model(x, params) as Tensor, { rtol: 0 });
    const init = model.init(random.key(0));
    expect(model(x, destructure(init).flat)).toBeAllClose(model(x, init) as Tensor, { rtol: 0 });
  });

  it('rebuilds the pytree from a flat vector, as destructure does', () => {
    const init = model.init(random.key(2));
    const { flat, rebuild } = destructure(init);
    const mine = model.rebuild(flat);
    const theirs = rebuild(flat);
    expect(mine[0].W).toBeAllClose(theirs[0].W as Tensor, { rtol: 0 });
    expect(mine[1].b).toBeAllClose(theirs[1].b as Tensor, { rtol: 0 });
  });

  it('differentiates through the flat vector', () => {
    const { flat } = destructure(params);
    const g = grad((p: Value) => sum(model(x, p)))(flat);
    const gTree = grad((p: typeof params) => sum(model(x, p)))(params);
    expect(g).toBeAllClose(destructure(gTree).flat as Tensor, { rtol: 1e-15 });
  });

  it('differentiates twice, input gradient inside a parameter gradient (as an HNN does)', () => {
    // g(θ) = sum(d/dx sum(model(x, θ))); its gradient against central differences. Step 1e-6
    // leaves truncation ~1e-12 and rounding ~1e-10 relative, so 1e-7 is a safe tolerance.
    const smooth = Chain(Dense(2, 4, 'tanh'), Dense(4, 1));
    const theta = destructure(smooth.init(random.key(5))).flat as Tensor;
    const inner = (p: Value) => grad((z: Value) => sum(smooth(z, p)))(x);
    const outer = (p: Value) => sum(inner(p));
    const g = grad(outer)(theta) as Tensor;
    const h = 1e-6;
    const fd = Array.from(theta.data, (_, i) => {
      const shifted = (d: number) => {
        const v = Float64Array.from(theta.data);
        v[i] = (v[i] as number) + d;
        return item(outer(fromTypedArray(v, theta.shape)) as Tensor);
      };
      return (shifted(h) - shifted(-h)) / (2 * h);
    });
    expect(g).toBeAllClose(fd, { rtol: 1e-7, atol: 1e-9 });
  });

  it('gives each layer its own key', () => {
    const [p0, p1] = Chain(Dense(2, 2), Dense(2, 2)).init(random.key(0));
    expect(Array.from((p0.W as Tensor).data)).not.toEqual(Array.from((p1.W as Tensor).data));
  });

  it('nests', () => {
    const nested = Chain(Chain(Dense(2, 3, 'relu')), Dense(3, 1));
    expect(nested(x, [[{ W, b }], { W: W2, b: b2 }])).toBeAllClose(model(x, params) as Tensor, {
      rtol: 0,
    });
    expect(nested.paramCount).toBe(13);
  });

  it('describes itself with parameter counts', () => {
    expect(model.describe()).toBe(
      'Chain(\n  Dense(2 => 3, relu),  # 9 parameters\n  Dense(3 => 1),  # 4 parameters\n)' +
        '  # 13 parameters',
    );
  });
});

describe('activations', () => {
  const v = tensorOrThrow([-1, 0, 2]);
  it('are available by name and match their formulas', () => {
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    expect(activations.identity(v)).toBe(v);
    expect(activations.relu(v)).toBeAllClose([0, 0, 2]);
    expect(activations.tanh(v)).toBeAllClose([-1, 0, 2].map(Math.tanh), { rtol: 1e-15 });
    expect(activations.sigmoid(v)).toBeAllClose([-1, 0, 2].map(s), { rtol: 1e-15 });
    expect(activations.softplus(v)).toBeAllClose(
      [-1, 0, 2].map((z) => Math.log1p(Math.exp(z))),
      { rtol: 1e-15 },
    );
    expect(activations.swish(v)).toBeAllClose(
      [-1, 0, 2].map((z) => z * s(z)),
      { rtol: 1e-15 },
    );
    // Exact GELU: x Φ(x); Φ(-1) = 0.15865525393145707, Φ(2) = 0.9772498680518208.
    expect(activations.gelu(v)).toBeAllClose([-0.15865525393145707, 0, 1.9545], {
      rtol: 1e-4,
    });
  });

  it('name custom functions', () => {
    const double = (z: Value) => sum(z);
    expect(resolveActivation(double).name).toBe('double');
    expect(resolveActivation((z: Value) => z).name).toBe('custom');
  });
});

describe('layer errors', () => {
  it('name the layer and both widths when the input width is wrong', () => {
    const model = Chain(Dense(2, 3), Dense(3, 1));
    const params = model.init(random.key(0));
    const bad = tensorOrThrow([[1, 2, 3]]);
    expect(() => model(bad, params)).toThrow(NNError);
    expect(() => model(bad, params)).toThrow(
      'Chain layer 0 (Dense(2 => 3)): input has width 3 (shape [1,3]), expected width 2',
    );
  });

  it('hint at the transpose for Julia-layout data', () => {
    const params = Dense(2, 3).init(random.key(0));
    const juliaLayout = tensorOrThrow([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => Dense(2, 3)(juliaLayout, params)).toThrow(/transpose Julia-style data/);
  });

  it('reject incompatible layers at construction', () => {
    expect(() => Chain(Dense(2, 64), Dense(32, 1))).toThrow(
      'Chain: layer 0 (Dense(2 => 64)) outputs width 64 but layer 1 (Dense(32 => 1)) ' +
        'expects width 32',
    );
    expect(() => Chain()).toThrow('Chain: needs at least one layer, got none');
  });

  it('reject bad sizes, activations and parameters', () => {
    expect(() => Dense(0, 3)).toThrow('Dense: inDim and outDim must be positive integers');
    expect(() => Dense(2, 3, 'rleu' as 'relu')).toThrow(/unknown activation "rleu"/);
    const params = Dense(3, 2).init(random.key(0));
    expect(() => Dense(2, 3)(x, params)).toThrow(
      'Dense(2 => 3): params have W [2,3] and b [2]; expected W [3,2] and b [3]',
    );
    expect(() => Dense(2, 3)(x, tensorOrThrow([1, 2]))).toThrow(
      'Dense(2 => 3): flat parameters have shape [2], expected [9]',
    );
    expect(() => Chain(Dense(2, 3))(x, [] as never)).toThrow(
      /params has 0 entries; expected an array of 1/,
    );
  });
});

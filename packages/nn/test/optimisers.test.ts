import '@hamiltonian/testing';
import { destructure, type Value } from '@hamiltonian/autodiff';
import { item, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import {
  Adam,
  AdamW,
  Momentum,
  NNError,
  RMSProp,
  SGD,
  type Optimiser,
  type OptimiserState,
} from '../src/index.js';

type Params = { W: Value; b: Value };

const x0 = [0.5, -1, 2, 0.2];
// Three steps of gradients, one row per step, for the parameters W (shape [1, 3]) and b ([1]).
const gs = [
  [0.1, -0.3, 2, 1e-3],
  [-0.2, 0.4, 1.5, 0],
  [0.05, -0.5, -1, 2e-3],
];

const asParams = (v: readonly number[]): Params => ({
  W: tensorOrThrow([v.slice(0, 3)]),
  b: tensorOrThrow([v[3] as number]),
});

const values = (p: Params): number[] => [...(p.W as Tensor).data, ...(p.b as Tensor).data];

/** Runs three updates on the pytree and returns the parameters after each. */
const run = (opt: Optimiser): number[][] => {
  let params = asParams(x0);
  let state: OptimiserState<Params> = opt.init(params);
  const out: number[][] = [];
  for (const g of gs) {
    [params, state] = opt.update(asParams(g), state, params);
    out.push(values(params));
  }
  expect(item(state.step as Tensor)).toBe(3);
  return out;
};

/** The same three steps by hand: `rule` maps (x, g, t, slots) to the new x, per scalar. */
const byHand = (rule: (x: number, g: number, t: number, s: number[]) => number): number[][] => {
  const x = x0.slice();
  const slots = x0.map(() => [0, 0]);
  return gs.map((g, step) => {
    for (let i = 0; i < x.length; i++) {
      x[i] = rule(x[i] as number, g[i] as number, step + 1, slots[i] as number[]);
    }
    return x.slice();
  });
};

// The same formulas in the same order give results equal to a few ulps.
const rtol = 1e-14;

describe('SGD', () => {
  it('takes x -= eta g for three steps', () => {
    const eta = 0.1;
    expect(run(SGD(eta))).toBeAllClose(
      byHand((x, g) => x - g * eta),
      { rtol },
    );
  });
});

describe('Momentum', () => {
  it('keeps v = rho v + eta g and takes x -= v for three steps', () => {
    const [eta, rho] = [0.05, 0.8];
    const expected = byHand((x, g, _t, s) => {
      s[0] = rho * (s[0] as number) + eta * g;
      return x - (s[0] as number);
    });
    expect(run(Momentum(eta, rho))).toBeAllClose(expected, { rtol });
  });
});

describe('RMSProp', () => {
  it('keeps a = rho a + (1 - rho) g^2 and takes x -= g eta / (sqrt(a) + epsilon)', () => {
    const [eta, rho, eps] = [0.01, 0.9, 1e-8];
    const expected = byHand((x, g, _t, s) => {
      s[0] = rho * (s[0] as number) + (1 - rho) * g * g;
      return x - (g * eta) / (Math.sqrt(s[0] as number) + eps);
    });
    expect(run(RMSProp(eta, { rho, epsilon: eps }))).toBeAllClose(expected, { rtol });
  });
});

const adamByHand = (eta: number, b1: number, b2: number, eps: number, lambda: number) =>
  byHand((x, g, t, s) => {
    s[0] = b1 * (s[0] as number) + (1 - b1) * g;
    s[1] = b2 * (s[1] as number) + (1 - b2) * g * g;
    const mHat = (s[0] as number) / (1 - b1 ** t);
    const vHat = (s[1] as number) / (1 - b2 ** t);
    return x - ((mHat / (Math.sqrt(vHat) + eps)) * eta + eta * lambda * x);
  });

describe('Adam', () => {
  it('matches the hand computation with Flux defaults for three steps', () => {
    expect(run(Adam(0.01))).toBeAllClose(adamByHand(0.01, 0.9, 0.999, 1e-8, 0), { rtol });
  });

  it('matches the hand computation with other hyperparameters', () => {
    const opt = Adam(0.003, { beta: [0.8, 0.99], epsilon: 1e-3 });
    expect(run(opt)).toBeAllClose(adamByHand(0.003, 0.8, 0.99, 1e-3, 0), { rtol });
  });

  it('moves each parameter by about eta on the first step: m̂ = g and v̂ = g^2', () => {
    // x1 = x0 - eta g / (|g| + epsilon); a zero gradient leaves the parameter in place.
    const [first] = run(Adam(0.01));
    const expected = x0.map((x, i) => {
      const g = gs[0]?.[i] as number;
      return x - (0.01 * g) / (Math.abs(g) + 1e-8);
    });
    expect(first).toBeAllClose(expected, { rtol });
  });

  it('adds epsilon to the square root of the corrected second moment, not inside it', () => {
    // With g = 1e-8 = epsilon the first step is eta g / (g + epsilon) = eta / 2. Epsilon
    // inside the root would give eta g / sqrt(g^2 + epsilon), about eta * 1e-4.
    const opt = Adam(0.1);
    const x = tensorOrThrow([1]);
    const [next] = opt.update(tensorOrThrow([1e-8]), opt.init(x), x);
    expect(next).toBeAllClose([1 - 0.05], { rtol: 1e-15 });
  });

  it('works on one flat parameter vector and keeps float32 parameters float32', () => {
    const { flat } = destructure(asParams(x0));
    const opt = Adam(0.01);
    let state = opt.init(flat);
    let p = flat;
    for (const g of gs) [p, state] = opt.update(tensorOrThrow(g), state, p);
    expect(p).toBeAllClose(adamByHand(0.01, 0.9, 0.999, 1e-8, 0)[2] as number[], { rtol });

    const x32 = tensorOrThrow([1, 2], { dtype: 'float32' });
    const [next, s32] = opt.update(
      tensorOrThrow([0.5, -0.5], { dtype: 'float32' }),
      opt.init(x32),
      x32,
    );
    expect(next.dtype).toBe('float32');
    expect((s32.moments['v'] as Value).dtype).toBe('float32');
    expect(next).toBeAllClose([0.99, 2.01], { rtol: 1e-7 });
  });
});

describe('AdamW', () => {
  it('decays the weights by eta lambda x on top of the Adam step, for three steps', () => {
    const opt = AdamW(0.01, { lambda: 0.1 });
    expect(run(opt)).toBeAllClose(adamByHand(0.01, 0.9, 0.999, 1e-8, 0.1), { rtol });
  });

  it('is Adam when lambda is 0', () => {
    expect(run(AdamW(0.01, { lambda: 0 }))).toBeAllClose(run(Adam(0.01)), { rtol: 0 });
  });
});

describe('optimiser errors', () => {
  it('reject gradients that do not match the parameters', () => {
    const opt = Adam(0.01);
    const params = asParams(x0);
    const state = opt.init(params);
    expect(() => opt.update({ W: params.W } as Params, state, params)).toThrow(NNError);
    expect(() => opt.update({ W: params.W } as Params, state, params)).toThrow(
      /Adam.update: grads has a different structure from params \(1 leaves, params have 2\)/,
    );
    const wrongShape = { W: tensorOrThrow([1, 2, 3]), b: params.b };
    expect(() => opt.update(wrongShape, state, params)).toThrow(
      'Adam.update: grads: leaf 0 has shape [3], params have [1,3]',
    );
  });

  it('reject a state made by another optimiser', () => {
    const params = asParams(x0);
    const sgdState = SGD().init(params);
    expect(() => Adam().update(params, sgdState, params)).toThrow(
      'Adam.update: state is not a Adam state (no moment m, v); create it with Adam(...).init',
    );
  });

  it('reject bad hyperparameters', () => {
    expect(() => Adam(-1)).toThrow('Adam: eta must be a finite number >= 0, got -1');
    expect(() => Adam(0.01, { beta: [0.9, 1] })).toThrow('Adam: beta[1] must be in [0, 1), got 1');
    expect(() => Momentum(0.01, 1.5)).toThrow('Momentum: rho must be in [0, 1), got 1.5');
    expect(() => RMSProp(0.01, { epsilon: NaN })).toThrow(/epsilon must be a finite number/);
  });

  it('describe their hyperparameters', () => {
    expect(Adam(0.01).describe()).toBe('Adam(0.01, beta [0.9, 0.999], epsilon 1e-8)');
    expect(AdamW().describe()).toBe('AdamW(0.001, beta [0.9, 0.999], epsilon 1e-8, lambda 0.01)');
    expect(SGD().describe()).toBe('SGD(0.1)');
  });
});

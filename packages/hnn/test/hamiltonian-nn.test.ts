import { describe, expect, it } from 'vitest';
import { destructure } from '@hamiltonian/autodiff';
import { Chain, Dense, type Model } from '@hamiltonian/nn';
import { random, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import '@hamiltonian/testing';
import { HNNError, HamiltonianNN } from '../src/index.js';
import { knownEnergy } from './known-energy.js';

const key = random.key(7);
const states = (rows: number, dim: number, seed: number): Tensor =>
  random.normal(random.key(seed), [rows, dim]);

/** Row i of a [rows, width] tensor as one state [width]. */
const row = (x: Tensor, i: number): Tensor => {
  const width = x.shape[1] as number;
  return tensorOrThrow(Array.from(x.data.slice(i * width, (i + 1) * width)));
};

describe('HamiltonianNN', () => {
  it('returns exactly (p, -q) for H = (q^2 + p^2) / 2', () => {
    const hnn = HamiltonianNN(knownEnergy(2), { key });
    const x = tensorOrThrow([
      [0.3, -1.7],
      [2.5, 0.125],
    ]);
    expect(Array.from((hnn(x) as Tensor).data)).toEqual([-1.7, -0.3, 0.125, -2.5]);
    expect(hnn.params.shape).toEqual([0]);
    expect(hnn.dim).toBe(2);
  });

  it.each([2, 3])('keeps the sign convention for n = %i with a coupled H', (n) => {
    // H = sum p_i^2 / 2 + sum q_i^2 / 2 + c q1 q2: dq_i/dt = p_i, dp_i/dt = -q_i - c q_other.
    const c = 0.4;
    const hnn = HamiltonianNN(knownEnergy(2 * n, c), { key });
    const x = states(5, 2 * n, n) as Tensor;
    const out = hnn(x) as Tensor;
    const expected = Array.from({ length: 5 }, (_, row) => {
      const at = (j: number) => x.data[row * 2 * n + j] as number;
      const dq = Array.from({ length: n }, (_, i) => at(n + i));
      const dp = Array.from({ length: n }, (_, i) => {
        const coupling = i === 0 ? c * at(1) : i === 1 ? c * at(0) : 0;
        return -(at(i) + coupling);
      });
      return [...dq, ...dp];
    });
    expect(out).toBeAllClose(expected, { rtol: 1e-15, atol: 1e-15 });
  });

  it('gives the same prediction for a batch as for each state alone', () => {
    const hnn = HamiltonianNN(Chain(Dense(4, 16, 'tanh'), Dense(16, 1)), { key });
    const x = states(6, 4, 1);
    const batch = hnn(x) as Tensor;
    for (let i = 0; i < 6; i++) {
      const one = hnn(row(x, i)) as Tensor;
      expect(one.shape).toEqual([4]);
      expect(one).toBeAllClose(Array.from(batch.data.slice(4 * i, 4 * i + 4)), { rtol: 1e-14 });
    }
  });

  it('accepts the flat vector, the pytree or nothing for the parameters', () => {
    const model = Chain(Dense(2, 8, 'relu'), Dense(8, 1));
    const hnn = HamiltonianNN(model, { key });
    const tree = model.init(key);
    expect(Array.from(hnn.params.data)).toEqual(
      Array.from((destructure(tree).flat as Tensor).data),
    );
    const x = states(4, 2, 2);
    const byDefault = Array.from((hnn(x) as Tensor).data);
    expect(Array.from((hnn(x, hnn.params) as Tensor).data)).toEqual(byDefault);
    expect(Array.from((hnn(x, tree) as Tensor).data)).toEqual(byDefault);
    expect(Array.from((hnn(x, hnn.rebuild(hnn.params)) as Tensor).data)).toEqual(byDefault);
  });

  it('evaluates the learned energy per state', () => {
    const model = Chain(Dense(2, 8, 'tanh'), Dense(8, 1));
    const hnn = HamiltonianNN(model, { key });
    const x = states(3, 2, 3);
    const energy = hnn.hamiltonian(x) as Tensor;
    expect(energy.shape).toEqual([3]);
    expect(energy).toBeAllClose(Array.from((model(x, hnn.params) as Tensor).data), { rtol: 0 });
    expect((hnn.hamiltonian(row(x, 0)) as Tensor).shape).toEqual([]);
  });

  it('draws its parameters from the key', () => {
    const model = Chain(Dense(2, 8, 'relu'), Dense(8, 1));
    const paramsFor = (seed: number) =>
      Array.from(HamiltonianNN(model, { key: random.key(seed) }).params.data);
    expect(paramsFor(1)).toEqual(paramsFor(1));
    expect(paramsFor(2)).not.toEqual(paramsFor(1));
    const f32 = HamiltonianNN(model, { key: random.key(1), dtype: 'float32' }).params;
    expect(f32.dtype).toBe('float32');
  });

  describe('errors', () => {
    it('rejects an odd input width at construction, naming it', () => {
      const make = () => HamiltonianNN(Chain(Dense(3, 8), Dense(8, 1)), { key });
      expect(make).toThrow(HNNError);
      expect(make).toThrow(/input width 3.*even width 2n/);
    });

    it('rejects a network whose output is not one scalar, naming the width', () => {
      const make = () => HamiltonianNN(Chain(Dense(2, 8), Dense(8, 2)), { key });
      expect(make).toThrow(/output width 2.*must output width 1/);
    });

    it('rejects something that is not a model, and a missing key', () => {
      expect(() => HamiltonianNN({} as unknown as Model, { key })).toThrow(/must be an nn Model/);
      const options = {} as { key: typeof key };
      expect(() => HamiltonianNN(Dense(2, 1), options)).toThrow(/options.key is required/);
    });

    it('rejects states of the wrong width and flat params of the wrong length', () => {
      const hnn = HamiltonianNN(Chain(Dense(2, 8), Dense(8, 1)), { key });
      expect(() => hnn(tensorOrThrow([[1, 2, 3]]))).toThrow(/shape \[1,3\].*\[batch, 2\]/);
      expect(() => hnn(tensorOrThrow([1, 2]), tensorOrThrow([1, 2]))).toThrow(
        /flat params have shape \[2\], expected \[33\]/,
      );
    });
  });
});

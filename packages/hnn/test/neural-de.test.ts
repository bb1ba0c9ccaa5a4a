import { describe, expect, it } from 'vitest';
import { checkGrads, type Value } from '@hamiltonian/autodiff';
import { Chain, Dense } from '@hamiltonian/nn';
import { ODEProblem, Tsit5, VerletLeapfrog, solve, type Algorithm } from '@hamiltonian/ode';
import { linspace, random, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import '@hamiltonian/testing';
import { HNNError, HamiltonianNN, NeuralHamiltonianDE, NeuralODE } from '../src/index.js';
import { knownEnergy } from './known-energy.js';

const key = random.key(3);
const smallHNN = () => HamiltonianNN(Chain(Dense(2, 8, 'tanh'), Dense(8, 1)), { key });

/** The raw values of every saved state, for bit-for-bit comparisons. */
const trajectory = (sol: { toTensor(): Value }): number[] =>
  Array.from((sol.toTensor() as Tensor).data);

describe('NeuralHamiltonianDE', () => {
  it('follows (sin t, cos t) for H = (q^2 + p^2) / 2', () => {
    const hnn = HamiltonianNN(knownEnergy(2), { key });
    const t = linspace(0, 2 * Math.PI, 64);
    const de = NeuralHamiltonianDE(hnn, [0, 2 * Math.PI], Tsit5(), {
      saveat: t,
      reltol: 1e-10,
      abstol: 1e-10,
    });
    const sol = de(tensorOrThrow([0, 1]));
    expect(sol.retcode).toBe('Success');
    expect(sol.t).toHaveLength(64);
    const exact = sol.t.map((s) => [Math.sin(s), Math.cos(s)]);
    // Tsit5 at tolerance 1e-10 over one period: the global error stays near 1e-9.
    expect(sol.toTensor()).toBeAllClose(exact, { atol: 1e-8 });
  });

  it('solves with the compiled field to the same bits as with the eager one', () => {
    const hnn = smallHNN();
    const params = random.normal(random.key(9), hnn.params.shape as number[], { std: 0.5 });
    const options = { saveat: 0.05 };
    const compiled = NeuralHamiltonianDE(hnn, [0, 2], Tsit5(), options)([0.5, -1], params);
    const eager = solve(
      ODEProblem((u, p: Value) => hnn(u, p), [0.5, -1], [0, 2], params),
      Tsit5(),
      options,
    );
    expect(compiled.stats).toEqual(eager.stats);
    expect(trajectory(compiled)).toEqual(trajectory(eager));
  });

  it('uses hnn.params by default and accepts the pytree', () => {
    const hnn = smallHNN();
    const de = NeuralHamiltonianDE(hnn, [0, 1], Tsit5());
    const byDefault = trajectory(de([1, 0]));
    expect(trajectory(de([1, 0], hnn.params))).toEqual(byDefault);
    expect(trajectory(de([1, 0], hnn.rebuild(hnn.params)))).toEqual(byDefault);
    expect(de.params).toBe(hnn.params);
    expect(de.hnn).toBe(hnn);
  });

  it('solves a batch of initial states together', () => {
    const hnn = HamiltonianNN(knownEnergy(2), { key });
    const de = NeuralHamiltonianDE(hnn, [0, 1], Tsit5(), { saveat: [0.5, 1], reltol: 1e-10 });
    const x0 = tensorOrThrow([
      [0, 1],
      [1, 0],
    ]);
    const end = de(x0).at(1);
    const [s, c] = [Math.sin(1), Math.cos(1)];
    expect(end).toBeAllClose(
      [
        [s, c],
        [c, -s],
      ],
      { atol: 1e-8 },
    );
  });

  it('returns its problem for solving with other options', () => {
    const hnn = smallHNN();
    const prob = NeuralHamiltonianDE(hnn, [0, 3], Tsit5()).problem([1, 2]);
    expect(prob.tspan).toEqual([0, 3]);
    expect(prob.u0.shape).toEqual([2]);
    expect(solve(prob, Tsit5(), { reltol: 1e-6 }).retcode).toBe('Success');
  });

  describe('gradients', () => {
    // Fixed steps make the solution a smooth function of x0 and params, so central differences
    // apply; with adaptive steps the discrete sensitivity is exact for the steps taken, but the
    // difference quotient also moves the step sizes, by about the tolerance.
    const fixed = { adaptive: false, dt: 0.125, saveat: [0.5, 1] };

    it('match finite differences with respect to params and x0', () => {
      const hnn = smallHNN();
      const de = NeuralHamiltonianDE(hnn, [0, 1], Tsit5(), fixed);
      const f = (x0: Value, params: Value) => de(x0, params).toTensor();
      const result = checkGrads(f, [tensorOrThrow([0.4, -0.8]), hnn.params], { order: 1 });
      expect(result.failures).toEqual([]);
      expect(result.checks).toBeGreaterThan(0);
    });

    it('match finite differences to second order for a fixed x0', () => {
      const hnn = HamiltonianNN(Chain(Dense(2, 4, 'tanh'), Dense(4, 1)), { key });
      const de = NeuralHamiltonianDE(hnn, [0, 0.5], Tsit5(), { ...fixed, saveat: [0.5] });
      const f = (params: Value) => de(tensorOrThrow([0.3, 0.9]), params).toTensor();
      const result = checkGrads(f, [hnn.params], { order: 2, modes: ['reverse'] });
      expect(result.failures).toEqual([]);
    });
  });

  describe('errors', () => {
    it('rejects a symplectic method, saying why and what to use', () => {
      const make = () => NeuralHamiltonianDE(smallHNN(), [0, 1], VerletLeapfrog());
      expect(make).toThrow(HNNError);
      expect(make).toThrow(/VerletLeapfrog.*not separable.*Tsit5\(\)/);
      const notAlg = undefined as unknown as Algorithm;
      expect(() => NeuralHamiltonianDE(smallHNN(), [0, 1], notAlg)).toThrow(
        /alg must be an ode method such as Tsit5\(\), got undefined/,
      );
      const uncalled = Tsit5 as unknown as Algorithm;
      expect(() => NeuralHamiltonianDE(smallHNN(), [0, 1], uncalled)).toThrow(/call it/);
    });

    it('rejects an initial state of the wrong width', () => {
      const de = NeuralHamiltonianDE(smallHNN(), [0, 1], Tsit5());
      expect(() => de([1, 2, 3])).toThrow(/x0 has shape \[3\]; expected one state \[2\]/);
    });

    it('rejects an hnn that is not one', () => {
      const notHNN = Dense(2, 1) as unknown as ReturnType<typeof smallHNN>;
      expect(() => NeuralHamiltonianDE(notHNN, [0, 1], Tsit5())).toThrow(/must come from/);
    });
  });
});

describe('NeuralODE', () => {
  it('solves dx/dt = model(x, params) to the same bits as a plain ODEProblem', () => {
    const model = Chain(Dense(2, 8, 'tanh'), Dense(8, 2));
    const node = NeuralODE(model, [0, 1], Tsit5(), { saveat: 0.1 }, { key });
    expect(node.params.shape).toEqual([model.paramCount]);
    const plain = solve(
      ODEProblem((u, p: Value) => model(u, p), [1, 0], [0, 1], node.params),
      Tsit5(),
      { saveat: 0.1 },
    );
    expect(trajectory(node([1, 0]))).toEqual(trajectory(plain));
  });

  it('has gradients that match finite differences', () => {
    const model = Chain(Dense(2, 4, 'tanh'), Dense(4, 2));
    const node = NeuralODE(model, [0, 1], Tsit5(), { adaptive: false, dt: 0.25, saveat: [1] });
    const f = (params: Value) => node(tensorOrThrow([1, -0.5]), params).toTensor();
    expect(checkGrads(f, [node.params], { order: 1 }).failures).toEqual([]);
  });

  it('rejects a model whose output width differs from its input width', () => {
    const make = () => NeuralODE(Chain(Dense(2, 8), Dense(8, 1)), [0, 1], Tsit5());
    expect(make).toThrow(/maps width 2 to width 1/);
  });
});

import { describe, expect, it } from 'vitest';
import { div, square, sum, type Value } from '@hamiltonian/autodiff';
import { Chain, Dense } from '@hamiltonian/nn';
import { Tsit5 } from '@hamiltonian/ode';
import { random, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import '@hamiltonian/testing';
import { HamiltonianNN, NeuralHamiltonianDE, energyAlong, energyDrift } from '../src/index.js';
import { knownEnergy } from './known-energy.js';

const key = random.key(5);
// The oscillator's energy (q^2 + p^2) / 2, for a batch of states or one state.
const trueH = (x: Value) => div(sum(square(x), { axis: -1 }), 2);

const oscillator = (options = {}) =>
  NeuralHamiltonianDE(HamiltonianNN(knownEnergy(2), { key }), [0, 10], Tsit5(), options);

describe('energyAlong', () => {
  it('evaluates H at every saved state', () => {
    const sol = oscillator({ saveat: 1 })([0.6, 0.8]);
    const energies = energyAlong(sol, trueH) as Tensor;
    expect(energies.shape).toEqual([11]);
    expect(energies.data[0]).toBe(0.5);
  });

  it('calls an H of one state once per state', () => {
    const sol = oscillator({ saveat: 1 })([0.6, 0.8]);
    const perState = (x: Value) => {
      if (x.shape.length !== 1) return sum(x); // one scalar for a whole batch
      return trueH(x);
    };
    const batched = energyAlong(sol, trueH) as Tensor;
    expect(energyAlong(sol, perState)).toBeAllClose(batched, { rtol: 1e-15 });
  });

  it('gives [nt, batch] energies for a batch of trajectories', () => {
    const x0 = tensorOrThrow([
      [0, 1],
      [2, 0],
    ]);
    const energies = energyAlong(oscillator({ saveat: 5 })(x0), trueH) as Tensor;
    expect(energies.shape).toEqual([3, 2]);
    expect(Array.from(energies.data.slice(0, 2))).toEqual([0.5, 2]);
  });

  it('rejects an H that does not return one energy per state', () => {
    const sol = oscillator({ saveat: 1 })([0.6, 0.8]);
    expect(() => energyAlong(sol, (x: Value) => x)).toThrow(/H returned shape \[11,2\]/);
  });
});

describe('energyDrift', () => {
  it('shrinks with the tolerance for the true Hamiltonian', () => {
    const loose = energyDrift(oscillator()([0.6, 0.8]), trueH);
    const tight = energyDrift(oscillator({ reltol: 1e-10, abstol: 1e-10 })([0.6, 0.8]), trueH);
    expect(loose.initial).toBe(0.5);
    expect(loose.relative).toBeCloseTo(loose.absolute / 0.5, 15);
    // Explicit Runge-Kutta does not conserve energy: ten time units at reltol 1e-3 lose a
    // visible amount, at 1e-10 almost none.
    expect(loose.absolute).toBeGreaterThan(1e-6);
    expect(tight.absolute).toBeLessThan(1e-8);
    expect(tight.absolute).toBeLessThan(loose.absolute);
  });

  it('measures a learned energy through hnn.hamiltonian', () => {
    const hnn = HamiltonianNN(Chain(Dense(2, 8, 'tanh'), Dense(8, 1)), { key });
    const params = hnn.params;
    const sol = NeuralHamiltonianDE(hnn, [0, 5], Tsit5(), { reltol: 1e-9, abstol: 1e-9 })(
      [0.5, 0.5],
      params,
    );
    const drift = energyDrift(sol, (x) => hnn.hamiltonian(x, params));
    // The flow of a Hamiltonian keeps it exactly, so only the solver's error remains.
    expect(drift.relative).toBeLessThan(1e-6);
    expect(drift.initial).toBeCloseTo(
      (hnn.hamiltonian(tensorOrThrow([0.5, 0.5]), params) as Tensor).data[0] as number,
      14,
    );
  });

  it('is zero for a state that does not move', () => {
    const drift = energyDrift(oscillator({ saveat: 1 })([0, 0]), trueH);
    expect(drift).toMatchObject({ initial: 0, absolute: 0, relative: 0 });
  });
});

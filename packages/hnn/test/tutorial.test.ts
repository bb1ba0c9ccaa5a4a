import { beforeAll, describe, expect, it } from 'vitest';
import { jit, type Value } from '@hamiltonian/autodiff';
import { Adam, Chain, DataLoader, Dense, mse, train, trainStep } from '@hamiltonian/nn';
import { Tsit5 } from '@hamiltonian/ode';
import { fromTypedArray, item, random, type Key, type Tensor } from '@hamiltonian/tensor';
import '@hamiltonian/testing';
import { HamiltonianNN, NeuralHamiltonianDE } from '../src/index.js';

// The DiffEqFlux tutorial's data as rows: q = sin 2 pi t, p = cos 2 pi t at 1024 times in
// [0, 1], with targets (dq/dt, dp/dt) = (2 pi p, -2 pi q).
const N = 1024;
const w = 2 * Math.PI;
const times = Float64Array.from({ length: N }, (_, i) => i / (N - 1));
const rows = (f: (t: number) => [number, number]) =>
  fromTypedArray(Float64Array.from([...times].flatMap(f)), [N, 2]);
const data = rows((t) => [Math.sin(w * t), Math.cos(w * t)]);
const target = rows((t) => [w * Math.cos(w * t), -w * Math.sin(w * t)]);

/** The tutorial's 500 epochs from one seed, with a jit-compiled step. */
const runTutorial = (seed: number) => {
  const [initKey, shuffleKey] = random.split(random.key(seed)) as [Key, Key];
  const hnn = HamiltonianNN(Chain(Dense(2, 64, 'relu'), Dense(64, 1)), { key: initKey });
  const loss = (params: Value, x: Value, y: Value) => mse(hnn(x, params), y);
  const optimiser = Adam(0.01);
  const loader = DataLoader({ data, target }, { batchsize: 256, shuffle: true, key: shuffleKey });
  const { params } = train({
    loss,
    params: hnn.params as Value,
    optimiser,
    loader,
    epochs: 500,
    step: jit(trainStep(loss, optimiser)),
  });
  const finalLoss = item(loss(params, data, target) as Tensor);

  const de = NeuralHamiltonianDE(hnn, [0, 1], Tsit5(), {
    saveEverystep: false,
    saveStart: true,
    saveat: fromTypedArray(times, [N]),
  });
  const sol = de([data.data[0] as number, data.data[1] as number], params);
  return { params: params as Tensor, finalLoss, sol, states: sol.toTensor() as Tensor };
};

describe('the tutorial', () => {
  let first: ReturnType<typeof runTutorial>;
  beforeAll(() => {
    first = runTutorial(0);
  });

  it('trains to a full-data loss below 0.015', () => {
    // PyTorch and plain JS with this initialisation end between 0.0079 and 0.0104 across seeds
    // (the tutorial prints 0.0098); this seed measures 0.0082.
    expect(first.finalLoss).toBeLessThan(0.015);
  });

  it('solves the learned dynamics close to (sin 2 pi t, cos 2 pi t) over [0, 1]', () => {
    const { sol, states } = first;
    expect(sol.retcode).toBe('Success');
    expect(sol.t).toHaveLength(N);
    let deviation = 0;
    sol.t.forEach((t, k) => {
      const q = states.data[2 * k] as number;
      const p = states.data[2 * k + 1] as number;
      deviation = Math.max(deviation, Math.abs(q - Math.sin(w * t)), Math.abs(p - Math.cos(w * t)));
    });
    // Measured 0.019 for this seed (0.02 to 0.13 over seeds 0-5; scipy's RK45 on the PyTorch
    // model: 0.055). A loss of 0.008 leaves the learned velocity about 1.5% off its norm 2 pi,
    // and over one period that error accumulates into the orbit; Tsit5 at reltol 1e-3 adds
    // little. The bound leaves a factor 2.5 over the measurement while still failing for a
    // trajectory that drifts off the unit circle.
    expect(deviation).toBeLessThan(0.05);
  });

  it('gives the same numbers bit for bit from the same seed', () => {
    const second = runTutorial(0);
    expect(second.finalLoss).toBe(first.finalLoss);
    expect(Array.from(second.params.data)).toEqual(Array.from(first.params.data));
    expect(Array.from(second.states.data)).toEqual(Array.from(first.states.data));
  });
});

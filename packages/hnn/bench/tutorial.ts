/**
 * The tutorial's workload for the benchmark: the spring data, the HNN, 500 epochs of
 * Adam(0.01) over shuffled batches of 256 with a jit-compiled step, and the learned-dynamics
 * solve. The same setup as `test/tutorial.test.ts`, with timing.
 */
import { jit, type Value } from '@hamiltonian/autodiff';
import { Adam, Chain, DataLoader, Dense, mse, train, trainStep } from '@hamiltonian/nn';
import { Tsit5 } from '@hamiltonian/ode';
import { fromTypedArray, item, random, type Key, type Tensor } from '@hamiltonian/tensor';
import { HamiltonianNN, NeuralHamiltonianDE } from '../src/index.js';

const N = 1024;
const w = 2 * Math.PI;

/** The tutorial's data: 1024 times in [0, 1], rows (q, p) and targets (2 pi p, -2 pi q). */
export const springData = () => {
  const times = Float64Array.from({ length: N }, (_, i) => i / (N - 1));
  const rows = (f: (t: number) => [number, number]) =>
    fromTypedArray(Float64Array.from([...times].flatMap(f)), [N, 2]);
  return {
    t: fromTypedArray(times, [N]),
    data: rows((t) => [Math.sin(w * t), Math.cos(w * t)]),
    target: rows((t) => [w * Math.cos(w * t), -w * Math.sin(w * t)]),
  };
};

/** One seeded training run: its parameters, full-data loss and the seconds of its steps. */
export const trainTutorial = (seed: number, epochs = 500) => {
  const { data, target } = springData();
  const [initKey, shuffleKey] = random.split(random.key(seed)) as [Key, Key];
  const hnn = HamiltonianNN(Chain(Dense(2, 64, 'relu'), Dense(64, 1)), { key: initKey });
  const loss = (params: Value, x: Value, y: Value) => mse(hnn(x, params), y);
  const optimiser = Adam(0.01);
  const loader = DataLoader({ data, target }, { batchsize: 256, shuffle: true, key: shuffleKey });
  const step = jit(trainStep(loss, optimiser));

  // Timed: the epochs with their batching and steps (first call traces the step); no callback.
  const start = performance.now();
  const result = train({ loss, params: hnn.params as Value, optimiser, loader, epochs, step });
  const seconds = (performance.now() - start) / 1000;

  const finalLoss = item(loss(result.params, data, target) as Tensor);
  return { hnn, params: result.params as Tensor, seconds, finalLoss, steps: epochs * 4 };
};

/** The learned-dynamics solve of the tutorial, from the first data point, saved at the times. */
export const learnedDynamics = (trained: ReturnType<typeof trainTutorial>) => {
  const { t, data } = springData();
  const de = NeuralHamiltonianDE(trained.hnn, [0, 1], Tsit5(), {
    saveEverystep: false,
    saveStart: true,
    saveat: t,
  });
  const x0 = [data.data[0] as number, data.data[1] as number];
  return () => de(x0, trained.params);
};

/** max over saved times of |q - sin 2 pi t| and |p - cos 2 pi t|. */
export const deviationFromTruth = (sol: ReturnType<ReturnType<typeof learnedDynamics>>) => {
  const states = sol.toTensor() as Tensor;
  let deviation = 0;
  sol.t.forEach((t, k) => {
    const q = states.data[2 * k] as number;
    const p = states.data[2 * k + 1] as number;
    deviation = Math.max(deviation, Math.abs(q - Math.sin(w * t)), Math.abs(p - Math.cos(w * t)));
  });
  return deviation;
};

// Quick start: train a Hamiltonian neural network on a spring, then follow what it learned.
import { jit, type Value } from '@hamiltonian/autodiff';
import { HamiltonianNN, NeuralHamiltonianDE } from '@hamiltonian/hnn';
import { Adam, Chain, DataLoader, Dense, mse, train, trainStep } from '@hamiltonian/nn';
import { Tsit5 } from '@hamiltonian/ode';
import { cos, format, linspace, mul, random, sin, stack, tensorOrThrow } from '@hamiltonian/tensor';
import type { Tensor } from '@hamiltonian/tensor';

// One turn of a spring: q = sin 2πt, p = cos 2πt, and the motion (dq/dt, dp/dt) to learn.
const w = 2 * Math.PI;
const t = linspace(0, 1, 1024);
const [q, p] = [sin(mul(t, w)), cos(mul(t, w))];
const data = stack([q, p], 1); // [1024, 2]: states (q, p), one per row
const target = stack([mul(p, w), mul(q, -w)], 1);

const hnn = HamiltonianNN(Chain(Dense(2, 64, 'relu'), Dense(64, 1)), { key: random.key(0) });
const loss = (params: Value, x: Value, y: Value) => mse(hnn(x, params), y);
const optimiser = Adam(0.01);
const { params } = train<Value>({
  loss,
  params: hnn.params,
  optimiser,
  loader: DataLoader({ data, target }, { batchsize: 256, shuffle: true, key: random.key(1) }),
  epochs: 500,
  step: jit(trainStep(loss, optimiser)), // each batch is one compiled call
});

// Follow the learned dynamics for one period from (q, p) = (0, 1): it comes back near there.
const de = NeuralHamiltonianDE(hnn, [0, 1], Tsit5(), { saveat: 0.25 });
const solution = de(tensorOrThrow([0, 1]), params);
console.log(solution.retcode, format(solution.toTensor() as Tensor)); // Success, 5 states

/**
 * The networks the `hnn` command trains: a Hamiltonian neural network (an MLP energy whose
 * symplectic gradient is the prediction) or the paper's baseline (an MLP that predicts the
 * time derivatives directly), both as a vector field of flat parameters.
 */
import { destructure, type Value } from '@hamiltonian/autodiff';
import { HamiltonianNN } from '@hamiltonian/hnn';
import {
  Chain,
  Dense,
  glorotUniform,
  orthogonal,
  type ActivationName,
  type Layer,
  type Model,
} from '@hamiltonian/nn';
import type { Key, Tensor } from '@hamiltonian/tensor';

/** Which network: the HNN, or the baseline that predicts derivatives directly. */
export type ModelKind = 'hnn' | 'baseline';

/** Weight initialisers by name (biases start at zero). */
export const INITIALISERS = { orthogonal, 'glorot-uniform': glorotUniform } as const;

/** An initialiser's name. */
export type InitName = keyof typeof INITIALISERS;

/** Everything needed to rebuild a network, as a model file stores it. */
export interface Architecture {
  readonly kind: ModelKind;
  /** The state width 2n. */
  readonly inputs: number;
  /** Widths of the hidden layers, such as [200, 200]. */
  readonly hidden: readonly number[];
  readonly activation: ActivationName;
  readonly init: InitName;
}

/** A network as a vector field over flat parameters. */
export interface Learner {
  readonly architecture: Architecture;
  /** Freshly initialised flat parameters. */
  readonly initial: Tensor;
  /** Predicted (dq/dt, dp/dt) for states `[batch, 2n]` or `[2n]`. */
  readonly field: (x: Value, params: Value) => Value;
  /** The learned energy (HNN only): `[batch]` for `[batch, 2n]` states. */
  readonly energy?: (x: Value, params: Value) => Value;
}

const mlp = (arch: Architecture, outputs: number): Model => {
  const init = INITIALISERS[arch.init];
  const widths = [arch.inputs, ...arch.hidden];
  const hidden = arch.hidden.map((w, i) =>
    Dense(widths[i] as number, w, arch.activation, { init }),
  );
  const last = Dense(widths[widths.length - 1] as number, outputs, 'identity', { init });
  return Chain(...([...hidden, last] as Layer[])) as unknown as Model;
};

/**
 * Builds the network an `Architecture` describes, with parameters drawn from `key`: for an
 * HNN an MLP of 2n inputs and one output (the energy), for the baseline 2n inputs and 2n
 * outputs. The paper's networks: `{ hidden: [200, 200], activation: 'tanh', init: 'orthogonal' }`.
 *
 * Pitfall: the flat parameter layout is the nn package's (layer by layer, weights then bias);
 * a model file's parameters only fit the architecture stored beside them.
 *
 * @example
 * const net = buildLearner({ kind: 'hnn', inputs: 2, hidden: [200, 200],
 *   activation: 'tanh', init: 'orthogonal' }, random.key(0));
 * net.field(x, net.initial); // [batch, 2]
 */
export const buildLearner = (arch: Architecture, key: Key): Learner => {
  if (arch.kind === 'hnn') {
    const hnn = HamiltonianNN(mlp(arch, 1), { key });
    return {
      architecture: arch,
      initial: hnn.params,
      field: (x, params) => hnn(x, params),
      energy: (x, params) => hnn.hamiltonian(x, params),
    };
  }
  const model = mlp(arch, arch.inputs);
  const initial = destructure(model.init(key)).flat as Tensor;
  return {
    architecture: arch,
    initial,
    field: (x, params) => model(x, model.rebuild(params)),
  };
};

/** The number of flat parameters of an architecture. */
export const paramCount = (arch: Architecture): number => {
  const widths = [arch.inputs, ...arch.hidden, arch.kind === 'hnn' ? 1 : arch.inputs];
  return widths.slice(1).reduce((n, w, i) => n + w * (widths[i] as number) + w, 0);
};

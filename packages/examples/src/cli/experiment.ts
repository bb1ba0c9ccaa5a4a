/**
 * The steps every command shares: the system or data a run learns from, the train/test split,
 * training one network, and the model file that records it.
 */
import type { Value } from '@hamiltonian/autodiff';
import { fromTypedArray, type Tensor } from '@hamiltonian/tensor';
import { readTrajectoryFile } from '../io/trajectory-file.js';
import type { ModelFile } from '../io/model-file.js';
import { MODEL_FORMAT, MODEL_VERSION } from '../io/model-file.js';
import { builtinSystem, isBuiltinName } from '../systems/builtin.js';
import { formulaSystem } from '../systems/formula-system.js';
import { sampleTrajectories } from '../systems/generate.js';
import type { DataSettings, HamiltonianSystem, SystemSpec } from '../systems/system.js';
import {
  splitTrajectories,
  toSamples,
  type Samples,
  type TrajectorySet,
} from '../systems/trajectories.js';
import { fit, keyFor, lossStat, type LossStat } from './fit.js';
import { buildLearner, type Architecture, type Learner, type ModelKind } from './network.js';
import { progressBar, silent, type Progress } from './progress.js';
import type { Source, TrainSettings } from './train-options.js';

/** The data of a run: trajectories split for training and testing, and the true system. */
export interface RunData {
  /** The true system, when known (not for data from a file). */
  readonly system: HamiltonianSystem | undefined;
  readonly spec: SystemSpec;
  readonly coords: readonly string[];
  readonly settings: DataSettings | undefined;
  readonly train: TrajectorySet;
  readonly test: TrajectorySet;
  readonly trainSamples: Samples;
  readonly testSamples: Samples;
}

/** The system a source names (undefined for a data file). */
export const systemOf = (source: Source | SystemSpec): HamiltonianSystem | undefined => {
  if (source.kind === 'data') return undefined;
  if (source.kind === 'system') return builtinSystem(source.name);
  if (source.kind === 'builtin') {
    if (!isBuiltinName(source.name)) throw new Error(`unknown built-in system "${source.name}"`);
    return builtinSystem(source.name);
  }
  return formulaSystem(source.hamiltonian, {
    ...(source.coords === undefined ? {} : { coords: source.coords }),
    params: source.params,
    radius: source.radius,
  });
};

/** The data settings of a run: the system's defaults with the user's overrides. */
export const dataSettingsOf = (
  system: HamiltonianSystem,
  s: Partial<Pick<TrainSettings, 'trajectories' | 'points' | 'tspan' | 'noise' | 'testSplit'>>,
): DataSettings => ({
  ...system.defaults,
  ...(s.trajectories === undefined ? {} : { trajectories: s.trajectories }),
  ...(s.points === undefined ? {} : { points: s.points }),
  ...(s.tspan === undefined ? {} : { tspan: s.tspan }),
  ...(s.noise === undefined ? {} : { noise: s.noise }),
  ...(s.testSplit === undefined ? {} : { testSplit: s.testSplit }),
});

const withSamples = (base: Omit<RunData, 'trainSamples' | 'testSamples'>): RunData => ({
  ...base,
  trainSamples: toSamples(base.train),
  testSamples: toSamples(base.test),
});

/**
 * The data of a run: trajectories solved from the system (seeded by `settings.seed`) or read
 * from the data file, split by whole trajectories into train and test sets.
 */
export const loadRunData = async (settings: TrainSettings): Promise<RunData> => {
  const { source } = settings;
  if (source.kind === 'data') {
    const set = await readTrajectoryFile(source.file);
    const { train, test } = splitTrajectories(set, settings.testSplit ?? 0.2);
    const spec: SystemSpec = { kind: 'data', file: source.file, coords: set.coords };
    return withSamples({
      system: undefined,
      spec,
      coords: set.coords,
      settings: undefined,
      train,
      test,
    });
  }
  const system = systemOf(source) as HamiltonianSystem;
  const data = dataSettingsOf(system, settings);
  const set = sampleTrajectories(system, data, keyFor(settings.seed, 'data'));
  const { train, test } = splitTrajectories(set, data.testSplit);
  return withSamples({
    system,
    spec: system.spec,
    coords: system.coords,
    settings: data,
    train,
    test,
  });
};

/** A trained network and how it did. */
export interface Trained {
  readonly learner: Learner;
  readonly params: Tensor;
  readonly trainLoss: LossStat;
  readonly testLoss: LossStat;
  readonly seconds: number;
}

/** The network settings of a run. */
export const architectureOf = (
  settings: Pick<TrainSettings, 'hidden' | 'activation' | 'init'>,
  kind: ModelKind,
  inputs: number,
): Architecture => ({
  kind,
  inputs,
  hidden: settings.hidden,
  activation: settings.activation,
  init: settings.init,
});

/**
 * Trains one network (`kind`) on the run's training samples and measures its train and test
 * losses; shows a progress bar when `showProgress`.
 */
export const trainOne = (
  data: RunData,
  settings: TrainSettings,
  kind: ModelKind,
  showProgress: boolean,
): Trained => {
  const start = performance.now();
  const learner = buildLearner(
    architectureOf(settings, kind, data.coords.length),
    keyFor(settings.seed, 'init'),
  );
  const size = data.trainSamples.data.shape[0] as number;
  const label = kind === 'hnn' ? 'HNN     ' : 'baseline';
  const bar: Progress = showProgress ? progressBar(label, settings.epochs) : silent;
  let params: Tensor;
  try {
    params = fit(
      learner,
      data.trainSamples,
      {
        optimiser: settings.optimiser,
        lr: settings.lr,
        weightDecay: settings.weightDecay,
        epochs: settings.epochs,
        batchsize: settings.batchsize === 'full' ? size : settings.batchsize,
        key: keyFor(settings.seed, 'batches'),
      },
      bar.update,
    );
  } finally {
    bar.stop();
  }
  const trainLoss = lossStat(learner, params, data.trainSamples);
  const testLoss = lossStat(learner, params, data.testSamples);
  return { learner, params, trainLoss, testLoss, seconds: (performance.now() - start) / 1000 };
};

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The model file of a trained network. */
export const modelFileOf = (
  data: RunData,
  settings: TrainSettings,
  trained: Trained,
  extraMetrics: Readonly<Record<string, number>> = {},
): ModelFile => ({
  format: MODEL_FORMAT,
  version: MODEL_VERSION,
  architecture: trained.learner.architecture,
  coords: data.coords,
  system: data.spec,
  params: Array.from(trained.params.data as Float64Array),
  training: {
    optimiser: settings.optimiser,
    lr: settings.lr,
    weightDecay: settings.weightDecay,
    epochs: settings.epochs,
    batchsize: settings.batchsize,
    seed: settings.seed,
    ...(data.settings === undefined ? {} : { data: data.settings }),
  },
  metrics: Object.fromEntries(
    Object.entries({
      trainLoss: trained.trainLoss.mean,
      trainLossStderr: trained.trainLoss.stderr,
      testLoss: trained.testLoss.mean,
      testLossStderr: trained.testLoss.stderr,
      trainSeconds: trained.seconds,
      ...extraMetrics,
    }).map(([k, v]) => [k, orNull(v)]),
  ),
  created: new Date().toISOString(),
});

/** A learner and its parameters rebuilt from a model file. */
export const learnerOf = (model: ModelFile): { learner: Learner; params: Value } => {
  const learner = buildLearner(model.architecture, keyFor(0, 'init'));
  const params = fromTypedArray(Float64Array.from(model.params), [model.params.length]);
  return { learner, params };
};

/**
 * `hnn train`: learn a system's dynamics from a built-in system, a formula or a data file, and
 * save the model.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { saveModel } from '../io/model-file.js';
import { loadRunData, modelFileOf, trainOne } from './experiment.js';
import { formatSeconds, inCwd, shown, type CommandIo } from './io.js';
import { withError } from './table.js';
import {
  decodeTrainFlags,
  readTrainConfig,
  resolveTrain,
  trainFlags,
  type TrainSettings,
} from './train-options.js';

/** The help text of `hnn train`. */
export const TRAIN_USAGE = `Usage: hnn train (--system NAME | --hamiltonian FORMULA | --data FILE)
                 [options]

What to learn (one of):
  --system spring|pendulum|two-body   a built-in system with the HNN paper's data settings
  --hamiltonian "p^2/2 + (1 - cos(q))" a formula (mathjs syntax); data are solved from it
    --coords q1,q2,p1,p2               its coordinates (default: its q…/p… symbols)
    --param k=2                        a named constant (repeatable)
    --radius 0.1,1                     initial states at a radius in this range
  --data FILE                          trajectories from a .csv or .json file
Data (systems and formulas): --trajectories N --points N --tspan T0,T1 --noise SD
  --test-split F (fraction of trajectories held out)
Model: --hidden 64,64 --activation tanh --init orthogonal|glorot-uniform --baseline
Optimiser: --optimiser adam|adamw|sgd --lr 1e-3 --weight-decay 0 --epochs 500
  --batchsize N|full --seed 0
Output: --out FILE (default hnn-model.json); --config FILE reads these options from JSON
  (camelCase keys, e.g. {"system": "spring", "weightDecay": 1e-4}); flags override it.`;

/** Reads `hnn train`'s flags and config file into settings (shared with `hnn evaluate`). */
export const parseTrainArgs = async (
  argv: readonly string[],
  io: CommandIo,
  extra: NonNullable<ParseArgsConfig['options']> = {},
): Promise<{ settings: TrainSettings; values: Record<string, unknown> }> => {
  const { values }: { values: Record<string, unknown> } = parseArgs({
    args: [...argv],
    options: { ...trainFlags, ...extra },
    strict: true,
    allowPositionals: false,
  });
  const config =
    typeof values['config'] === 'string' ? await readTrainConfig(inCwd(io, values['config'])) : {};
  const settings = resolveTrain(config, decodeTrainFlags(values));
  const source =
    settings.source.kind === 'data'
      ? { ...settings.source, file: inCwd(io, settings.source.file) }
      : settings.source;
  return { settings: { ...settings, source, out: inCwd(io, settings.out) }, values };
};

/**
 * Runs `hnn train` with `argv` (the words after `train`); returns the exit code.
 *
 * @example
 * await trainCommand(['--system', 'spring', '--epochs', '100', '--out', 'spring.json'], io);
 */
export const trainCommand = async (argv: readonly string[], io: CommandIo): Promise<number> => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(TRAIN_USAGE);
    return 0;
  }
  const { settings } = await parseTrainArgs(argv, io);
  const data = await loadRunData(settings);
  const kind = settings.baseline ? 'baseline' : 'hnn';
  const split = { train: data.train.trajectories.length, test: data.test.trajectories.length };
  const what =
    data.system === undefined
      ? shown(io, (settings.source as { file: string }).file)
      : `${data.system.name} (H = ${data.system.formula})`;
  io.out(
    `Training ${kind === 'hnn' ? 'an HNN' : 'a baseline'} on ${what}: ` +
      `${split.train} train / ${split.test} test trajectories, ` +
      `${data.trainSamples.data.shape[0]} samples, coordinates ${data.coords.join(', ')}`,
  );
  const trained = trainOne(data, settings, kind, io.progress);
  await saveModel(settings.out, modelFileOf(data, settings, trained));
  io.out(`train loss ${withError(trained.trainLoss.mean, trained.trainLoss.stderr)}`);
  io.out(`test loss  ${withError(trained.testLoss.mean, trained.testLoss.stderr)}`);
  io.out(
    `Trained in ${formatSeconds(trained.seconds)}; model written to ${shown(io, settings.out)}`,
  );
  return 0;
};

/**
 * `hnn evaluate`: train and test loss and the energy MSE of held-out rollouts, for an HNN and a
 * baseline side by side: saved models, or both trained here with `hnn train`'s options.
 */
import { parseArgs } from 'node:util';
import { InputError } from './decode.js';
import { loadModel, type ModelFile } from '../io/model-file.js';
import { references, score, type Scores } from './compare.js';
import { learnerOf, loadRunData, systemOf, trainOne } from './experiment.js';
import { formatSeconds, inCwd, type CommandIo } from './io.js';
import { formatTable, withError, sci } from './table.js';
import { TRAIN_DEFAULTS, type TrainSettings } from './train-options.js';
import { parseTrainArgs } from './train.js';
import { nonNegativeInt, positiveInt, atLeastTwo } from './codecs.js';
import { decodeOrThrow } from './decode.js';
import * as t from 'io-ts';

/** The help text of `hnn evaluate`. */
export const EVALUATE_USAGE = `Usage: hnn evaluate --model FILE [--model FILE ...] [options]
       hnn evaluate (--system NAME | --hamiltonian F | --data FILE) [hnn train options]

With --model: scores saved models on the data they were trained on (regenerated from the
system and seed in the file, or --data FILE for a model trained on a file).
Without: trains an HNN and a baseline with hnn train's options, then scores both.

  --rollouts N   held-out initial states for the energy MSE (default 10)
  --points N     saved times per rollout (default: the system's data points)`;

const EvalFlags = t.partial({ rollouts: positiveInt, points: atLeastTwo, seed: nonNegativeInt });

const settingsOfModel = (model: ModelFile, dataFile: string | undefined): TrainSettings => {
  const training = model.training as Record<string, unknown>;
  const data = (training['data'] ?? {}) as Partial<TrainSettings>;
  const spec = model.system;
  const source: TrainSettings['source'] =
    spec.kind === 'builtin'
      ? { kind: 'system', name: spec.name as 'spring' }
      : spec.kind === 'formula'
        ? {
            kind: 'formula',
            hamiltonian: spec.hamiltonian,
            coords: spec.coords,
            params: spec.params,
            radius: spec.radius,
          }
        : { kind: 'data', file: dataFile ?? spec.file };
  return {
    ...TRAIN_DEFAULTS,
    ...data,
    seed: typeof training['seed'] === 'number' ? training['seed'] : 0,
    source,
  } as TrainSettings;
};

const printScores = (io: CommandIo, rows: readonly Scores[]): void => {
  const table = formatTable(
    ['model', 'train loss', 'test loss', 'energy MSE'],
    rows.map((s) => [
      s.label,
      withError(s.trainLoss.mean, s.trainLoss.stderr),
      withError(s.testLoss.mean, s.testLoss.stderr),
      s.energyMse === undefined
        ? 'n/a (no true H)'
        : `${sci(s.energyMse)}${s.rolloutsComplete ? '' : ' *'}`,
    ]),
  );
  for (const line of table) io.out(line);
  if (rows.some((s) => !s.rolloutsComplete))
    io.out('* a rollout stopped early; MSE over the times it reached');
};

/**
 * Runs `hnn evaluate` with `argv` (the words after `evaluate`); returns the exit code.
 *
 * @example
 * await evaluateCommand(['--model', 'hnn.json', '--model', 'baseline.json'], io);
 */
export const evaluateCommand = async (argv: readonly string[], io: CommandIo): Promise<number> => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(EVALUATE_USAGE);
    return 0;
  }
  const start = performance.now();
  const extra = {
    model: { type: 'string' as const, multiple: true },
    rollouts: { type: 'string' as const },
  };
  const models = argv.includes('--model');
  if (models) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...extra,
        data: { type: 'string' },
        points: { type: 'string' },
        seed: { type: 'string' },
      },
      strict: true,
    });
    const flags = decodeOrThrow(EvalFlags, values, '--');
    const files = ((values.model ?? []) as string[]).map((m) => inCwd(io, m));
    const loaded = await Promise.all(files.map((f) => loadModel(f)));
    const first = loaded[0] as ModelFile;
    const dataFile = typeof values.data === 'string' ? inCwd(io, values.data) : undefined;
    const data = await loadRunData(settingsOfModel(first, dataFile));
    const system = systemOf(first.system);
    const refs =
      system === undefined
        ? undefined
        : references(
            system,
            flags.seed ?? 0,
            flags.rollouts ?? 10,
            system.rolloutTspan,
            flags.points ?? system.defaults.points,
          );
    const rows = loaded.map((m, i) => {
      if (m.coords.join() !== first.coords.join()) {
        throw new InputError(
          `--model ${files[i]}: coordinates ${m.coords.join(',')} differ from the first model's`,
        );
      }
      const { learner, params } = learnerOf(m);
      return score(
        `${m.architecture.kind === 'hnn' ? 'HNN' : 'baseline'} (${files[i]?.split('/').pop()})`,
        learner,
        params,
        data,
        refs,
      );
    });
    printScores(io, rows);
  } else {
    const { settings, values } = await parseTrainArgs(argv, io, { rollouts: extra.rollouts });
    const flags = decodeOrThrow(EvalFlags, { rollouts: values['rollouts'] }, '--');
    const data = await loadRunData(settings);
    const system = data.system;
    const refs =
      system === undefined
        ? undefined
        : references(
            system,
            settings.seed,
            flags.rollouts ?? 10,
            system.rolloutTspan,
            settings.points ?? system.defaults.points,
          );
    const rows = (['baseline', 'hnn'] as const).map((kind) => {
      const trained = trainOne(data, settings, kind, io.progress);
      return score(
        kind === 'hnn' ? 'HNN' : 'baseline',
        trained.learner,
        trained.params,
        data,
        refs,
      );
    });
    printScores(io, rows);
  }
  io.out(`Evaluated in ${formatSeconds((performance.now() - start) / 1000)}`);
  return 0;
};

/**
 * The options of `hnn train` (and of `hnn evaluate` when it trains): from flags, from a JSON
 * config file, or both (flags win), decoded with io-ts and resolved against defaults.
 */
import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import * as t from 'io-ts';
import type { ActivationName } from '@hamiltonian/nn';
import { BUILTIN_NAMES } from '../systems/builtin.js';
import {
  activationName,
  atLeastTwo,
  batchsize,
  constants,
  coordList,
  flag,
  fraction,
  listOf,
  nonNegative,
  nonNegativeInt,
  oneOf,
  positive,
  positiveInt,
  span,
} from './codecs.js';
import { InputError, decodeOrThrow, nonEmptyString } from './decode.js';
import type { OptimiserName } from './fit.js';
import type { InitName } from './network.js';

/** Options shared by every command that trains, keyed by their config-file names. */
const fields = {
  system: oneOf(BUILTIN_NAMES),
  hamiltonian: nonEmptyString,
  coords: coordList,
  params: constants,
  radius: span,
  data: nonEmptyString,
  trajectories: atLeastTwo,
  points: atLeastTwo,
  tspan: span,
  noise: nonNegative,
  testSplit: fraction,
  hidden: listOf(positiveInt, 'comma-separated integers >= 1'),
  activation: activationName,
  init: oneOf<InitName>(['orthogonal', 'glorot-uniform']),
  optimiser: oneOf<OptimiserName>(['adam', 'adamw', 'sgd']),
  lr: positive,
  weightDecay: nonNegative,
  epochs: positiveInt,
  batchsize,
  seed: nonNegativeInt,
  baseline: flag,
  out: nonEmptyString,
};

/** The decoded, still partial options. */
export type TrainInput = t.TypeOf<t.PartialC<typeof fields>>;

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `parseArgs` options for the training flags (all strings, except booleans). */
export const trainFlags: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(
    Object.keys(fields).map((k) => [kebab(k), { type: k === 'baseline' ? 'boolean' : 'string' }]),
  ),
  param: { type: 'string', multiple: true },
  config: { type: 'string' },
};

/** Flag values (kebab-case, as `parseArgs` returns them) decoded; errors name `--flag`. */
export const decodeTrainFlags = (values: Record<string, unknown>): TrainInput => {
  const renamed: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const value = values[kebab(key)];
    if (value !== undefined) renamed[kebab(key)] = value;
  }
  if (values['param'] !== undefined) renamed['param'] = values['param'];
  const kebabFields = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [kebab(k), v]),
  ) as Record<string, t.Mixed>;
  const decoded = decodeOrThrow(t.partial({ ...kebabFields, param: constants }), renamed, '--');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const value = (decoded as Record<string, unknown>)[kebab(key)];
    if (value !== undefined) out[key] = value;
  }
  if ((decoded as Record<string, unknown>)['param'] !== undefined) {
    out['params'] = (decoded as Record<string, unknown>)['param'];
  }
  return out as TrainInput;
};

const closest = (name: string, choices: readonly string[]): string | undefined =>
  choices.find((c) => c.toLowerCase() === name.toLowerCase().replace(/[-_]/g, '')) ??
  choices.find((c) => c.startsWith(name) || name.startsWith(c));

/**
 * Reads a JSON config file with the same options as the flags, in camelCase
 * (`{ "system": "pendulum", "hidden": [200, 200], "weightDecay": 1e-4 }`). An unknown key or a
 * bad value names the file, the key path and what was expected.
 *
 * @example
 * const input = await readTrainConfig('spring.json');
 */
export const readTrainConfig = async (path: string): Promise<TrainInput> => {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(`--config ${path}: ${(error as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError(`${path}: expected a JSON object of options, got ${JSON.stringify(doc)}`);
  }
  const known = Object.keys(fields);
  for (const key of Object.keys(doc)) {
    if (known.includes(key)) continue;
    const hint = closest(key, known);
    throw new InputError(
      `${path}: ${key}: unknown option${hint === undefined ? '' : `; did you mean ${hint}?`} ` +
        `(options: ${known.join(', ')})`,
    );
  }
  return decodeOrThrow(t.partial(fields), doc, `${path}: `);
};

/** Where the training data come from. */
export type Source =
  | { readonly kind: 'system'; readonly name: (typeof BUILTIN_NAMES)[number] }
  | {
      readonly kind: 'formula';
      readonly hamiltonian: string;
      readonly coords?: readonly string[];
      readonly params: Readonly<Record<string, number>>;
      readonly radius: readonly [number, number];
    }
  | { readonly kind: 'data'; readonly file: string };

/** Training options with every default filled in. */
export interface TrainSettings {
  readonly source: Source;
  /** Data overrides; absent ones come from the system's defaults. */
  readonly trajectories?: number;
  readonly points?: number;
  readonly tspan?: readonly [number, number];
  readonly noise?: number;
  readonly testSplit?: number;
  readonly hidden: readonly number[];
  readonly activation: ActivationName;
  readonly init: InitName;
  readonly optimiser: OptimiserName;
  readonly lr: number;
  readonly weightDecay: number;
  readonly epochs: number;
  readonly batchsize: number | 'full';
  readonly seed: number;
  readonly baseline: boolean;
  readonly out: string;
}

/**
 * The defaults: the paper's optimiser and activation with a narrower network (64-64, not the
 * paper's 200-200) and 500 full-batch epochs, so a first run takes a minute, not an hour.
 */
export const TRAIN_DEFAULTS = {
  hidden: [64, 64],
  activation: 'tanh',
  init: 'orthogonal',
  optimiser: 'adam',
  lr: 1e-3,
  weightDecay: 0,
  epochs: 500,
  batchsize: 'full',
  seed: 0,
  baseline: false,
  out: 'hnn-model.json',
} as const;

const sourceOf = (input: TrainInput): Source => {
  const given = (['system', 'hamiltonian', 'data'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) {
    throw new InputError(
      given.length === 0
        ? 'say what to learn: --system spring|pendulum|two-body, --hamiltonian "<formula>" or ' +
            '--data FILE'
        : `--${given.join(' and --')} are alternatives; give one of them`,
    );
  }
  if (input.coords !== undefined && input.hamiltonian === undefined) {
    throw new InputError('--coords names the coordinates of --hamiltonian; give a formula too');
  }
  if (input.system !== undefined) return { kind: 'system', name: input.system };
  if (input.data !== undefined) return { kind: 'data', file: input.data };
  return {
    kind: 'formula',
    hamiltonian: input.hamiltonian as string,
    ...(input.coords === undefined ? {} : { coords: input.coords }),
    params: input.params ?? {},
    radius: input.radius ?? [0.1, 1],
  };
};

/**
 * Merges config-file options and flags (flags win) over `TRAIN_DEFAULTS`, and checks that
 * exactly one source (system, formula or data file) is given.
 */
export const resolveTrain = (config: TrainInput, flags: TrainInput): TrainSettings => {
  const input = { ...config, ...flags };
  const {
    system: _s,
    hamiltonian: _h,
    data: _d,
    coords: _c,
    params: _p,
    radius: _r,
    ...rest
  } = input;
  return { ...TRAIN_DEFAULTS, ...rest, source: sourceOf(input) } as TrainSettings;
};

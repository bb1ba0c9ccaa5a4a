/**
 * Trained models on disk: one JSON document with a format version, the architecture, the
 * parameters, the system or data it was trained on, the training settings and the metrics.
 * Written atomically, and checked with io-ts when read back.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { activations, type ActivationName } from '@hamiltonian/nn';
import { paramCount, type Architecture } from '../cli/network.js';
import type { SystemSpec } from '../systems/system.js';
import { writeFileAtomic } from './atomic-write.js';

/** The value of a model file's `format` field. */
export const MODEL_FORMAT = 'hamiltonian-nn-model';

/** The version this code writes and reads. */
export const MODEL_VERSION = 1;

/** A model file that cannot be read, with what is wrong in it. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

const finite = new t.Type<number, number, unknown>(
  'finite number',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

const positiveInt = t.refinement(
  t.number,
  (n) => Number.isSafeInteger(n) && n > 0,
  'positive integer',
);

const activationNames = Object.fromEntries(
  Object.keys(activations).map((k) => [k, null]),
) as Record<ActivationName, null>;

const ArchitectureCodec = t.type({
  kind: t.keyof({ hnn: null, baseline: null }),
  inputs: positiveInt,
  hidden: t.array(positiveInt),
  activation: t.keyof(activationNames, 'activation name'),
  init: t.keyof({ orthogonal: null, 'glorot-uniform': null }),
});

const SystemCodec = t.union([
  t.type({ kind: t.literal('builtin'), name: t.string }),
  t.type({
    kind: t.literal('formula'),
    hamiltonian: t.string,
    coords: t.array(t.string),
    params: t.record(t.string, finite),
    radius: t.tuple([finite, finite]),
  }),
  t.type({ kind: t.literal('data'), file: t.string, coords: t.array(t.string) }),
]);

const MetricsCodec = t.record(t.string, t.union([finite, t.null]));

const ModelCodec = t.type({
  format: t.literal(MODEL_FORMAT),
  version: t.literal(MODEL_VERSION),
  architecture: ArchitectureCodec,
  coords: t.array(t.string),
  system: SystemCodec,
  params: t.array(finite, 'array of finite numbers'),
  training: t.UnknownRecord,
  metrics: MetricsCodec,
  created: t.string,
});

/** A model as saved and loaded. */
export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly architecture: Architecture;
  /** The state's coordinates, n positions then n momenta. */
  readonly coords: readonly string[];
  readonly system: SystemSpec;
  /** The flat parameters. */
  readonly params: readonly number[];
  /** The settings it was trained with (as given, for the record). */
  readonly training: Readonly<Record<string, unknown>>;
  /** Final losses and timings; `null` where a value was not finite. */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** ISO time of saving. */
  readonly created: string;
}

const pathOf = (e: t.ValidationError): string =>
  e.context
    .map((c) => c.key)
    .filter((k) => k !== '')
    .map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '');

const describe = (e: t.ValidationError): string => {
  const expected = e.context[e.context.length - 1]?.type.name ?? 'a valid value';
  const got = JSON.stringify(e.value);
  const shown = got === undefined ? 'nothing' : got.length > 60 ? `${got.slice(0, 57)}...` : got;
  return `${pathOf(e) || '(top level)'}: expected ${expected}, got ${shown}`;
};

/**
 * Checks a parsed document against the model format; returns the model or throws a
 * `ModelFileError` listing each bad field by path (at most five).
 */
export const decodeModel = (doc: unknown, file = 'model'): ModelFile => {
  const record = doc as Record<string, unknown> | null;
  const isObject = typeof record === 'object' && record !== null && !Array.isArray(record);
  if (!isObject || record['format'] !== MODEL_FORMAT) {
    const got = isObject ? `format ${JSON.stringify(record['format'])}` : JSON.stringify(doc);
    throw new ModelFileError(
      `${file} is not an hnn model file: expected a JSON object with "format": "${MODEL_FORMAT}"` +
        ` (written by hnn train), got ${got}`,
    );
  }
  if (record['version'] !== MODEL_VERSION) {
    throw new ModelFileError(
      `${file} has format version ${JSON.stringify(record['version'])}; this hnn reads version ` +
        `${MODEL_VERSION}; retrain the model or use the hnn that wrote it`,
    );
  }
  const result = ModelCodec.decode(doc);
  if (isLeft(result)) {
    const lines = [...new Set(result.left.map(describe))];
    const shown = lines.slice(0, 5).join('\n  ');
    const more = lines.length > 5 ? `\n  (${lines.length - 5} more)` : '';
    throw new ModelFileError(`${file} is damaged:\n  ${shown}${more}`);
  }
  const model = result.right as ModelFile;
  const expected = paramCount(model.architecture);
  if (model.params.length !== expected) {
    throw new ModelFileError(
      `${file} is damaged: params has ${model.params.length} numbers but the architecture ` +
        `needs ${expected}`,
    );
  }
  if (model.coords.length !== model.architecture.inputs) {
    throw new ModelFileError(
      `${file} is damaged: ${model.coords.length} coordinates for ` +
        `${model.architecture.inputs} inputs`,
    );
  }
  return model;
};

/**
 * Reads and checks a model file. A missing file, text that is not JSON, a foreign JSON file
 * or a damaged model are `ModelFileError`s that say which.
 *
 * @example
 * const model = await loadModel('spring-hnn.json');
 */
export const loadModel = async (path: string): Promise<ModelFile> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ModelFileError(`cannot read model ${path}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(
      `${path} is not JSON (${(error as Error).message}); a model file is JSON written by ` +
        'hnn train',
    );
  }
  return decodeModel(doc, path);
};

/**
 * Writes a model atomically (a temporary file in the same directory, flushed, then renamed),
 * creating the directory if needed: a reader, or a crash midway, never sees half a model.
 *
 * @example
 * await saveModel('out/spring.json', model);
 */
export const saveModel = async (path: string, model: ModelFile): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(model)}\n`);
};

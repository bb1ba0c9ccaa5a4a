import { describe, expect, it } from 'vitest';
import '@hamiltonian/testing';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { random, type Tensor } from '@hamiltonian/tensor';
import { learnerOf } from '../src/cli/experiment.js';
import { buildLearner, paramCount, type Architecture } from '../src/cli/network.js';
import {
  MODEL_FORMAT,
  MODEL_VERSION,
  ModelFileError,
  decodeModel,
  loadModel,
  saveModel,
  type ModelFile,
} from '../src/io/model-file.js';

const arch: Architecture = {
  kind: 'hnn',
  inputs: 2,
  hidden: [8, 8],
  activation: 'tanh',
  init: 'orthogonal',
};

const modelOf = (architecture: Architecture, seed: number): ModelFile => {
  const learner = buildLearner(architecture, random.key(seed));
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    architecture,
    coords: ['q', 'p'],
    system: { kind: 'builtin', name: 'spring' },
    params: Array.from(learner.initial.data as Float64Array),
    training: { epochs: 1 },
    metrics: { trainLoss: 0.5, testLoss: null },
    created: new Date(0).toISOString(),
  };
};

const tempDir = () => mkdtemp(join(tmpdir(), 'hnn-model-'));

describe('model files', () => {
  it('round-trips to identical predictions, for an HNN and a baseline', async () => {
    const dir = await tempDir();
    for (const kind of ['hnn', 'baseline'] as const) {
      const model = modelOf({ ...arch, kind }, 3);
      const path = join(dir, `${kind}.json`);
      await saveModel(path, model);
      const loaded = await loadModel(path);
      expect(loaded).toEqual(model);
      const x = random.normal(random.key(4), [16, 2]);
      const before = learnerOf(model);
      const after = learnerOf(loaded);
      const a = before.learner.field(x, before.params) as Tensor;
      const b = after.learner.field(x, after.params) as Tensor;
      expect(Array.from(b.data)).toEqual(Array.from(a.data));
    }
  });

  it('counts parameters as the network does', () => {
    for (const kind of ['hnn', 'baseline'] as const) {
      const learner = buildLearner({ ...arch, kind }, random.key(0));
      expect(learner.initial.shape[0]).toBe(paramCount({ ...arch, kind }));
    }
  });

  it('says what is wrong with a damaged file, by path', () => {
    const model = modelOf(arch, 1) as unknown as Record<string, unknown>;
    const badParam = { ...model, params: ['x', ...(model['params'] as number[]).slice(1)] };
    expect(() => decodeModel(badParam, 'm.json')).toThrow(
      /params\[0\]: expected finite number, got "x"/,
    );
    const badArch = { ...model, architecture: { ...arch, activation: 'nope' } };
    expect(() => decodeModel(badArch, 'm.json')).toThrow(
      /architecture.activation: expected activation name/,
    );
    const short = { ...model, params: (model['params'] as number[]).slice(1) };
    expect(() => decodeModel(short, 'm.json')).toThrow(
      /params has \d+ numbers but the architecture needs/,
    );
  });

  it('recognises foreign files and other versions', async () => {
    expect(() => decodeModel({ hello: 1 }, 'f.json')).toThrow(/f.json is not an hnn model file/);
    expect(() => decodeModel([1, 2], 'f.json')).toThrow(ModelFileError);
    expect(() => decodeModel({ ...modelOf(arch, 1), version: 9 }, 'f.json')).toThrow(/version 9/);
    const dir = await tempDir();
    await writeFile(join(dir, 'cut.json'), JSON.stringify(modelOf(arch, 1)).slice(0, 100));
    await expect(loadModel(join(dir, 'cut.json'))).rejects.toThrow(/is not JSON/);
    await expect(loadModel(join(dir, 'missing.json'))).rejects.toThrow(/cannot read model/);
  });

  it('leaves the old file intact when a write is killed midway', async () => {
    const dir = await tempDir();
    const path = join(dir, 'model.json');
    const old = modelOf(arch, 2);
    await saveModel(path, old);
    const writer = fileURLToPath(new URL('./fixtures/atomic-writer.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--conditions=@hamiltonian/source', '--import', 'tsx', writer, path],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('started')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    // Let it write a few more megabytes into the temporary file, then kill it hard.
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const files = await readdir(dir);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(true); // the write had begun
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(old);
    expect(await loadModel(path)).toEqual(old);
  }, 60_000);
});

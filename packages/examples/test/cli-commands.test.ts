import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { loadModel } from '../src/io/model-file.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs `hnn argv` in-process from `cwd`, capturing its output. */
const run = async (cwd: string, ...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, progress: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const small = ['--hidden', '16,16', '--epochs', '3', '--trajectories', '4', '--points', '10'];

describe('hnn', () => {
  it('prints its usage, and rejects an unknown command', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hnn-'));
    expect((await run(dir, '--help')).out).toMatch(/train .*simulate .*evaluate .*paper/s);
    const bad = await run(dir, 'fly');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown command "fly"/);
  });

  it('train writes a model file for a built-in system, a formula and a data file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hnn-'));
    const spring = await run(dir, 'train', '--system', 'spring', ...small, '--out', 'spring.json');
    expect(spring.code).toBe(0);
    expect(spring.out).toMatch(/train loss .*\n.*test loss .*\n.*model written to spring.json/);
    const model = await loadModel(join(dir, 'spring.json'));
    expect(model.architecture).toMatchObject({ kind: 'hnn', inputs: 2, hidden: [16, 16] });
    expect(model.metrics['trainLoss']).toBeGreaterThan(0);

    const formula = 'p1^2/2 + p2^2/2 + (q1^2 + q2^2 + (q1 - q2)^2)/2';
    const coupled = await run(
      dir,
      'train',
      '--hamiltonian',
      formula,
      ...small,
      '--baseline',
      '--out',
      'c.json',
    );
    expect(coupled.code).toBe(0);
    expect((await loadModel(join(dir, 'c.json'))).coords).toEqual(['q1', 'q2', 'p1', 'p2']);

    const example = join(packageDir, 'data/spring-example.csv');
    const data = await run(
      dir,
      'train',
      '--data',
      example,
      '--hidden',
      '16',
      '--epochs',
      '2',
      '--out',
      'd.json',
    );
    expect(data.code).toBe(0);
    expect(data.out).toMatch(/1 train \/ 1 test trajectories/);
  }, 120_000);

  it('train reads a config file, with flags winning, and names bad options', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hnn-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(dir, 'c.json'),
      JSON.stringify({ system: 'pendulum', hidden: [4], epochs: 2, trajectories: 4 }),
    );
    const ok = await run(dir, 'train', '--config', 'c.json', '--epochs', '1', '--out', 'p.json');
    expect(ok.code).toBe(0);
    expect((await loadModel(join(dir, 'p.json'))).training['epochs']).toBe(1);
    const badFlag = await run(dir, 'train', '--system', 'spring', '--lr=-1');
    expect(badFlag.err).toMatch(/--lr: expected number > 0, got "-1"/);
    const twoSources = await run(dir, 'train', '--system', 'spring', '--data', 'x.csv');
    expect(twoSources.err).toMatch(/--system and --data are alternatives/);
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ system: 'spring', batchsize: 0 }));
    const badConfig = await run(dir, 'train', '--config', 'bad.json');
    expect(badConfig.code).toBe(1);
    expect(badConfig.err).toMatch(/bad.json: batchsize: expected integer >= 1 or "full", got 0/);
    const formula = await run(dir, 'train', '--hamiltonian', 'p^2 + k*q^2', '--epochs', '1');
    expect(formula.err).toMatch(/unknown symbol "k"/);
  }, 120_000);

  it('simulate writes the trajectory CSV, the phase portrait and the energy plot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hnn-'));
    await run(dir, 'train', '--system', 'pendulum', ...small, '--out', 'm.json');
    const sim = await run(
      dir,
      'simulate',
      '--model',
      'm.json',
      '--x0',
      '0.5,0',
      '--tspan',
      '0,2',
      '--points',
      '20',
      '--method',
      'DP5',
      '--out',
      'sim',
    );
    expect(sim.code).toBe(0);
    for (const f of [
      'trajectory.csv',
      'phase-portrait.svg',
      'phase-portrait.png',
      'energy.svg',
      'energy.png',
    ]) {
      expect(existsSync(join(dir, 'sim', f))).toBe(true);
    }
    const csv = (await readFile(join(dir, 'sim', 'trajectory.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('t,q,p,H_learned,H_true');
    expect(csv.length).toBe(21);
    expect(csv[1]?.split(',').slice(0, 3)).toEqual(['0', '0.5', '0']);
    expect(sim.out).toMatch(/H_true: starts at 0.244835/); // 2(1 - cos 0.5) + 0^2
    const fixed = await run(
      dir,
      'simulate',
      '--model',
      'm.json',
      '--method',
      'RK4',
      '--points',
      '5',
      '--out',
      'rk4',
    );
    expect(fixed.code).toBe(0);
    const symplectic = await run(
      dir,
      'simulate',
      '--model',
      'm.json',
      '--method',
      'VelocityVerlet',
    );
    expect(symplectic.err).toMatch(/symplectic and needs a separable H/);
    const wrong = await run(dir, 'simulate', '--model', 'm.json', '--x0', '1,2,3');
    expect(wrong.err).toMatch(/--x0: got 3 numbers, expected 2 \(q, p\)/);
  }, 120_000);

  it('evaluate scores saved models and freshly trained ones side by side', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hnn-'));
    await run(dir, 'train', '--system', 'spring', ...small, '--out', 'h.json');
    await run(dir, 'train', '--system', 'spring', ...small, '--baseline', '--out', 'b.json');
    const saved = await run(
      dir,
      'evaluate',
      '--model',
      'h.json',
      '--model',
      'b.json',
      '--rollouts',
      '2',
    );
    expect(saved.code).toBe(0);
    expect(saved.out).toMatch(/model\s+train loss\s+test loss\s+energy MSE/);
    expect(saved.out).toMatch(/HNN \(h.json\)\s+\d.*\n.*baseline \(b.json\)/);
    const fresh = await run(dir, 'evaluate', '--system', 'spring', ...small, '--rollouts', '2');
    expect(fresh.code).toBe(0);
    expect(fresh.out).toMatch(/baseline .*e.*\nHNN .*e/);
  }, 120_000);

  it('paper prints our figures beside the published ones and writes a plot per task', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hnn-'));
    const paper = await run(
      dir,
      'paper',
      '--tasks',
      'spring,two-body',
      '--steps',
      '2',
      '--hidden',
      '16',
      '--trajectories',
      '4',
      '--rollouts',
      '2',
      '--out',
      'p',
    );
    expect(paper.code).toBe(0);
    expect(paper.out).toMatch(/Ideal mass-spring\s+baseline .*3.71e-2 ± 1.9e-3/);
    expect(paper.out).toMatch(/Two-body\s+baseline .*6.33e-2 ± 3.4e-2/);
    expect(paper.out).toMatch(/Total time/);
    for (const f of [
      'spring-phase-portrait.png',
      'spring-energy.png',
      'two-body-phase-portrait.png',
    ]) {
      expect(existsSync(join(dir, 'p', f))).toBe(true);
    }
  }, 180_000);

  it('runs as a real process through bin/hnn.js', () => {
    const result = spawnSync(
      process.execPath,
      [join(packageDir, 'bin/hnn.js'), 'train', '--system', 'spring', '--epochs', 'x'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /hnn train: InputError: --epochs: expected integer >= 1, got "x"/,
    );
    const help = spawnSync(process.execPath, [join(packageDir, 'bin/hnn.js'), 'paper', '--help'], {
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: hnn paper/);
  }, 60_000);
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLossLine, reportEpochs, runTutorial } from '../src/index.js';
import { main } from '../src/tutorial.js';

const LOSS_LINE = /^Loss Neural Hamiltonian DE = \d+\.\d+$/;

describe('formatLossLine', () => {
  it('prints eight significant digits as the tutorial shows its losses', () => {
    expect(formatLossLine(18.76881432)).toBe('Loss Neural Hamiltonian DE = 18.768814');
    expect(formatLossLine(0.02263004712)).toBe('Loss Neural Hamiltonian DE = 0.022630047');
    expect(formatLossLine(0.00980687301)).toBe('Loss Neural Hamiltonian DE = 0.009806873');
  });
});

describe('reportEpochs', () => {
  it('reports after epochs 1, 101, 201, 301, 401 and at the end of 500', () => {
    expect(reportEpochs(500, 100)).toEqual([1, 101, 201, 301, 401, 500]);
  });

  it('lists the last epoch once when it is also a mark', () => {
    expect(reportEpochs(9, 2)).toEqual([1, 3, 5, 7, 9]);
    expect(reportEpochs(1, 100)).toEqual([1]);
  });
});

describe('runTutorial', () => {
  it('prints six loss lines in the tutorial format and writes both plots', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'tutorial-'));
    try {
      const lines: string[] = [];
      const result = await runTutorial({
        epochs: 10,
        reportEvery: 2,
        outDir,
        log: (line) => lines.push(line),
        progress: false,
      });
      expect(lines).toHaveLength(6);
      for (const line of lines) expect(line).toMatch(LOSS_LINE);
      expect(result.losses.map((l) => l.epoch)).toEqual(reportEpochs(10, 2));
      expect(lines).toEqual(result.losses.map((l) => formatLossLine(l.loss)));
      const [first, last] = [result.losses[0]!.loss, result.losses[5]!.loss];
      expect(last).toBeLessThan(first);

      const names = ['phase-portrait.svg', 'phase-portrait.png', 'energy.svg', 'energy.png'];
      expect(result.files).toEqual(names.map((n) => join(outDir, n)));
      const svg = await readFile(join(outDir, 'phase-portrait.svg'), 'utf8');
      for (const text of ['Position (q)', 'Momentum (p)', 'Original', 'Predicted']) {
        expect(svg).toContain(`>${text}</text>`);
      }
      const png = await readFile(join(outDir, 'energy.png'));
      expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('trains to the reference loss in 500 epochs and follows the orbit', async () => {
    const result = await runTutorial({ outDir: null, log: () => {}, progress: false });
    expect(result.losses.map((l) => l.epoch)).toEqual([1, 101, 201, 301, 401, 500]);
    // The tutorial ends at 0.0098; PyTorch and plain JS with this init reach 0.008-0.010.
    expect(result.losses[5]!.loss).toBeLessThan(0.015);
    // Over one period, the learned flow stays within a few hundredths of sin/cos.
    expect(result.trajectoryError).toBeLessThan(0.1);
    // The true energy H = π moves by a few percent along the learned trajectory.
    expect(result.energyDrift.trueH).toBeLessThan(0.1);
    expect(result.energyDrift.learnedH).toBeLessThan(0.1);
  }, 120_000);

  it('repeats bit for bit with the same seed', async () => {
    const run = () =>
      runTutorial({ epochs: 3, reportEvery: 1, outDir: null, log: () => {}, progress: false });
    const [a, b] = [await run(), await run()];
    expect(b.losses).toEqual(a.losses);
    expect(b.trajectoryError).toBe(a.trajectoryError);
  }, 60_000);

  it('rejects a non-positive epoch count, naming the value', async () => {
    await expect(runTutorial({ epochs: 0, outDir: null })).rejects.toThrow(
      /epochs must be an integer >= 1, got 0/,
    );
  });
});

describe('the tutorial command', () => {
  it('names a bad flag, what it expected and what arrived', async () => {
    await expect(main(['--epochs', 'ten'])).rejects.toThrow(
      '--epochs: expected integer >= 1, got "ten"',
    );
    await expect(main(['--seed=-1', '--epochs', '0'])).rejects.toThrow(
      /--epochs: expected integer >= 1, got "0"\n--seed: expected integer >= 0, got "-1"/,
    );
  });

  it('rejects an unknown flag', async () => {
    await expect(main(['--epoch', '3'])).rejects.toThrow(/--epoch/);
  });
});

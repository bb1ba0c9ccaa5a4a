import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a file with the given text', async () => {
    const path = join(dir, 'plot.svg');
    await writeFileAtomic(path, '<svg/>');
    expect(await readFile(path, 'utf8')).toBe('<svg/>');
  });

  it('replaces an existing file with bytes and leaves no temporary file behind', async () => {
    const path = join(dir, 'plot.png');
    await writeFile(path, 'old');
    await writeFileAtomic(path, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect([...(await readFile(path))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(await readdir(dir)).toEqual(['plot.png']);
  });

  it('writes every chunk a generator yields, in order', async () => {
    const path = join(dir, 'log.txt');
    async function* lines() {
      yield 'a\n';
      yield new TextEncoder().encode('b\n');
      yield 'c\n';
    }
    await writeFileAtomic(path, lines());
    expect(await readFile(path, 'utf8')).toBe('a\nb\nc\n');
  });

  it('leaves the old file intact when the write throws midway', async () => {
    const path = join(dir, 'plot.svg');
    await writeFile(path, 'the old plot');
    function* halfThenFail() {
      yield 'the first half of a new plot, ';
      throw new Error('renderer crashed');
    }
    await expect(writeFileAtomic(path, halfThenFail())).rejects.toThrow('renderer crashed');
    expect(await readFile(path, 'utf8')).toBe('the old plot');
    expect(await readdir(dir)).toEqual(['plot.svg']);
  });

  it('creates nothing when the write fails before the file existed', async () => {
    const path = join(dir, 'new.svg');
    const fail: Iterable<string> = {
      [Symbol.iterator]: () => {
        throw new Error('no content');
      },
    };
    await expect(writeFileAtomic(path, fail)).rejects.toThrow('no content');
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects when the directory does not exist, naming the path', async () => {
    const path = join(dir, 'missing', 'plot.svg');
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(/ENOENT.*missing/);
  });
});

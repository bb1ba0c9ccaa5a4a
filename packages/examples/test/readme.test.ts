import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');

describe('the root README', () => {
  it('shows the quick start exactly as src/quick-start.ts (typechecked, linted)', async () => {
    const readme = await read('README.md');
    const section = readme.slice(readme.indexOf('## Quick start'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(await read('packages/examples/src/quick-start.ts'));
  });

  it('names root scripts that exist, and npm start runs the tutorial', async () => {
    const rootScripts = JSON.parse(await read('package.json')).scripts;
    const ours = JSON.parse(await read('packages/examples/package.json')).scripts;
    expect(Object.keys(rootScripts)).toEqual(expect.arrayContaining(['test', 'start', 'bench']));
    expect(rootScripts.start).toContain('run main');
    expect(ours.main).toContain('src/tutorial.ts');
    expect(ours['quick-start']).toContain('src/quick-start.ts');
  });
});

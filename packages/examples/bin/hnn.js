#!/usr/bin/env node
// The `hnn` launcher. In the workspace it runs the TypeScript entry through tsx with the
// `@hamiltonian/source` export condition (workspace packages resolve to their sources, no build
// step); after `pnpm build` without tsx it runs the compiled `dist/cli/main.js` instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const source = here('../src/cli/main.ts');
const compiled = here('../dist/cli/main.js');

const tsxUrl = () => {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
};

const tsx = existsSync(source) ? tsxUrl() : undefined;
const args =
  tsx !== undefined
    ? ['--conditions=@hamiltonian/source', '--import', tsx, source]
    : existsSync(compiled)
      ? [compiled]
      : undefined;

if (args === undefined) {
  process.stderr.write(
    'hnn: cannot start: tsx is not installed and dist/cli/main.js is missing; run ' +
      '`pnpm install` in the workspace, or `pnpm build` before installing the package globally\n',
  );
  process.exit(1);
}

const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal !== null) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});

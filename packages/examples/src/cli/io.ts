/**
 * Where a command writes: lines for standard output and standard error, the directory relative
 * paths start from, and whether to draw progress bars. Tests pass their own to capture output.
 */
import { isAbsolute, relative, resolve } from 'node:path';

/** A command's outlets. */
export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Relative paths in arguments are resolved from here. */
  readonly cwd: string;
  readonly progress: boolean;
}

/**
 * The process's own outlets; `cwd` is where the user typed the command (`INIT_CWD` under
 * `pnpm run`, which changes into the package directory).
 */
export const processIo = (): CommandIo => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
  progress: process.stderr.isTTY === true,
});

/** A path from the user resolved against `io.cwd`. */
export const inCwd = (io: CommandIo, path: string): string => resolve(io.cwd, path);

/** A path as the user would type it from `io.cwd`. */
export const shown = (io: CommandIo, path: string): string => {
  const rel = relative(io.cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

/** Seconds with sensible precision: `0.42 s`, `12.3 s`, `3 min 5 s`. */
export const formatSeconds = (s: number): string => {
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 120) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
};

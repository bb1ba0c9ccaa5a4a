/**
 * Measured trajectories from CSV or JSON files, decoded and checked at the boundary: a bad row
 * is reported with its line (or index) and column.
 *
 * Both formats have the same columns: `trajectory` (an id), `t`, the coordinates (n positions,
 * then n momenta), and optionally `d<coordinate>` for each coordinate's time derivative.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { checkCoordinates } from '../formula/coordinates.js';
import { FormulaError } from '../formula/errors.js';
import type { Trajectory, TrajectorySet } from '../systems/trajectories.js';

/** A file that is not a valid trajectory file; the message names the place and the problem. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
}

/** One decoded row, with where it came from for error messages. */
interface Row {
  readonly where: string;
  readonly trajectory: string;
  readonly t: number;
  readonly states: number[];
  readonly derivatives: number[] | undefined;
}

interface Layout {
  readonly coords: readonly string[];
  readonly hasDerivatives: boolean;
}

const fail = (file: string, message: string): never => {
  throw new DataFileError(`${file}: ${message}`);
};

/** Which columns are coordinates and whether derivatives follow, from the column names. */
const layoutOf = (file: string, columns: readonly string[]): Layout => {
  if (columns[0] !== 'trajectory' || columns[1] !== 't') {
    fail(
      file,
      `the first columns must be "trajectory" and "t", got ${JSON.stringify(columns.slice(0, 2))}`,
    );
  }
  const rest = columns.slice(2);
  const derivs = rest.filter((c) => c.startsWith('d') && rest.includes(c.slice(1)));
  const coords = rest.filter((c) => !derivs.includes(c));
  const wanted = coords.map((c) => `d${c}`);
  if (derivs.length > 0 && derivs.join() !== wanted.join()) {
    fail(
      file,
      `derivative columns ${derivs.join(', ')} must be all of ${wanted.join(', ')}` +
        ' in that order, after the coordinates, or none (then finite differences are used)',
    );
  }
  try {
    checkCoordinates(coords);
  } catch (error) {
    if (error instanceof FormulaError) fail(file, `columns after "t": ${error.message}`);
    throw error;
  }
  return { coords, hasDerivatives: derivs.length > 0 };
};

const toNumber = (file: string, where: string, column: string, raw: unknown): number => {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(
      file,
      `${where}, column "${column}": expected a finite number, got ${JSON.stringify(raw)}`,
    );
  }
  return value as number;
};

/** Groups rows into trajectories (in order of first appearance) and checks their times. */
const assemble = (file: string, layout: Layout, rows: readonly Row[]): TrajectorySet => {
  if (rows.length === 0) fail(file, 'no data rows');
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.trajectory) ?? [];
    const previous = group[group.length - 1];
    if (previous !== undefined && !(row.t > previous.t)) {
      fail(
        file,
        `${row.where}, column "t": ${row.t} does not come after ${previous.t} in trajectory ` +
          `"${row.trajectory}"; list each trajectory's rows in increasing time`,
      );
    }
    group.push(row);
    groups.set(row.trajectory, group);
  }
  const trajectories: Trajectory[] = [];
  for (const [id, group] of groups) {
    if (group.length < 2 && !layout.hasDerivatives) {
      fail(file, `trajectory "${id}" has one row; finite differences need at least two`);
    }
    trajectories.push({
      id,
      t: group.map((r) => r.t),
      states: group.map((r) => r.states),
      ...(layout.hasDerivatives
        ? { derivatives: group.map((r) => r.derivatives as number[]) }
        : {}),
    });
  }
  return { coords: layout.coords, trajectories };
};

const rowFrom = (
  file: string,
  where: string,
  layout: Layout,
  get: (column: string) => unknown,
): Row => {
  const id = get('trajectory');
  if (!(typeof id === 'string' || typeof id === 'number') || String(id).trim() === '') {
    fail(file, `${where}, column "trajectory": expected an id, got ${JSON.stringify(id)}`);
  }
  const num = (c: string) => toNumber(file, where, c, get(c));
  return {
    where,
    trajectory: String(id).trim(),
    t: num('t'),
    states: layout.coords.map(num),
    derivatives: layout.hasDerivatives ? layout.coords.map((c) => num(`d${c}`)) : undefined,
  };
};

/**
 * Decodes CSV text: a header row of column names, then one row per saved state; blank lines
 * and lines starting with `#` are skipped. Fields are plain (no quoting).
 *
 * @example
 * decodeTrajectoryCsv('trajectory,t,q,p\na,0,1,0\na,0.1,0.99,-0.2\n', 'spring.csv');
 */
export const decodeTrajectoryCsv = (text: string, file = 'data.csv'): TrajectorySet => {
  const lines = text.split(/\r?\n/).map((line, i) => ({ line: line.trim(), number: i + 1 }));
  const content = lines.filter(({ line }) => line !== '' && !line.startsWith('#'));
  const header = content[0];
  if (header === undefined) return fail(file, 'empty file; expected a header row');
  const columns = header.line.split(',').map((c) => c.trim());
  const layout = layoutOf(`${file} line ${header.number}`, columns);
  const rows = content.slice(1).map(({ line, number }) => {
    const fields = line.split(',');
    const where = `line ${number}`;
    if (fields.length !== columns.length) {
      fail(
        file,
        `${where}: ${fields.length} fields, expected ${columns.length} (${columns.join(',')})`,
      );
    }
    return rowFrom(file, where, layout, (c) => fields[columns.indexOf(c)]);
  });
  return assemble(file, layout, rows);
};

const JsonRows = t.array(t.UnknownRecord, 'array of row objects');

/**
 * Decodes JSON text: an array of row objects with the CSV's columns as keys, such as
 * `[{ "trajectory": "a", "t": 0, "q": 1, "p": 0 }, ...]`. The first row's keys fix the columns.
 *
 * @example
 * const rows = [{ trajectory: 'a', t: 0, q: 1, p: 0 }, { trajectory: 'a', t: 1, q: 0, p: 1 }];
 * decodeTrajectoryJson(JSON.stringify(rows));
 */
export const decodeTrajectoryJson = (text: string, file = 'data.json'): TrajectorySet => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(file, `not JSON: ${(error as Error).message}`);
  }
  const decoded = JsonRows.decode(parsed);
  if (isLeft(decoded)) {
    return fail(
      file,
      'expected an array of row objects like {"trajectory": "a", "t": 0, "q": 1, "p": 0}',
    );
  }
  const first = decoded.right[0];
  if (first === undefined) return fail(file, 'no data rows');
  const columns = Object.keys(first);
  const layout = layoutOf(file, columns);
  const rows = decoded.right.map((record, i) => {
    const extra = Object.keys(record).filter((k) => !columns.includes(k));
    const where = `row [${i}]`;
    if (extra.length > 0) fail(file, `${where}: unexpected column(s) ${extra.join(', ')}`);
    return rowFrom(file, where, layout, (c) => record[c]);
  });
  return assemble(file, layout, rows);
};

/**
 * Reads a trajectory file, choosing the format by extension (`.csv` or `.json`).
 *
 * @example
 * const set = await readTrajectoryFile('data/spring-example.csv');
 */
export const readTrajectoryFile = async (path: string): Promise<TrajectorySet> => {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') {
    throw new DataFileError(`${path}: unknown extension "${ext}"; use a .csv or .json file`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DataFileError(`${path}: cannot read: ${(error as Error).message}`);
  }
  return ext === '.csv' ? decodeTrajectoryCsv(text, path) : decodeTrajectoryJson(text, path);
};

/**
 * Writes trajectories as CSV text in the format `decodeTrajectoryCsv` reads, with derivative
 * columns when every trajectory has them.
 *
 * @example
 * await writeFileAtomic('out.csv', encodeTrajectoryCsv(set));
 */
export const encodeTrajectoryCsv = (set: TrajectorySet): string => {
  const withD = set.trajectories.every((tr) => tr.derivatives !== undefined);
  const header = [
    'trajectory',
    't',
    ...set.coords,
    ...(withD ? set.coords.map((c) => `d${c}`) : []),
  ];
  const lines = [header.join(',')];
  for (const tr of set.trajectories) {
    tr.t.forEach((ti, i) => {
      const d = withD ? (tr.derivatives?.[i] ?? []) : [];
      lines.push([tr.id, ti, ...(tr.states[i] ?? []), ...d].map(String).join(','));
    });
  }
  return `${lines.join('\n')}\n`;
};

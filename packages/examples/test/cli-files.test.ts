import { describe, expect, it } from 'vitest';
import '@hamiltonian/testing';
import { fileURLToPath } from 'node:url';
import {
  DataFileError,
  decodeTrajectoryCsv,
  decodeTrajectoryJson,
  encodeTrajectoryCsv,
  readTrajectoryFile,
} from '../src/io/trajectory-file.js';
import { finiteDifferences, splitTrajectories, toSamples } from '../src/systems/trajectories.js';

const GOOD_CSV = `# a comment
trajectory,t,q,p
a,0,1,0
a,0.5,0.5,-0.5

a,1,0,-1
b,0,2,0
b,1,1,-1
`;

describe('decodeTrajectoryCsv', () => {
  it('groups rows into trajectories in order of appearance', () => {
    const set = decodeTrajectoryCsv(GOOD_CSV);
    expect(set.coords).toEqual(['q', 'p']);
    expect(set.trajectories.map((t) => t.id)).toEqual(['a', 'b']);
    expect(set.trajectories[0]?.t).toEqual([0, 0.5, 1]);
    expect(set.trajectories[0]?.states).toEqual([
      [1, 0],
      [0.5, -0.5],
      [0, -1],
    ]);
    expect(set.trajectories[0]?.derivatives).toBeUndefined();
  });

  it('reads derivative columns when all are present', () => {
    const set = decodeTrajectoryCsv('trajectory,t,q,p,dq,dp\n1,0,1,0,0,-2\n1,1,0,1,2,0\n');
    expect(set.trajectories[0]?.derivatives).toEqual([
      [0, -2],
      [2, 0],
    ]);
  });

  it('names the line and column of a bad number', () => {
    const bad = GOOD_CSV.replace('a,0.5,0.5,-0.5', 'a,0.5,0.5,oops');
    expect(() => decodeTrajectoryCsv(bad, 'x.csv')).toThrow(
      'x.csv: line 4, column "p": expected a finite number, got "oops"',
    );
  });

  it('names the line of a row with the wrong number of fields', () => {
    const bad = GOOD_CSV.replace('b,0,2,0', 'b,0,2');
    expect(() => decodeTrajectoryCsv(bad, 'x.csv')).toThrow(/line 7: 3 fields, expected 4/);
  });

  it('rejects times that do not increase within a trajectory', () => {
    const bad = GOOD_CSV.replace('a,1,0,-1', 'a,0.5,0,-1');
    expect(() => decodeTrajectoryCsv(bad, 'x.csv')).toThrow(
      /line 6, column "t": 0.5 does not come after 0.5/,
    );
  });

  it('rejects headers without trajectory and t, and unpaired coordinates', () => {
    expect(() => decodeTrajectoryCsv('t,q,p\n0,1,0\n')).toThrow(DataFileError);
    expect(() => decodeTrajectoryCsv('trajectory,t,q1,q2,p1\na,0,1,2,3\n')).toThrow(
      /do not pair up/,
    );
    expect(() => decodeTrajectoryCsv('trajectory,t,q,p,dq\na,0,1,0,1\n')).toThrow(
      /derivative columns/,
    );
  });

  it('needs two rows per trajectory for finite differences', () => {
    expect(() => decodeTrajectoryCsv('trajectory,t,q,p\na,0,1,0\n')).toThrow(/at least two/);
  });

  it('round-trips through encodeTrajectoryCsv', () => {
    const set = decodeTrajectoryCsv('trajectory,t,q,p,dq,dp\n1,0,1,0,0,-2\n1,1,0,1,2,0\n');
    expect(decodeTrajectoryCsv(encodeTrajectoryCsv(set))).toEqual(set);
  });
});

describe('decodeTrajectoryJson', () => {
  const rows = [
    { trajectory: 'a', t: 0, q: 1, p: 0 },
    { trajectory: 'a', t: 1, q: 0, p: 1 },
  ];

  it('reads an array of row objects', () => {
    const set = decodeTrajectoryJson(JSON.stringify(rows));
    expect(set.coords).toEqual(['q', 'p']);
    expect(set.trajectories[0]?.states).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('names the row index and key of a bad value', () => {
    const bad = [rows[0], { ...rows[1], q: 'x' }];
    expect(() => decodeTrajectoryJson(JSON.stringify(bad), 'd.json')).toThrow(
      'd.json: row [1], column "q": expected a finite number, got "x"',
    );
    const extra = [rows[0], { ...rows[1], r: 1 }];
    expect(() => decodeTrajectoryJson(JSON.stringify(extra), 'd.json')).toThrow(
      /row \[1\]: unexpected column\(s\) r/,
    );
  });

  it('says when the text is not JSON or not rows', () => {
    expect(() => decodeTrajectoryJson('{', 'd.json')).toThrow(/d.json: not JSON/);
    expect(() => decodeTrajectoryJson('{"q": 1}', 'd.json')).toThrow(/array of row objects/);
  });
});

describe('the example data file', () => {
  it('decodes into two trajectories of the spring', async () => {
    const path = fileURLToPath(new URL('../data/spring-example.csv', import.meta.url));
    const set = await readTrajectoryFile(path);
    expect(set.trajectories.length).toBe(2);
    const { data, target } = toSamples(set);
    expect(data.shape).toEqual([16, 2]);
    // Finite differences of q = r sin 2t, p = r cos 2t approach (2p, -2q) to O(dt^2) inside.
    const i = 3;
    expect(target.data[2 * i]).toBeCloseTo(2 * (data.data[2 * i + 1] as number), 1);
  });

  it('rejects an unknown extension', async () => {
    await expect(readTrajectoryFile('x.txt')).rejects.toThrow(/use a .csv or .json file/);
  });
});

describe('trajectory helpers', () => {
  it('takes central differences inside and one-sided ones at the ends', () => {
    expect(finiteDifferences([0, 1, 2], [[0], [1], [4]])).toEqual([[1], [2], [3]]);
  });

  it('holds out whole trajectories from the end', () => {
    const set = decodeTrajectoryCsv(GOOD_CSV);
    const { train, test } = splitTrajectories(set, 0.5);
    expect(train.trajectories.map((t) => t.id)).toEqual(['a']);
    expect(test.trajectories.map((t) => t.id)).toEqual(['b']);
  });
});

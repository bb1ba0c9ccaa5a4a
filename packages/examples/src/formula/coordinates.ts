/**
 * Canonical coordinates of a formula: n positions q, then their n momenta p, paired by name.
 */
import { FormulaError } from './errors.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The suffix that pairs a position with its momentum: `q1` and `p1` share `1`. */
const suffixOf = (name: string, letter: 'q' | 'p'): string | undefined =>
  name.startsWith(letter) ? name.slice(1) : undefined;

// Numeric suffixes in numeric order (q2 before q10), others alphabetically.
const bySuffix = (a: string, b: string): number =>
  a.slice(1).localeCompare(b.slice(1), 'en', { numeric: true });

/**
 * Checks a coordinate list as given by `--coords q1,q2,p1,p2`: an even number of distinct
 * names, positions first, then momenta. When every position starts with `q` and every momentum
 * with `p`, the i-th momentum must carry the i-th position's suffix (`q2` pairs with `p2`).
 *
 * @example
 * checkCoordinates(['q1', 'q2', 'p1', 'p2']); // ok
 * checkCoordinates(['q1', 'q2', 'p1']); // FormulaError: 3 coordinates do not pair up ...
 */
export const checkCoordinates = (coords: readonly string[]): readonly string[] => {
  const bad = coords.find((c) => !IDENTIFIER.test(c));
  if (bad !== undefined) {
    throw new FormulaError(`coordinate "${bad}" is not a name; use letters, digits and _`);
  }
  const seen = new Set<string>();
  for (const c of coords) {
    if (seen.has(c)) throw new FormulaError(`coordinate "${c}" appears twice in the coordinates`);
    seen.add(c);
  }
  if (coords.length === 0 || coords.length % 2 !== 0) {
    throw new FormulaError(
      `${coords.length} coordinates (${coords.join(', ')}) do not pair up; give n positions ` +
        'then their n momenta, e.g. q1,q2,p1,p2',
    );
  }
  const n = coords.length / 2;
  const qs = coords.slice(0, n);
  const ps = coords.slice(n);
  const lettered = qs.every((q) => q.startsWith('q')) && ps.every((p) => p.startsWith('p'));
  if (!lettered) return coords;
  qs.forEach((q, i) => {
    const p = ps[i] as string;
    if (suffixOf(q, 'q') !== suffixOf(p, 'p')) {
      throw new FormulaError(
        `position ${q} is paired with momentum ${p}; list momenta in the order of their ` +
          `positions (${q} pairs with p${q.slice(1)})`,
      );
    }
  });
  return coords;
};

/**
 * The coordinates a formula's free symbols imply, when none are given: every symbol must be a
 * position `q…` or a momentum `p…`, and each position needs the momentum of the same suffix.
 *
 * @example
 * inferCoordinates(['p1', 'q1', 'q2', 'p2']); // ['q1', 'q2', 'p1', 'p2']
 * inferCoordinates(['q', 'x']); // FormulaError: ... x is neither ...
 */
export const inferCoordinates = (symbols: readonly string[]): readonly string[] => {
  const other = symbols.filter((s) => !/^[qp]/.test(s));
  if (other.length > 0) {
    throw new FormulaError(
      `unknown symbol ${other.map((s) => `"${s}"`).join(', ')}: a coordinate starts with q ` +
        '(position) or p (momentum); list coordinates with --coords or give a constant a ' +
        'value with --param NAME=VALUE',
    );
  }
  const qs = symbols.filter((s) => s.startsWith('q')).sort(bySuffix);
  const ps = symbols.filter((s) => s.startsWith('p')).sort(bySuffix);
  const pSet = new Set(ps);
  const qSet = new Set(qs);
  for (const q of qs) {
    if (!pSet.has(`p${q.slice(1)}`)) {
      throw new FormulaError(`position ${q} has no momentum p${q.slice(1)} in the formula`);
    }
  }
  for (const p of ps) {
    if (!qSet.has(`q${p.slice(1)}`)) {
      throw new FormulaError(
        `momentum ${p} has no position q${p.slice(1)} in the formula; if H does not depend ` +
          'on a position, name all coordinates with --coords',
      );
    }
  }
  if (qs.length === 0) {
    throw new FormulaError('the formula has no coordinates; write H in terms of q and p');
  }
  return [...qs, ...ps];
};

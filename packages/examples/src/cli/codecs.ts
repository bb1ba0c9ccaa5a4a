/**
 * io-ts codecs for the `hnn` command's inputs: flags arrive as strings, config files as JSON
 * values, and both decode to the same typed options.
 */
import * as t from 'io-ts';
import { activations } from '@hamiltonian/nn';

const fromString = <A>(
  name: string,
  is: (u: unknown) => u is A,
  read: (s: string) => A | undefined,
): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    is,
    (u, c) => {
      if (is(u)) return t.success(u);
      const value = typeof u === 'string' ? read(u.trim()) : undefined;
      return value === undefined ? t.failure(u, c) : t.success(value);
    },
    String,
  );

const isNumberIn =
  (ok: (n: number) => boolean) =>
  (u: unknown): u is number =>
    typeof u === 'number' && ok(u);

const parseNumber = (ok: (n: number) => boolean) => (s: string) => {
  const n = s === '' ? NaN : Number(s);
  return ok(n) ? n : undefined;
};

/** A number (or its decimal text) satisfying `ok`, described as `name`. */
export const numberWhere = (name: string, ok: (n: number) => boolean): t.Type<number, string> =>
  fromString(name, isNumberIn(ok), parseNumber(ok));

/** A finite number > 0. */
export const positive = numberWhere('number > 0', (n) => Number.isFinite(n) && n > 0);
/** A finite number >= 0. */
export const nonNegative = numberWhere('number >= 0', (n) => Number.isFinite(n) && n >= 0);
/** Any finite number. */
export const finiteNumber = numberWhere('finite number', Number.isFinite);
/** A fraction in [0, 1). */
export const fraction = numberWhere('number in [0, 1)', (n) => n >= 0 && n < 1);
/** An integer >= 1. */
export const positiveInt = numberWhere('integer >= 1', (n) => Number.isSafeInteger(n) && n >= 1);
/** An integer >= 2. */
export const atLeastTwo = numberWhere('integer >= 2', (n) => Number.isSafeInteger(n) && n >= 2);
/** An integer >= 0. */
export const nonNegativeInt = numberWhere('integer >= 0', (n) => Number.isSafeInteger(n) && n >= 0);

/**
 * A list of `item` as a JSON array or as comma-separated text (`200,200`), with the element
 * type's name in errors.
 */
export const listOf = <A>(item: t.Type<A, string>, name: string): t.Type<A[], unknown> =>
  new t.Type<A[], unknown, unknown>(
    name,
    (u): u is A[] => Array.isArray(u) && u.every(item.is),
    (u, c) => {
      const parts = typeof u === 'string' ? u.split(',').map((s) => s.trim()) : u;
      if (!Array.isArray(parts) || parts.length === 0) return t.failure(u, c);
      return t.array(item).validate(parts, c);
    },
    t.identity,
  );

/** A span `t0,t1` with t1 > t0. */
export const span = new t.Type<[number, number], unknown, unknown>(
  'two numbers t0,t1 with t1 > t0',
  (u): u is [number, number] => Array.isArray(u) && u.length === 2,
  (u, c) => {
    const parts = typeof u === 'string' ? u.split(',').map((s) => Number(s.trim())) : u;
    const ok =
      Array.isArray(parts) &&
      parts.length === 2 &&
      parts.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
      (parts[1] as number) > (parts[0] as number);
    return ok ? t.success(parts as [number, number]) : t.failure(u, c);
  },
  t.identity,
);

/** Constants `k=2,m=1` (text) or `{ "k": 2 }` (JSON). */
export const constants = new t.Type<Record<string, number>, unknown, unknown>(
  'constants NAME=VALUE (comma-separated)',
  (u): u is Record<string, number> => typeof u === 'object' && u !== null,
  (u, c) => {
    const entries =
      typeof u === 'string'
        ? u.split(',').map((s) => s.split('=').map((x) => x.trim()))
        : Array.isArray(u)
          ? u.flatMap((s) => String(s).split(',')).map((s) => s.split('=').map((x) => x.trim()))
          : typeof u === 'object' && u !== null
            ? Object.entries(u).map(([k, v]) => [k, String(v)])
            : [];
    const ok =
      entries.length > 0 &&
      entries.every(
        (e) =>
          e.length === 2 &&
          /^[A-Za-z_]\w*$/.test(e[0] as string) &&
          Number.isFinite(Number(e[1])) &&
          e[1] !== '',
      );
    return ok
      ? t.success(Object.fromEntries(entries.map(([k, v]) => [k as string, Number(v)])))
      : t.failure(u, c);
  },
  t.identity,
);

/** A coordinate list `q1,q2,p1,p2` (text) or `["q1", ...]` (JSON). */
export const coordList = listOf(
  new t.Type<string, string, unknown>(
    'name',
    (u): u is string => typeof u === 'string' && u !== '',
    (u, c) => (typeof u === 'string' && u !== '' ? t.success(u) : t.failure(u, c)),
    t.identity,
  ),
  'comma-separated coordinate names',
);

/** A choice among fixed strings, named by its choices in errors. */
export const oneOf = <K extends string>(choices: readonly K[]): t.Type<K, string, unknown> =>
  t.keyof(
    Object.fromEntries(choices.map((k) => [k, null])) as Record<K, null>,
    `one of ${choices.join(', ')}`,
  ) as unknown as t.Type<K, string, unknown>;

/** A boolean flag, or `true`/`false` text. */
export const flag = new t.Type<boolean, unknown, unknown>(
  'true or false',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) =>
    typeof u === 'boolean'
      ? t.success(u)
      : u === 'true'
        ? t.success(true)
        : u === 'false'
          ? t.success(false)
          : t.failure(u, c),
  t.identity,
);

/** A batch size: an integer >= 1 or `full`. */
export const batchsize = new t.Type<number | 'full', unknown, unknown>(
  'integer >= 1 or "full"',
  (u): u is number | 'full' => u === 'full' || positiveInt.is(u),
  (u, c) => (u === 'full' ? t.success('full') : positiveInt.validate(u, c)),
  t.identity,
);

/** The activation names of the nn package. */
export const activationName = oneOf(Object.keys(activations) as (keyof typeof activations)[]);

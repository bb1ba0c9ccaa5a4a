/**
 * Decoding what arrives from outside (command-line flags) with io-ts, with errors that name
 * the bad field and the value that arrived.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** An integer written in decimal, at least `min`: `'500'` decodes to 500. */
export const intFromString = (min: number): t.Type<number, string, unknown> =>
  new t.Type<number, string, unknown>(
    `integer >= ${min}`,
    (u): u is number => Number.isSafeInteger(u) && (u as number) >= min,
    (u, c) => {
      const n = typeof u === 'string' && /^[+-]?\d+$/.test(u.trim()) ? Number(u) : NaN;
      return Number.isSafeInteger(n) && n >= min ? t.success(n) : t.failure(u, c);
    },
    String,
  );

/** A non-empty string, such as a directory. */
export const nonEmptyString = new t.Type<string, string, unknown>(
  'non-empty string',
  (u): u is string => typeof u === 'string' && u.length > 0,
  (u, c) => (typeof u === 'string' && u.length > 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** A bad input, with one line per bad field. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

const describeError = (e: t.ValidationError): string => {
  const path = e.context
    .map((c) => c.key)
    .filter((k) => k !== '')
    .join('.');
  const expected = e.context[e.context.length - 1]?.type.name ?? 'a valid value';
  return `${path === '' ? 'input' : path}: expected ${expected}, got ${JSON.stringify(e.value)}`;
};

/**
 * Decodes `input` with `codec`, or throws an `InputError` listing each bad field's path, what
 * it expected and what arrived.
 *
 * @example
 * decodeOrThrow(t.type({ epochs: intFromString(1) }), { epochs: 'ten' }, '--');
 * // InputError: --epochs: expected integer >= 1, got "ten"
 */
export const decodeOrThrow = <A>(codec: t.Decoder<unknown, A>, input: unknown, prefix = ''): A => {
  const result = codec.decode(input);
  if (!isLeft(result)) return result.right;
  const lines = result.left.map((e) => prefix + describeError(e));
  throw new InputError([...new Set(lines)].join('\n'));
};

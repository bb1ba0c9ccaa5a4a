/**
 * Plain-text tables for the terminal: columns padded to their widest cell.
 */

/**
 * Formats rows as aligned columns separated by two spaces, with a rule under the header.
 *
 * @example
 * formatTable(['model', 'loss'], [['HNN', '3.6e-2']]);
 */
export const formatTable = (
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] => {
  const all = [header, ...rows];
  const widths = header.map((_, j) => Math.max(...all.map((r) => (r[j] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, j) => cell.padEnd(widths[j] as number))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
};

/** A number as `3.71e-2`, or `n/a` when missing or not finite. */
export const sci = (x: number | undefined | null, digits = 2): string =>
  x === undefined || x === null || !Number.isFinite(x)
    ? 'n/a'
    : x.toExponential(digits).replace('e+', 'e');

/** A mean with its standard error, `3.71e-2 ± 1.9e-3`. */
export const withError = (mean: number, stderr?: number): string => {
  if (stderr === undefined || !Number.isFinite(stderr)) return sci(mean);
  return `${sci(mean)} ± ${sci(stderr, 1)}`;
};

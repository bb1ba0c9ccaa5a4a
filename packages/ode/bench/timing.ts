/**
 * Timing by repetition on a shared machine: warm every contender up so the JIT has compiled
 * its hot path, then time them in rounds (one run of each, in a shuffled order), so load from
 * other processes falls on all of them alike, and report medians (robust to GC pauses).
 */

/** Median and quartiles of one contender's wall time per run, in microseconds. */
export interface Timing {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly runs: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

const summarize = (samples: number[]): Timing => {
  samples.sort((a, b) => a - b);
  return {
    median: quantile(samples, 0.5),
    p25: quantile(samples, 0.25),
    p75: quantile(samples, 0.75),
    runs: samples.length,
  };
};

const once = (fn: () => unknown): number => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e3;
};

/**
 * Times each function round-robin: `warmup` untimed rounds, then rounds until `minRounds` are
 * done and `minMs` have passed.
 */
export const timeAll = (
  fns: readonly (() => unknown)[],
  { warmup = 300, minRounds = 300, minMs = 1000 } = {},
): Timing[] => {
  for (let r = 0; r < warmup; r++) for (const fn of fns) fn();
  const samples = fns.map((): number[] => []);
  const start = performance.now();
  const order = fns.map((_, i) => i);
  for (let r = 0; r < minRounds || performance.now() - start < minMs; r++) {
    // A fresh order each round, so no contender always runs right after the same one (or
    // always meets the garbage collector the others left behind).
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const i of order) (samples[i] as number[]).push(once(fns[i] as () => unknown));
  }
  return samples.map(summarize);
};

/** Times one function alone. */
export const time = (fn: () => unknown, warmup = 100, minRounds = 30, minMs = 200): Timing =>
  timeAll([fn], { warmup, minRounds, minMs })[0] as Timing;

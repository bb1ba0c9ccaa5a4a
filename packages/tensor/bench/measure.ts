/**
 * Timing helpers: calibrated batches of calls, two contenders measured in alternating batches so
 * that both see the same machine load, summarised by medians. On a shared machine the per-round
 * ratio (adjacent batches) is steadier than the ratio of the two medians, so both are reported.
 */

const now = (): number => performance.now();

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// The number of calls that fills about `targetMs`.
const calibrate = (fn: () => void, targetMs: number): number => {
  for (let reps = 1; ; reps *= 2) {
    const t0 = now();
    for (let i = 0; i < reps; i++) fn();
    const dt = now() - t0;
    if (dt >= targetMs / 2 || reps >= 1 << 24) {
      return Math.max(1, Math.round((reps * targetMs) / Math.max(dt, 1e-3)));
    }
  }
};

const batch = (fn: () => void, reps: number): number => {
  const t0 = now();
  for (let i = 0; i < reps; i++) fn();
  return ((now() - t0) * 1e-3) / reps;
};

/**
 * Median seconds per call of two contenders, the median per-round ratio a / b, and the ratio of
 * their best rounds (the usual estimator of undisturbed speed on a loaded machine).
 */
export interface PairTiming {
  readonly a: number;
  readonly b: number;
  readonly ratio: number;
  readonly bestRatio: number;
}

/** Times `a` against `b` after a warm-up, alternating which goes first each round. */
export const measurePair = (
  a: () => void,
  b: () => void,
  { rounds = 101, targetMs = 1, warmupMs = 80 } = {},
): PairTiming => {
  for (const fn of [a, b]) {
    const t0 = now();
    while (now() - t0 < warmupMs) fn();
  }
  const repsA = calibrate(a, targetMs);
  const repsB = calibrate(b, targetMs);
  const ta: number[] = [];
  const tb: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const first = r % 2 === 0;
    const x = first ? batch(a, repsA) : 0;
    const y = batch(b, repsB);
    const z = first ? x : batch(a, repsA);
    ta.push(z);
    tb.push(y);
    ratios.push(z / y);
  }
  const bestRatio = Math.min(...ta) / Math.min(...tb);
  return { a: median(ta), b: median(tb), ratio: median(ratios), bestRatio };
};

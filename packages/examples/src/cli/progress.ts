/**
 * The training progress bar on standard error: epoch, loss and time left (cli-progress).
 */
import { SingleBar } from 'cli-progress';
import type { FitProgress } from './fit.js';

/** A progress display fed once per epoch. */
export interface Progress {
  readonly update: (p: FitProgress) => void;
  readonly stop: () => void;
}

/** A display that shows nothing (tests, `--quiet`, or standard error not a terminal). */
export const silent: Progress = { update: () => {}, stop: () => {} };

/**
 * A cli-progress bar labelled `label`, updated at most every 100 ms so fast epochs cost nothing.
 *
 * @example
 * const bar = progressBar('HNN', 2000); fit(..., bar.update); bar.stop();
 */
export const progressBar = (label: string, epochs: number): Progress => {
  const bar = new SingleBar({
    format: `${label} |{bar}| epoch {value}/{total} | loss {loss} | {eta_formatted} left`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
    fps: 10,
  });
  bar.start(epochs, 0, { loss: '-' });
  return {
    update: ({ epoch, loss }) => bar.update(epoch, { loss: loss.toExponential(3) }),
    stop: () => bar.stop(),
  };
};

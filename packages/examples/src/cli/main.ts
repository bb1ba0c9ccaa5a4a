/**
 * The `hnn` command: learn Hamiltonian dynamics from a built-in system, a formula or a data
 * file, roll models out, compare them with a plain network, and reproduce the HNN paper.
 *
 * Run it with `pnpm --filter @hamiltonian/examples hnn <command> ...` or `bin/hnn.js`.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { evaluateCommand, EVALUATE_USAGE } from './evaluate.js';
import { processIo, type CommandIo } from './io.js';
import { paperCommand, PAPER_USAGE } from './paper.js';
import { simulateCommand, SIMULATE_USAGE } from './simulate.js';
import { trainCommand, TRAIN_USAGE } from './train.js';

const COMMANDS = {
  train: trainCommand,
  simulate: simulateCommand,
  evaluate: evaluateCommand,
  paper: paperCommand,
} as const;

const USAGES = [TRAIN_USAGE, SIMULATE_USAGE, EVALUATE_USAGE, PAPER_USAGE];

/** The top-level help. */
export const USAGE = `Usage: hnn <command> [options]   (hnn <command> --help for its options)

Commands:
  train      learn a system's dynamics and save the model
             (--system spring|pendulum|two-body, --hamiltonian "<formula>" or --data FILE)
  simulate   roll a saved model out: CSV trajectory, phase portrait and energy plots
  evaluate   train/test loss and energy MSE, HNN and baseline side by side
  paper      the HNN paper's Table 1 tasks beside its published figures (--quick: minutes)

${USAGES.map((u) => u.split('\n')[0]).join('\n')}`;

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit code: 0 on
 * success, 1 for an error (printed as one message on standard error), 2 for bad usage.
 *
 * @example
 * const code = await main(['train', '--system', 'spring', '--epochs', '50']);
 */
export const main = async (
  argv: readonly string[],
  io: CommandIo = processIo(),
): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    io.err(`hnn: unknown command "${name}"; expected one of ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  try {
    return await COMMANDS[name as keyof typeof COMMANDS](rest, io);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (process.env['HNN_DEBUG'] !== undefined && error instanceof Error) io.err(error.stack ?? '');
    io.err(`hnn ${name}: ${message}`);
    return 1;
  }
};

const invokedDirectly = (): boolean => {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(realpathSync(script)).href === import.meta.url;
};

if (invokedDirectly()) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}

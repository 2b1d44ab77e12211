/**
 * What the CLI's fast batch path needs besides the analyzer, kept apart from main.ts so the
 * start-up snapshot (roofline-snapshot.ts) can bundle it without pulling in the yargs app.
 */
import { EXIT_BAD_INPUT, HetsimError } from '../errors.js';
import { REQUEST_KEYS } from '../systems/roofline/request.js';

export interface FastBatchArgs {
  input: string;
  /** Request keys given as flags: the default of every line. */
  defaults: Record<string, unknown>;
  /** `--summary`: results without the per-layer rows. */
  summary: boolean;
}

/**
 * `roofline --input X [--key value | --key=value | --flash | --no-flash | --summary | --no-summary]…`
 * with known keys only.
 */
export function fastBatchArgs(argv: string[]): FastBatchArgs | null {
  if (argv[0] !== 'roofline') return null;
  let input: string | undefined;
  let summary = false;
  const defaults: Record<string, unknown> = {};
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) return null;
    if (a === '--summary' || a === '--no-summary') {
      summary = a === '--summary';
      continue;
    }
    let [key, value] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (key === 'flash' && value === undefined) {
      defaults.flash = true;
      continue;
    }
    if (key === 'no-flash') {
      defaults.flash = false;
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) return null;
      value = argv[++i];
    }
    if (key === 'input') input = value;
    else if ((REQUEST_KEYS as readonly string[]).includes(key)) defaults[key] = value;
    else return null; // anything else (--plot, --json, --help, typos) is yargs' to handle
  }
  return input === undefined ? null : { input, defaults, summary };
}

export function printError(e: unknown): number {
  if (e instanceof HetsimError) {
    process.stderr.write(`hetsim: error: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  // Anything else is a bug: keep the stack.
  process.stderr.write(`hetsim: internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

/**
 * A reader that stops early (`hetsim roofline --input big.jsonl | head`) closes the pipe: end the
 * run quietly, as Unix filters do, instead of an unhandled EPIPE with a stack trace.
 */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') process.stderr.write(`hetsim: error: cannot write to stdout: ${e.message}\n`);
    process.exit(e.code === 'EPIPE' ? 0 : 1);
  });
}

/** The yargs application: one module per command under src/cli/commands. */
import yargs from 'yargs';
import { didYouMean } from '../config/suggest.js';
import { HetsimError } from '../errors.js';
import { VERSION } from '../systems/version.js';
import { calibrateCommand } from './commands/calibrate.js';
import { compareCommand } from './commands/compare.js';
import { reportCommand } from './commands/report.js';
import { rooflineCommand } from './commands/roofline.js';
import { schemaCommand } from './commands/schema.js';
import { simulateCommand } from './commands/simulate.js';
import { sweepCommand } from './commands/sweep.js';
import { workerCommand } from './commands/worker.js';
import { systemsCommand } from './commands/systems.js';

export async function runApp(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (c: number) => {
    exitCode = c;
  };
  await yargs(argv)
    .scriptName('hetsim')
    .usage('$0 <command> [options]\n\nSimulate and model LLM inference and training on heterogeneous hardware.')
    .command(rooflineCommand(setExit))
    .command(calibrateCommand(setExit))
    .command(compareCommand(setExit))
    .command(reportCommand(setExit))
    .command(schemaCommand(setExit))
    .command(simulateCommand(setExit))
    .command(systemsCommand(setExit))
    .command(sweepCommand(setExit))
    .command(workerCommand(setExit))
    .demandCommand(1, 'name a command (see --help)')
    .strict()
    .recommendCommands()
    .help()
    // yargs guesses the version from the folder above node_modules and gives 'unknown' when that folder's
    // name has a dot (a mktemp dir `tmp.X`): take it from the package.json the presets come from
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err, y) => {
      if (err) throw err;
      throw new HetsimError('config_invalid', `${msg}${flagSuggestion(msg, y)} (see hetsim --help)`);
    })
    .parseAsync();
  return exitCode;
}

/**
 * `Unknown argument: bach` → `; did you mean '--batch'?`, from the flags of the command being parsed
 * (yargs hands `fail` its usage object, whose descriptions are keyed by those flags).
 */
function flagSuggestion(msg: string, usage: unknown): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  const describe = (usage as { getDescriptions?: () => Record<string, unknown> } | undefined)?.getDescriptions;
  if (!m || typeof describe !== 'function') return '';
  const known = Object.keys(describe.call(usage));
  const first = m[1].split(',')[0].trim();
  return didYouMean(first, known).replace(/'([^']+)'\?$/, "'--$1'?");
}

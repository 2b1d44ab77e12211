/** The yargs application: one module per command under src/cli/commands. */
import yargs from 'yargs';
import { HetsimError } from '../errors.js';
import { calibrateCommand } from './commands/calibrate.js';
import { reportCommand } from './commands/report.js';
import { rooflineCommand } from './commands/roofline.js';
import { schemaCommand } from './commands/schema.js';
import { simulateCommand } from './commands/simulate.js';
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
    .command(reportCommand(setExit))
    .command(schemaCommand(setExit))
    .command(simulateCommand(setExit))
    .command(systemsCommand(setExit))
    .demandCommand(1, 'name a command (see --help)')
    .strict()
    .recommendCommands()
    .help()
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new HetsimError('config_invalid', `${msg} (see hetsim --help)`);
    })
    .parseAsync();
  return exitCode;
}

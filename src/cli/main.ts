/**
 * CLI entry. `hetsim roofline --input …` (batch analysis) takes a direct path that imports no
 * yargs, zod or mathjs — together ~1.4 s of module loading on a 2-core CI box — so thousands of
 * configs cost milliseconds. Everything else goes through the yargs app (src/cli/app.ts).
 */
import { endQuietlyOnClosedPipe, fastBatchArgs, printError } from './fast-path.js';

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  try {
    const fast = fastBatchArgs(argv);
    if (fast) {
      const { runBatch } = await import('./roofline-batch.js');
      return await runBatch(fast.input, fast.defaults, fast.summary);
    }
    const { runApp } = await import('./app.js');
    return await runApp(argv);
  } catch (e) {
    return printError(e);
  }
}

/**
 * `hetsim worker --queue redis://…`: serve a BullMQ sweep queue (see `hetsim sweep --queue`).
 * Run any number of them, on any hosts that have the same hetsim version and the sweep's files.
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_QUEUE_NAME } from '../../sweep/queue/job.js';
import { checkRedisUrl, probeRedis } from '../../sweep/queue/redis.js';
import { numberFlag } from '../flag-values.js';
import { queueName } from './sweep.js';

export function workerCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'worker',
    describe: 'run sweep jobs from a BullMQ queue (hetsim sweep --queue URL puts them there)',
    builder: (y: Argv) =>
      y
        .option('queue', { type: 'string', demandOption: true, describe: 'Redis URL of the queue (redis://host:port[/db])' })
        .option('queue-name', { type: 'string', default: DEFAULT_QUEUE_NAME, describe: "BullMQ queue name (the sweep's --queue-name)" })
        .option('workers', { type: 'number', defaultDescription: `all cores (${availableParallelism()})`, describe: 'jobs run at once (worker threads)' })
        .option('idle-exit-s', { type: 'number', describe: 'exit after the queue has been empty this long (default: run until SIGINT/SIGTERM)' })
        .example('$0 worker --queue redis://10.0.0.5:6379', 'serve the default queue on every core until stopped')
        .epilog('Each job is one config: a config error is recorded as a failed result at once; a crash or a try past the sweep\'s --timeout-s is retried (here or on another worker) up to the sweep\'s --retries. Exit codes: 0 stopped, 2 bad input or Redis unreachable. See docs/sweeps.md.'),
    handler: async (argv) => {
      const url = checkRedisUrl(String(argv.queue));
      const name = queueName(argv['queue-name']);
      const threads = argv.workers === undefined ? availableParallelism() : numberFlag(argv.workers, '--workers', 1);
      const idleExitS = argv['idle-exit-s'] === undefined ? undefined : numberFlag(argv['idle-exit-s'], '--idle-exit-s', 0, false);
      await probeRedis(url);
      const { serveQueue } = await import('../../sweep/queue/consume.js');
      const log = (line: string) => process.stderr.write(`hetsim worker: ${line}\n`);
      const s = await serveQueue({ url, name, threads, idleExitS, log });
      log(`stopped: ${s.ok} ok, ${s.failed} failed, ${s.crashed} crashed or timed-out tries`);
      setExit(0);
    },
  };
}

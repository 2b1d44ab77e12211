/**
 * `hetsim worker --queue redis://…`: pulls sweep jobs from a BullMQ queue and runs each on a
 * piscina pool (so a crash or hang is contained in a thread, and the main thread stays free to
 * renew BullMQ's job locks). A config error is a final outcome; a crash or timeout fails the try
 * and BullMQ retries it, on this worker or another, up to the sweep's --retries.
 */
import { VERSION } from '../../systems/version.js';
import { tryOnPool, workerPool, type JobOutcome } from '../pool.js';
import { crashReason, type QueuedJob } from './job.js';
import { redisConnection } from './redis.js';

export interface ServeOptions {
  url: string;
  name: string;
  /** Jobs run at once (piscina threads). */
  threads: number;
  /** Exit once the queue has been empty and this worker idle for this long; undefined = run until SIGINT/SIGTERM. */
  idleExitS?: number;
  log: (line: string) => void;
}

export interface ServeSummary {
  ok: number;
  failed: number;
  crashed: number;
}

export async function serveQueue(opts: ServeOptions): Promise<ServeSummary> {
  const { Worker, Queue } = await import('bullmq');
  const pool = await workerPool(opts.threads);
  const conns = [await redisConnection(opts.url), await redisConnection(opts.url)];
  const summary: ServeSummary = { ok: 0, failed: 0, crashed: 0 };
  let active = 0;
  let idleSince = Date.now();
  const worker = new Worker<QueuedJob, JobOutcome>(
    opts.name,
    async (job) => {
      const { task, timeoutMs, version } = job.data;
      const what = `${task.system} ${task.mode} ${task.hash ?? job.id}`;
      if (version !== VERSION) {
        summary.failed++;
        opts.log(`refused ${what}: queued by hetsim ${version}, this worker is ${VERSION}`);
        return { ok: false, error: { code: 'version_mismatch', message: `queued by hetsim ${version}, run by a worker of hetsim ${VERSION}; run workers of the sweep's version` }, attempts: 1 };
      }
      const t0 = performance.now();
      const r = await tryOnPool(pool, task, job.attemptsMade, timeoutMs);
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      if ('final' in r) {
        // ok jobs are counted, not logged one by one (sweeps run thousands); failures are named
        if (r.final.ok) summary.ok++;
        else {
          summary.failed++;
          opts.log(`failed (${r.final.error.code}) ${what}: ${r.final.error.message}`);
        }
        return r.final;
      }
      summary.crashed++;
      opts.log(`try ${job.attemptsMade + 1} of ${what}: ${r.crashed.code} after ${s} s`);
      throw new Error(crashReason(r.crashed.code, r.crashed.message));
    },
    { connection: conns[0], concurrency: opts.threads },
  );
  worker.on('active', () => active++);
  const settled = () => {
    active--;
    idleSince = Date.now();
  };
  worker.on('completed', settled);
  worker.on('failed', settled);
  // a Redis that goes away is retried by ioredis; say so instead of printing a stack per retry
  worker.on('error', (e) => opts.log(`queue error: ${e.message}`));
  const queue = new Queue(opts.name, { connection: conns[1] });
  await worker.waitUntilReady();
  opts.log(`waiting for jobs on ${opts.url} queue ${opts.name} (${opts.threads} at once)`);

  let reported = '';
  const heartbeat = setInterval(() => {
    const line = `${summary.ok} ok, ${summary.failed} failed, ${summary.crashed} crashed tries so far`;
    if (line !== reported) opts.log((reported = line));
  }, 10_000);
  heartbeat.unref();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (opts.idleExitS === undefined) return;
    const limitMs = opts.idleExitS * 1000;
    const timer = setInterval(async () => {
      if (active > 0 || Date.now() - idleSince < limitMs) return;
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized').catch(() => undefined);
      if (c && Object.values(c).every((n) => n === 0)) {
        clearInterval(timer);
        resolve();
      }
    }, 250);
  });
  clearInterval(heartbeat);
  await worker.close();
  await queue.close();
  await pool.destroy();
  for (const c of conns) c.disconnect();
  return summary;
}

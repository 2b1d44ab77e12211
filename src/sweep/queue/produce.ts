/**
 * `hetsim sweep --queue redis://…`: the sweep's jobs go onto a BullMQ queue and `hetsim worker`
 * processes on any number of hosts run them. This process stays the only writer of results.jsonl,
 * so resumption and exactly-once lines work as for a local sweep. Job ids are the config hashes:
 * a rerun after this process was killed finds the jobs it already queued (BullMQ does not add a
 * job id twice) and collects the ones that finished meanwhile. A job is removed once its line is written.
 */
import { VERSION } from '../../systems/version.js';
import { withTries, type JobOutcome } from '../pool.js';
import type { SweepTask } from '../tasks.js';
import { jobId, outcomeOf, parseCrashReason, type QueuedJob } from './job.js';
import { redisConnection } from './redis.js';

export interface QueueRunOptions {
  url: string;
  name: string;
  timeoutMs: number;
  retries: number;
  onOutcome: (index: number, outcome: JobOutcome) => void;
  /** Called once when nothing has finished for a while and no worker is connected. */
  onNoWorkers?: () => void;
}

/** Jobs on the queue at once; more wait here (keeps Redis memory and listener counts bounded). */
const WINDOW = 1000;

export async function runOnQueue(tasks: (SweepTask & { hash: string })[], opts: QueueRunOptions): Promise<void> {
  if (tasks.length === 0) return;
  const { Queue, QueueEvents, Job } = await import('bullmq');
  const conns = [await redisConnection(opts.url), await redisConnection(opts.url)];
  const queue = new Queue<QueuedJob>(opts.name, { connection: conns[0] });
  const events = new QueueEvents(opts.name, { connection: conns[1] });
  events.setMaxListeners(2 * WINDOW + 10);
  let finished = 0;
  const watchdog = setInterval(async () => {
    if (finished > 0 || !opts.onNoWorkers) return clearInterval(watchdog);
    if ((await queue.getWorkersCount().catch(() => 1)) === 0) {
      opts.onNoWorkers();
      clearInterval(watchdog);
    }
  }, 10_000);
  watchdog.unref();
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const collect = async (i: number, job: import('bullmq').Job<QueuedJob>): Promise<void> => {
      let outcome: JobOutcome;
      try {
        outcome = outcomeOf(await job.waitUntilFinished(events));
      } catch (e) {
        const again = await Job.fromId(queue, job.id!);
        const tries = Math.max(1, again?.attemptsMade ?? opts.retries + 1);
        const crash = parseCrashReason(again?.failedReason ?? (e instanceof Error ? e.message : String(e)));
        outcome = { ok: false, error: { code: crash.code, message: withTries(crash, tries) }, attempts: tries };
      }
      finished++;
      opts.onOutcome(i, outcome);
      await job.remove().catch(() => undefined);
    };
    let next = 0;
    // every collect, finished or not: awaited at the end so an error in any (a failed write) surfaces
    const lanes: Promise<void>[] = [];
    const inFlight = new Set<Promise<void>>();
    while (next < tasks.length) {
      const chunk = tasks.slice(next, next + Math.max(1, WINDOW - inFlight.size));
      const first = next;
      next += chunk.length;
      const jobs = await queue.addBulk(
        chunk.map((task) => ({
          name: task.system,
          data: { task, timeoutMs: opts.timeoutMs, version: VERSION },
          opts: { jobId: jobId(task.hash), attempts: opts.retries + 1, backoff: { type: 'fixed', delay: 200 }, removeOnComplete: false, removeOnFail: false },
        })),
      );
      jobs.forEach((job, k) => {
        const p: Promise<void> = collect(first + k, job).finally(() => inFlight.delete(p));
        inFlight.add(p);
        lanes.push(p);
      });
      while (inFlight.size >= WINDOW) await Promise.race(inFlight);
    }
    await Promise.all(lanes);
  } finally {
    clearInterval(watchdog);
    await events.close();
    await queue.close();
    // connections we passed in are ours to close (BullMQ leaves shared ones open)
    for (const c of conns) c.disconnect();
  }
}

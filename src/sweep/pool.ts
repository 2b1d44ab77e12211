/**
 * Running many simulation tasks in parallel on piscina worker threads, results in task order.
 * Worker paths are plain strings resolved at runtime: the built dist/sweep/worker.js, also when
 * the caller runs from the TypeScript sources (vitest, tsx) — tsx's loader does not map the
 * `.js` specifiers of dynamic imports to `.ts` inside worker threads, so a .ts worker cannot load
 * the lazily imported modules. `npm test` builds dist/ before running the tests.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { HetsimError } from '../errors.js';
import type { SystemResult } from '../systems/system.js';
import { runTask, type SweepTask } from './tasks.js';
import type { WorkerError } from './worker.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(FROM_SOURCE ? '../../dist/sweep/worker.js' : './worker.js', import.meta.url));

/** The worker's error as the same HetsimError: its message, `code` and config `path` unchanged. */
function revive(e: WorkerError['error']): HetsimError {
  return new HetsimError(e.code, e.detail, e.path);
}

export interface PoolOptions {
  /** Worker threads; 1 runs in-process (no workers). Default: the machine's parallelism, at most the task count. */
  threads?: number;
  /** Called after each finished task with the count done so far (progress bars). */
  onProgress?: (done: number, total: number) => void;
}

export async function runTasks(tasks: SweepTask[], opts: PoolOptions = {}): Promise<SystemResult[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), tasks.length));
  if (threads === 1) {
    const out: SystemResult[] = [];
    for (const t of tasks) {
      out.push(await runTask(t));
      opts.onProgress?.(out.length, tasks.length);
    }
    return out;
  }
  const pool = await workerPool(threads);
  try {
    let done = 0;
    const tick = <T>(r: T): T => {
      opts.onProgress?.(++done, tasks.length);
      return r;
    };
    const raw = await Promise.all(tasks.map((t) => (pool.run(t) as Promise<SystemResult | WorkerError>).then(tick)));
    return raw.map((r) => {
      if ('error' in r) throw revive(r.error);
      return r;
    });
  } finally {
    await pool.destroy();
  }
}

/** How a sweep job ended: a result, or an error as a result line records it. */
export type JobOutcome = { ok: true; result: SystemResult } | { ok: false; error: { code: string; message: string; path?: string }; attempts: number };

export interface StreamOptions {
  /** Worker threads (at least 1: sweeps always isolate jobs in workers, so a crash or hang is contained). */
  threads: number;
  /** Per-try limit; a job past it has its worker terminated (piscina aborts the running task). 0 = none. */
  timeoutMs: number;
  /** Extra tries after a crash or timeout; a HetsimError (a bad config) is final at once. */
  retries: number;
  /** Each job's final outcome, as soon as it is known (in completion order). */
  onOutcome: (index: number, outcome: JobOutcome) => void;
  /** Each call to the pool with the number of jobs it carried (batching is visible to tests and benches). */
  onCall?: (jobs: number) => void;
}

/** One try of a task on a pool: a final outcome (a result, or a config error), or a crash/timeout that may be retried. */
export type TryResult = { final: JobOutcome } | { crashed: { code: 'timeout' | 'worker_crash' | 'internal_error'; message: string } };

/** A crash's message with the number of tries it took. */
export function withTries(c: { code: string; message: string }, tries: number): string {
  return c.code === 'timeout' ? `${c.message}, ${tries} tries` : `${c.message} (${tries} tries)`;
}

/** A piscina pool running the built worker (dist/sweep/worker.js) on `threads` threads. */
export async function workerPool(threads: number): Promise<import('piscina').Piscina> {
  if (!existsSync(WORKER)) throw new Error(`sweep worker not built: ${WORKER} (run npm run build)`);
  const { Piscina } = await import('piscina');
  return new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads });
}

/** What the worker returned for one task (a result, or a config error that crossed the thread) as its outcome. */
function workerOutcome(r: SystemResult | WorkerError, attempts: number): JobOutcome {
  if (!('error' in r)) return { ok: true, result: r };
  return { ok: false, error: { code: r.error.code, message: r.error.detail, ...(r.error.path !== undefined && { path: r.error.path }) }, attempts };
}

/** Runs one try; past `timeoutMs` (0 = none) piscina terminates the thread running it. */
export async function tryOnPool(pool: import('piscina').Piscina, task: SweepTask, attempt: number, timeoutMs: number): Promise<TryResult> {
  const ctl = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => ctl.abort('timeout'), timeoutMs) : undefined;
  try {
    const r = (await pool.run({ ...task, attempt }, { signal: ctl.signal })) as SystemResult | WorkerError;
    return { final: workerOutcome(r, attempt + 1) };
  } catch (e) {
    if (ctl.signal.aborted) return { crashed: { code: 'timeout', message: `no result within ${timeoutMs / 1000} s (worker terminated)` } };
    const message = e instanceof Error ? e.message : String(e);
    return { crashed: { code: /^worker exited/.test(message) ? 'worker_crash' : 'internal_error', message } };
  } finally {
    clearTimeout(timer);
  }
}

/** Batching cheap jobs: a worker call costs ≈ 0.7 ms, more than a roofline config (≈ 0.1 ms). */
const BATCH = {
  /** Jobs timed before batching is considered (all single). */
  probe: 8,
  /** Mean wall time per job (ms, overhead included) under which jobs are batched. */
  cheapMs: 2,
  /** Wall time a batch aims at (ms), and the most jobs in one. */
  targetMs: 20,
  max: 64,
  /** Fewer jobs left than this: no batching (the tail stays balanced). */
  minLeft: 64,
};

/**
 * Runs every task on a piscina pool, reporting each one's outcome as it settles; never throws for a
 * failed job. At most `threads` calls are in flight, so a job's timer starts when it starts running.
 * Cheap jobs (measured: under 2 ms each, pool overhead included) go to the workers in batches of
 * about 20 ms, so the pool's per-call cost does not dominate a large roofline sweep; a batch that
 * crashes or times out is rerun one job at a time, so a failure is attributed to its own job and
 * retried as usual.
 */
export async function streamTasks(tasks: SweepTask[], opts: StreamOptions): Promise<void> {
  if (tasks.length === 0) return;
  const threads = Math.max(1, Math.min(opts.threads, tasks.length));
  const pool = await workerPool(threads);
  // indices still to run, with their try number; retries go to the front, `solo` after a failed batch
  const queue: { i: number; attempt: number; solo?: boolean }[] = tasks.map((_, i) => ({ i, attempt: 0 }));
  // per-job wall time (ms), a moving average over calls; each lane's first call is left out (it
  // includes the worker thread's start-up and module loading)
  let timed = 0;
  let perJobMs = 0;
  const record = (jobs: number, ms: number) => {
    perJobMs = timed === 0 ? ms / jobs : 0.8 * perJobMs + 0.2 * (ms / jobs);
    timed += jobs;
  };
  const batchSize = (): number => {
    if (timed < BATCH.probe || queue.length < BATCH.minLeft || perJobMs >= BATCH.cheapMs) return 1;
    return Math.min(BATCH.max, Math.max(1, Math.floor(BATCH.targetMs / Math.max(perJobMs, 0.05))));
  };
  const finish = (job: { i: number; attempt: number }, out: TryResult): 'retry' | 'done' => {
    if ('final' in out) opts.onOutcome(job.i, out.final);
    else if (job.attempt < opts.retries) return 'retry';
    else opts.onOutcome(job.i, { ok: false, error: { code: out.crashed.code, message: withTries(out.crashed, job.attempt + 1) }, attempts: job.attempt + 1 });
    return 'done';
  };
  // a batch holds jobs measured at a few ms: past one job's limit something hangs, and its jobs rerun one by one
  const runBatch = async (jobs: { i: number; attempt: number }[]): Promise<boolean> => {
    const ctl = new AbortController();
    const timer = opts.timeoutMs > 0 ? setTimeout(() => ctl.abort('timeout'), opts.timeoutMs) : undefined;
    try {
      const r = (await pool.run({ batch: jobs.map((j) => ({ ...tasks[j.i], attempt: j.attempt })) }, { signal: ctl.signal })) as { batch: (SystemResult | WorkerError)[] };
      r.batch.forEach((x, k) => finish(jobs[k], { final: workerOutcome(x, 1) }));
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  const lane = async (): Promise<void> => {
    let warm = false;
    const timedCall = (jobs: number, t0: number) => {
      if (warm) record(jobs, performance.now() - t0);
      warm = true;
    };
    for (let job = queue.shift(); job; job = queue.shift()) {
      const k = job.solo || job.attempt > 0 ? 1 : batchSize();
      if (k > 1) {
        const jobs = [job];
        while (jobs.length < k && queue.length > 0 && !queue[0].solo && queue[0].attempt === 0) jobs.push(queue.shift()!);
        const t0 = performance.now();
        opts.onCall?.(jobs.length);
        if (await runBatch(jobs)) timedCall(jobs.length, t0);
        else queue.unshift(...jobs.map((j) => ({ ...j, solo: true })));
        continue;
      }
      const t0 = performance.now();
      opts.onCall?.(1);
      const out = await tryOnPool(pool, tasks[job.i], job.attempt, opts.timeoutMs);
      timedCall(1, t0);
      if (finish(job, out) === 'retry') queue.unshift({ i: job.i, attempt: job.attempt + 1, solo: true });
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    await pool.destroy();
  }
}

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

/** Runs one try; past `timeoutMs` (0 = none) piscina terminates the thread running it. */
export async function tryOnPool(pool: import('piscina').Piscina, task: SweepTask, attempt: number, timeoutMs: number): Promise<TryResult> {
  const ctl = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => ctl.abort('timeout'), timeoutMs) : undefined;
  try {
    const r = (await pool.run({ ...task, attempt }, { signal: ctl.signal })) as SystemResult | WorkerError;
    if ('error' in r) return { final: { ok: false, error: { code: r.error.code, message: r.error.detail, ...(r.error.path !== undefined && { path: r.error.path }) }, attempts: attempt + 1 } };
    return { final: { ok: true, result: r } };
  } catch (e) {
    if (ctl.signal.aborted) return { crashed: { code: 'timeout', message: `no result within ${timeoutMs / 1000} s (worker terminated)` } };
    const message = e instanceof Error ? e.message : String(e);
    return { crashed: { code: /^worker exited/.test(message) ? 'worker_crash' : 'internal_error', message } };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every task on a piscina pool, reporting each one's outcome as it settles; never throws for a
 * failed job. At most `threads` jobs are in flight, so a job's timer starts when it starts running.
 */
export async function streamTasks(tasks: SweepTask[], opts: StreamOptions): Promise<void> {
  if (tasks.length === 0) return;
  const threads = Math.max(1, Math.min(opts.threads, tasks.length));
  const pool = await workerPool(threads);
  // indices still to run, with their try number; retries go to the front
  const queue: { i: number; attempt: number }[] = tasks.map((_, i) => ({ i, attempt: 0 }));
  const lane = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const out = await tryOnPool(pool, tasks[job.i], job.attempt, opts.timeoutMs);
      if ('final' in out) opts.onOutcome(job.i, out.final);
      else if (job.attempt < opts.retries) queue.unshift({ i: job.i, attempt: job.attempt + 1 });
      else opts.onOutcome(job.i, { ok: false, error: { code: out.crashed.code, message: withTries(out.crashed, job.attempt + 1) }, attempts: job.attempt + 1 });
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    await pool.destroy();
  }
}

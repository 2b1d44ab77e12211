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
  if (!existsSync(WORKER)) throw new Error(`sweep worker not built: ${WORKER} (run npm run build)`);
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads });
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

/**
 * Runs every task on a piscina pool, reporting each one's outcome as it settles; never throws for a
 * failed job. At most `threads` jobs are in flight, so a job's timer starts when it starts running.
 */
export async function streamTasks(tasks: SweepTask[], opts: StreamOptions): Promise<void> {
  if (tasks.length === 0) return;
  if (!existsSync(WORKER)) throw new Error(`sweep worker not built: ${WORKER} (run npm run build)`);
  const threads = Math.max(1, Math.min(opts.threads, tasks.length));
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads });
  // indices still to run, with their try number; retries go to the front
  const queue: { i: number; attempt: number }[] = tasks.map((_, i) => ({ i, attempt: 0 }));
  const one = async (i: number, attempt: number): Promise<JobOutcome | 'retry'> => {
    const ctl = new AbortController();
    const timer = opts.timeoutMs > 0 ? setTimeout(() => ctl.abort('timeout'), opts.timeoutMs) : undefined;
    try {
      const r = (await pool.run({ ...tasks[i], attempt }, { signal: ctl.signal })) as SystemResult | WorkerError;
      if ('error' in r) return { ok: false, error: { code: r.error.code, message: r.error.detail, ...(r.error.path !== undefined && { path: r.error.path }) }, attempts: attempt + 1 };
      return { ok: true, result: r };
    } catch (e) {
      if (attempt < opts.retries) return 'retry';
      const error = ctl.signal.aborted
        ? { code: 'timeout', message: `no result within ${opts.timeoutMs / 1000} s (worker terminated), ${attempt + 1} tries` }
        : { code: /^worker exited/.test(String((e as Error)?.message)) ? 'worker_crash' : 'internal_error', message: `${e instanceof Error ? e.message : String(e)} (${attempt + 1} tries)` };
      return { ok: false, error, attempts: attempt + 1 };
    } finally {
      clearTimeout(timer);
    }
  };
  const lane = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const out = await one(job.i, job.attempt);
      if (out === 'retry') queue.unshift({ i: job.i, attempt: job.attempt + 1 });
      else opts.onOutcome(job.i, out);
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    await pool.destroy();
  }
}

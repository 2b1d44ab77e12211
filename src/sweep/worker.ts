/**
 * The piscina worker: runs one SweepTask. HetsimErrors cross the thread boundary as {error} values.
 *
 * Fault injection, for tests only: `HETSIM_SWEEP_FAULT=kind:<hash>[,kind:<hash>…]` makes the task
 * with that result key fail the way a broken simulation would, so the sweep's crash and timeout
 * handling can be tested end to end. Kinds: `crash` (the worker thread exits with code 1 on every
 * try), `crash-once` (only on the first try, so the retry succeeds), `throw` (a plain Error, not a
 * HetsimError), `hang` (a busy loop that never returns; only a per-job timeout ends it).
 */
import { HetsimError, type HetsimErrorCode } from '../errors.js';
import { runTask, type SweepTask } from './tasks.js';

export interface WorkerError {
  error: { code: HetsimErrorCode; detail: string; path: string | undefined };
}

const FAULTS = new Map((process.env.HETSIM_SWEEP_FAULT ?? '').split(',').filter(Boolean).map((f) => f.split(':', 2).reverse() as [string, string]));

function injectFault(task: SweepTask): void {
  const kind = task.hash === undefined ? undefined : FAULTS.get(task.hash);
  if (kind === 'crash' || (kind === 'crash-once' && !task.attempt)) process.exit(1);
  if (kind === 'throw') throw new Error(`injected fault for ${task.hash}`);
  if (kind === 'hang') for (;;);
}

async function runOne(task: SweepTask): Promise<unknown> {
  if (FAULTS.size > 0) injectFault(task);
  try {
    return await runTask(task);
  } catch (e) {
    if (e instanceof HetsimError) return { error: { code: e.code, detail: e.detail, path: e.path } } satisfies WorkerError;
    throw e;
  }
}

/** A batch of cheap tasks in one call (see streamTasks): their results in order; any crash fails the whole batch. */
export interface TaskBatch {
  batch: SweepTask[];
}

export default async function run(task: SweepTask | TaskBatch): Promise<unknown> {
  if ('batch' in task) {
    const out: unknown[] = [];
    for (const t of task.batch) out.push(await runOne(t));
    return { batch: out };
  }
  return runOne(task);
}

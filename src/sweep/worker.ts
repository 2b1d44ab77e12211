/** The piscina worker: runs one SweepTask. HetsimErrors cross the thread boundary as {error} values. */
import { HetsimError, type HetsimErrorCode } from '../errors.js';
import { runTask, type SweepTask } from './tasks.js';

export interface WorkerError {
  error: { code: HetsimErrorCode; detail: string; path: string | undefined };
}

export default async function run(task: SweepTask): Promise<unknown> {
  try {
    return await runTask(task);
  } catch (e) {
    if (e instanceof HetsimError) return { error: { code: e.code, detail: e.detail, path: e.path } } satisfies WorkerError;
    throw e;
  }
}

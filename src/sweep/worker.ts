/** The piscina worker: runs one SweepTask. Errors cross the thread boundary as {error} values. */
import { HetsimError } from '../errors.js';
import { runTask, type SweepTask } from './tasks.js';

export default async function run(task: SweepTask): Promise<unknown> {
  try {
    return await runTask(task);
  } catch (e) {
    if (e instanceof HetsimError) return { error: { code: e.code, message: e.message } };
    throw e;
  }
}

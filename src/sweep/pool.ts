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
}

export async function runTasks(tasks: SweepTask[], opts: PoolOptions = {}): Promise<SystemResult[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), tasks.length));
  if (threads === 1) {
    const out: SystemResult[] = [];
    for (const t of tasks) out.push(await runTask(t));
    return out;
  }
  if (!existsSync(WORKER)) throw new Error(`sweep worker not built: ${WORKER} (run npm run build)`);
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads });
  try {
    const raw = await Promise.all(tasks.map((t) => pool.run(t) as Promise<SystemResult | WorkerError>));
    return raw.map((r) => {
      if ('error' in r) throw revive(r.error);
      return r;
    });
  } finally {
    await pool.destroy();
  }
}

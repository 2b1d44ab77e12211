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
import { HetsimError, type HetsimErrorCode } from '../errors.js';
import { runTask, type SweepResult, type SweepTask } from './tasks.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(FROM_SOURCE ? '../../dist/sweep/worker.js' : './worker.js', import.meta.url));

export interface PoolOptions {
  /** Worker threads; 1 runs in-process (no workers). Default: the machine's parallelism, at most the task count. */
  threads?: number;
}

export async function runTasks(tasks: SweepTask[], opts: PoolOptions = {}): Promise<SweepResult[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), tasks.length));
  if (threads === 1) {
    const out: SweepResult[] = [];
    for (const t of tasks) out.push(await runTask(t));
    return out;
  }
  if (!existsSync(WORKER)) throw new Error(`sweep worker not built: ${WORKER} (run npm run build)`);
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads });
  try {
    const raw = await Promise.all(tasks.map((t) => pool.run(t) as Promise<SweepResult | { error: { code: HetsimErrorCode; message: string } }>));
    return raw.map((r) => {
      if ('error' in r) throw new HetsimError(r.error.code, r.error.message);
      return r;
    });
  } finally {
    await pool.destroy();
  }
}

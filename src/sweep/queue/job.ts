/**
 * What a sweep puts on its BullMQ queue, shared by the producer (`hetsim sweep --queue`) and the
 * consumers (`hetsim worker --queue`): the task as plain JSON plus the limits the sweep was given.
 */
import type { SweepTask } from '../tasks.js';
import type { JobOutcome } from '../pool.js';

export const DEFAULT_QUEUE_NAME = 'hetsim-sweep';

export interface QueuedJob {
  task: SweepTask;
  /** The sweep's --timeout-s, in ms (0 = none): the worker terminates a try past it. */
  timeoutMs: number;
  /** hetsim version of the producer: a worker of another version refuses the job (its results would differ). */
  version: string;
}

/** BullMQ job ids must not be integers; a hex hash can be all digits. */
export const jobId = (hash: string): string => `cfg-${hash}`;

/** A crash or timeout crosses the queue as the failed job's reason: `code: message`. */
export function crashReason(code: string, message: string): string {
  return `${code}: ${message}`;
}

export function parseCrashReason(reason: string): { code: string; message: string } {
  const m = /^(timeout|worker_crash|internal_error): ([\s\S]*)$/.exec(reason);
  if (m) return { code: m[1], message: m[2] };
  // BullMQ's own reasons, e.g. a worker process that died holding the job
  if (/stalled/i.test(reason)) return { code: 'worker_crash', message: `${reason} (a worker process died running it)` };
  return { code: 'internal_error', message: reason };
}

/** A completed job's value is the outcome the worker returned (BullMQ may hand it back as JSON text). */
export function outcomeOf(value: unknown): JobOutcome {
  const v = typeof value === 'string' ? JSON.parse(value) : value;
  if (v && typeof v === 'object' && 'ok' in v) return v as JobOutcome;
  return { ok: false, error: { code: 'internal_error', message: `a worker returned no outcome: ${JSON.stringify(v)?.slice(0, 200)}` }, attempts: 1 };
}

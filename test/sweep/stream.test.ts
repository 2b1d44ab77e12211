/**
 * The sweep pool with the worker's fault-injection hook (HETSIM_SWEEP_FAULT, worker.ts): a crashed
 * or hung worker is replaced and its job retried, then recorded as failed; a config error is final
 * at once; every other job completes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { streamTasks, type JobOutcome } from '../../src/sweep/pool.js';
import type { SweepTask } from '../../src/sweep/tasks.js';

const task = (batch: number, hash: string): SweepTask => ({ system: 'roofline', scenario: { system: 'roofline', model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'decode', batch }, mode: 'ideal', hash });

async function run(tasks: SweepTask[], fault: string, opts: { timeoutMs?: number; retries?: number } = {}): Promise<JobOutcome[]> {
  process.env.HETSIM_SWEEP_FAULT = fault;
  const out: JobOutcome[] = [];
  await streamTasks(tasks, { threads: 2, timeoutMs: opts.timeoutMs ?? 0, retries: opts.retries ?? 2, onOutcome: (i, o) => (out[i] = o) });
  return out;
}

afterEach(() => {
  delete process.env.HETSIM_SWEEP_FAULT;
});

describe('streamTasks', () => {
  it('a worker that exits is replaced; its job is retried, then failed; a crash on the first try only succeeds on retry', async () => {
    const tasks = [1, 2, 4, 8, 16, 32].map((b, i) => task(b, `h${i}`));
    const out = await run(tasks, 'crash:h1,crash-once:h3,throw:h4', { retries: 2 });
    expect(out.map((o) => o.ok)).toEqual([true, false, true, true, false, true]);
    expect(out[1]).toEqual({ ok: false, attempts: 3, error: { code: 'worker_crash', message: 'worker exited with code: 1 (3 tries)' } });
    expect(out[4]).toMatchObject({ ok: false, attempts: 3, error: { code: 'internal_error', message: expect.stringMatching(/injected fault for h4/) } });
    expect(out[3]).toMatchObject({ ok: true, result: { metrics: { time_s: expect.any(Number) } } });
  });

  it('cheap jobs go in batches; a crash inside a batch reruns its jobs one by one, so only the bad job fails, each outcome once', async () => {
    // 400 roofline configs (≈ 0.1 ms each): after the first timed jobs the pool batches them
    const tasks = Array.from({ length: 400 }, (_, i) => task(1 + (i % 64), `b${i}`));
    process.env.HETSIM_SWEEP_FAULT = 'crash:b300,crash-once:b301,throw:b350';
    const seen: number[] = [];
    const out: JobOutcome[] = [];
    const calls: number[] = [];
    await streamTasks(tasks, { threads: 2, timeoutMs: 0, retries: 1, onOutcome: (i, o) => (seen.push(i), (out[i] = o)), onCall: (n) => calls.push(n) });
    // batched: far fewer pool calls than jobs, some carrying many jobs
    expect(calls.length).toBeLessThan(200);
    expect(Math.max(...calls)).toBeGreaterThan(4);
    expect(seen).toHaveLength(400);
    expect(new Set(seen).size).toBe(400);
    expect(out[300]).toEqual({ ok: false, attempts: 2, error: { code: 'worker_crash', message: 'worker exited with code: 1 (2 tries)' } });
    expect(out[301].ok).toBe(true);
    expect(out[350]).toMatchObject({ ok: false, attempts: 2, error: { code: 'internal_error' } });
    expect(out.filter((o) => o.ok)).toHaveLength(398);
  });

  it('a hung job is terminated at the per-try timeout, retried, then failed; the rest completes', async () => {
    const tasks = [1, 2, 4].map((b, i) => task(b, `h${i}`));
    const t0 = Date.now();
    // 2 s: roomy for the others' first job (worker start-up counts) on a loaded 2-core machine
    const out = await run(tasks, 'hang:h0', { timeoutMs: 2000, retries: 1 });
    expect(out[0]).toEqual({ ok: false, attempts: 2, error: { code: 'timeout', message: 'no result within 2 s (worker terminated), 2 tries' } });
    expect(out.slice(1).every((o) => o.ok)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('a HetsimError (a bad config) is recorded at once, not retried, with its code and path', async () => {
    const out = await run([task(0, 'bad'), task(1, 'good')], '');
    expect(out[0]).toEqual({ ok: false, attempts: 1, error: { code: 'config_invalid', message: 'expected a positive integer, got 0', path: 'batch' } });
    expect(out[1].ok).toBe(true);
  });
});

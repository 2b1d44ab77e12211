/** The piscina pool returns exactly what in-process runs return, in task order, for any registered system. */
import { describe, expect, it } from 'vitest';
import { HetsimError } from '../../src/errors.js';
import { runTasks } from '../../src/sweep/pool.js';
import type { SweepTask } from '../../src/sweep/tasks.js';

const roofline = (scenario: Record<string, unknown>, mode: string): SweepTask => ({ system: 'roofline', scenario: { system: 'roofline', ...scenario }, mode });
const tasks: SweepTask[] = [
  roofline({ model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'decode', batch: 8, seq: 1024 }, 'ideal'),
  roofline({ model: 'llama-2-70b', hardware: 'h200', stage: 'prefill', batch: 1, seq: 512, flash: true }, 'calibrated'),
  roofline({ model: 'mixtral-8x7b', hardware: 'a100-80gb', stage: 'generate', batch: 4, seq: 128, gen: 16, flash: true, tp: 2 }, 'ideal'),
];

describe('runTasks', () => {
  it('worker threads give the in-process results, in order', async () => {
    const inProcess = await runTasks(tasks, { threads: 1 });
    const pooled = await runTasks(tasks, { threads: 2 });
    expect(pooled).toEqual(inProcess);
    expect(pooled.map((r) => (r as unknown as { model: string }).model)).toEqual(['llama-2-7b', 'llama-2-70b', 'mixtral-8x7b']);
    expect(pooled.map((r) => r.mode)).toEqual(['ideal', 'calibrated', 'ideal']);
  });

  it('a bad task fails with the HetsimError from the worker: same message, code and config path', async () => {
    const bad = roofline({ model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'decode', batch: 0 }, 'ideal');
    let inProcess: unknown;
    await runTasks([bad], { threads: 1 }).catch((e: unknown) => (inProcess = e));
    let pooled: unknown;
    await runTasks([tasks[0], bad], { threads: 2 }).catch((e: unknown) => (pooled = e));
    expect(inProcess).toBeInstanceOf(HetsimError);
    expect(pooled).toBeInstanceOf(HetsimError);
    const a = inProcess as HetsimError;
    const b = pooled as HetsimError;
    expect(b.message).toMatch(/batch: expected a positive integer/);
    expect({ code: b.code, path: b.path, message: b.message }).toEqual({ code: a.code, path: a.path, message: a.message });
    expect(b.path).toBe('batch');
  });
});

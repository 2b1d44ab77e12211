/** The piscina pool returns exactly what in-process runs return, in task order. */
import { describe, expect, it } from 'vitest';
import { runTasks } from '../../src/sweep/pool.js';
import type { SweepTask } from '../../src/sweep/tasks.js';

const bits = { w: 16, a: 16, kv: 16 };
const tasks: SweepTask[] = [
  { system: 'roofline', request: { model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'decode', batch: 8, seq: 1024, gen: 1, bits, flash: false, tp: 1, mode: 'ideal' } },
  { system: 'roofline', request: { model: 'llama-2-70b', hardware: 'h200', stage: 'prefill', batch: 1, seq: 512, gen: 1, bits, flash: true, tp: 1, mode: 'calibrated' } },
  { system: 'roofline', request: { model: 'mixtral-8x7b', hardware: 'a100-80gb', stage: 'generate', batch: 4, seq: 128, gen: 16, bits, flash: true, tp: 2, mode: 'ideal' } },
];

describe('runTasks', () => {
  it('worker threads give the in-process results, in order', async () => {
    const inProcess = await runTasks(tasks, { threads: 1 });
    const pooled = await runTasks(tasks, { threads: 2 });
    expect(pooled).toEqual(inProcess);
    expect(pooled.map((r) => (r.system === 'roofline' ? r.result.model : ''))).toEqual(['llama-2-7b', 'llama-2-70b', 'mixtral-8x7b']);
  });

  it('a bad task fails with the HetsimError message from the worker', async () => {
    const first = tasks[0] as Extract<SweepTask, { system: 'roofline' }>;
    const bad: SweepTask = { system: 'roofline', request: { ...first.request, model: 'no-such-model' } };
    await expect(runTasks([tasks[0], bad], { threads: 2 })).rejects.toThrow(/unknown model 'no-such-model'/);
  });
});

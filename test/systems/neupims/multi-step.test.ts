import { describe, expect, it } from 'vitest';
import { readRequestCsv } from '../../../src/systems/neupims/request-trace.js';
import { parseScenario, resolveScenario } from '../../../src/systems/neupims/scenario.js';
import { simulateNeupims } from '../../../src/systems/neupims/simulate-neupims.js';
import { SHIPPED_CLB0 } from './harness.js';

describe('multi-step decode run', () => {
  it('contexts grow by one token per step and the step never gets cheaper', async () => {
    const s = await resolveScenario(parseScenario({ system: 'neupims', model: 'gpt3-7b', batch: 16, requests: SHIPPED_CLB0, layers: 1, steps: 3 }, 'x.yaml'));
    const r = simulateNeupims(s, readRequestCsv(SHIPPED_CLB0, 32), { mode: 'npu-pim-naive' }).result;
    const steps = r.steps!;
    expect(steps.map((x) => x.step)).toEqual([0, 1, 2]);
    expect(steps[1].mean_seq_len - steps[0].mean_seq_len).toBeCloseTo(1, 9);
    expect(steps[2].step_cycles).toBeGreaterThanOrEqual(steps[0].step_cycles);
    expect(r.step_cycles).toBe(steps[0].step_cycles);
  }, 120_000);

  it('the GPU baseline grows with context too (attention reads more KV)', async () => {
    const s = await resolveScenario(parseScenario({ system: 'neupims', model: 'gpt3-7b', batch: 512, requests: SHIPPED_CLB0, steps: 2 }, 'x.yaml'));
    const r = simulateNeupims(s, readRequestCsv(SHIPPED_CLB0, 32), { mode: 'gpu' }).result;
    expect(r.steps![1].step_cycles).toBeGreaterThan(r.steps![0].step_cycles);
    expect(r.stage_cycles).toEqual({});
  });
});

/**
 * NeuPIMs on a preset that is not GPT-3 (issue #3: "plus any preset LLM"): Llama-3.1-8B has GQA
 * (32 query / 8 KV heads), SwiGLU and RMSNorm. Cycle-level, one layer, 64 requests of trace clb-0.
 */
import { describe, expect, it } from 'vitest';
import { readRequestCsv } from '../../../src/systems/neupims/request-trace.js';
import { parseScenario, resolveScenario } from '../../../src/systems/neupims/scenario.js';
import { simulateNeupims } from '../../../src/systems/neupims/simulate-neupims.js';
import { SHIPPED_CLB0 } from './harness.js';

describe('NeuPIMs on Llama-3.1-8B (GQA, SwiGLU, RMSNorm), TP 4', () => {
  it('runs the interleaved pipeline and issues one GWRITE per query group and per head chunk', async () => {
    const s = await resolveScenario(
      parseScenario({ system: 'neupims', model: 'llama-3.1-8b', parallelism: { tp: 4 }, batch: 64, requests: SHIPPED_CLB0, layers: 1, steady_state_layers: 0 }, 'x.yaml'),
    );
    const reqs = readRequestCsv(SHIPPED_CLB0, 32).slice(0, 64);
    const r = simulateNeupims(s, reqs, { mode: 'neupims' }).result;
    expect(r.gantt.map((g) => g.stage).join('')).toBe('ABEF');
    // Per request and layer: q·Kᵀ = 4 query groups × 1 key chunk (2 KV heads × 128 = 256 elements),
    // logits·V = 8 query heads × ⌈L/512⌉ chunks (gemv-decompose.ts); one layer simulated.
    const expected = reqs.reduce((a, q) => a + 4 + 8 * Math.ceil(q.seqLen / 512), 0);
    expect(r.dram_commands.GWRITE).toBe(expected);
    expect(r.utilization.npu).toBeGreaterThan(0);
  }, 120_000);
});

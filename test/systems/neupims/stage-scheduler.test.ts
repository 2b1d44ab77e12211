import { describe, expect, it } from 'vitest';
import type { MhaRequest } from '../../../src/systems/neupims/mha-program.js';
import { interleavedPlan, npuOnlyPlan, sequentialPlan, splitSubBatches } from '../../../src/systems/neupims/stage-scheduler.js';
import { TINY } from './harness.js';

const req = (id: number, channel: number): MhaRequest => ({ id, seqLen: 10 + id, channel, rows: { keyRow0: 0, valueRow0: 0 } });

describe('stage scheduler (spec §6)', () => {
  it('sub-batches take half of every channel\'s requests, odd counts alternating', () => {
    const reqs = [req(0, 0), req(1, 0), req(2, 0), req(3, 1), req(4, 1), req(5, 1), req(6, 2), req(7, 2)];
    const [a, b] = splitSubBatches(reqs, 3);
    expect(a.map((r) => r.id)).toEqual([0, 1, 3, 6]);
    expect(b.map((r) => r.id)).toEqual([2, 4, 5, 7]);
  });

  it('interleaving runs A, B, (C, D)×(N−1), E, F with MHA on PIM in B–E', () => {
    const reqs = Array.from({ length: 8 }, (_, i) => req(i, i % 4));
    const plan = interleavedPlan(TINY, reqs, 3, 4);
    expect(plan.map((s) => s.name).join('')).toBe('ABCDCDEF');
    expect(plan.map((s) => s.pim.length)).toEqual([0, 4, 4, 4, 4, 4, 4, 0]);
    expect(plan[0].npu.map((o) => o.name)).toEqual(['qkv.layernorm', 'qkv.gemm']);
    expect(plan[2].npu.map((o) => o.name)).toEqual([
      'proj.gemm', 'proj.residual', 'ffn.layernorm', 'ffn.fc1', 'ffn.gelu', 'ffn.fc2', 'ffn.residual', 'qkv.layernorm', 'qkv.gemm',
    ]);
    const gemm = plan[2].npu.find((o) => o.kind === 'gemm');
    expect(gemm && gemm.kind === 'gemm' ? gemm.shape : null).toEqual({ m: 4, k: 1024, n: 1024 });
  });

  it('without interleaving each layer is A (QKV all) → B (MHA all) → E (Proj+FFN all)', () => {
    const reqs = Array.from({ length: 8 }, (_, i) => req(i, i % 4));
    const plan = sequentialPlan(TINY, reqs, 2);
    expect(plan.map((s) => s.name).join('')).toBe('ABEABE');
    expect(plan[1].npu).toEqual([]);
    expect(plan[1].pim).toHaveLength(8);
  });

  it('NPU-only puts attention on the NPU as a KV stream of 2 (K, V) · ΣL · E_tp · 2 B', () => {
    const reqs = [req(0, 0), req(1, 1)];
    const plan = npuOnlyPlan(TINY, reqs, 1);
    const attn = plan[1].npu[0];
    expect(attn.kind).toBe('stream');
    if (attn.kind === 'stream') expect(attn.bytes).toBe(2 * (10 + 11) * 1024 * 2);
    expect(plan[1].pim).toEqual([]);
  });
});

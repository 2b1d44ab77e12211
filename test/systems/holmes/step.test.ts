/** The event-driven 1F1B step: schedule order, pipeline bubble, DP overlap, determinism, fit. */
import { describe, expect, it } from 'vitest';
import { CALIBRATED_EFFICIENCY } from '../../../src/hw/net/calibrated-transport.js';
import { fitAll } from '../../../src/systems/holmes/fit-transport.js';
import { adaptivePartition, evenPartition } from '../../../src/systems/holmes/partition.js';
import { oneFOneB } from '../../../src/systems/holmes/step-sim.js';
import { gpt75, ib, roce, run } from './harness.js';

describe('1F1B schedule (Megatron, non-interleaved)', () => {
  it('warm-up forwards, then alternating F/B, then cool-down backwards', () => {
    const s = (ops: { fwd: boolean; mb: number }[]): string => ops.map((o) => `${o.fwd ? 'F' : 'B'}${o.mb}`).join(' ');
    expect(s(oneFOneB(0, 3, 4))).toBe('F0 F1 F2 B0 F3 B1 B2 B3');
    expect(s(oneFOneB(2, 3, 4))).toBe('F0 B0 F1 B1 F2 B2 F3 B3');
    expect(s(oneFOneB(0, 4, 2))).toBe('F0 F1 B0 B1');
  });
});

describe('training step', () => {
  // a node-local pipeline (NVLink P2P) with one replica: iteration ≈ (m + pp − 1)(f + b) + optimizer
  it('pipeline bubble of a single-node PP2 run is (pp − 1)(f + b) on the critical rank', async () => {
    const r = await run(gpt75([ib(1)], { parallelism: { tp: 4, pp: 2 }, training: { global_batch: 32, micro_batch: 4 } }));
    const st = r.stages;
    const fb = (st[0].fwd_ms + st[0].bwd_ms) / 1e3;
    expect(r.micro_batches).toBe(8);
    expect(Math.abs(st[0].fwd_ms - st[1].fwd_ms) / st[0].fwd_ms).toBeLessThan(0.2);
    expect(r.breakdown.pp_bubble_s).toBeGreaterThan(0.5 * fb);
    expect(r.breakdown.pp_bubble_s).toBeLessThan(1.5 * fb);
  });

  it('the critical rank’s breakdown adds up to the iteration; more micro-batches amortise the bubble', async () => {
    const a = await run(gpt75([roce(2), ib(2)], { training: { global_batch: 256, micro_batch: 4 } }));
    const b = await run(gpt75([roce(2), ib(2)], { training: { global_batch: 1024, micro_batch: 4 } }));
    const sum = (r: typeof a): number => r.breakdown.compute_s + r.breakdown.dp_exposed_s + r.breakdown.pp_bubble_s + r.breakdown.p2p_s;
    expect(sum(a)).toBeCloseTo(a.iteration_s, 6);
    expect(sum(b)).toBeCloseTo(b.iteration_s, 6);
    expect(b.breakdown.pp_bubble_s / b.iteration_s).toBeLessThan(a.breakdown.pp_bubble_s / a.iteration_s);
  });

  it('overlap_grad_reduce hides part of the DP reduce-scatter behind the last backward', async () => {
    const off = await run(gpt75([roce(2), ib(2)], { training: { global_batch: 256, micro_batch: 4 } }));
    const on = await run(gpt75([roce(2), ib(2)], { training: { global_batch: 256, micro_batch: 4, overlap_grad_reduce: true } }));
    expect(on.breakdown.dp_exposed_s).toBeLessThan(off.breakdown.dp_exposed_s);
    expect(on.iteration_s).toBeLessThan(off.iteration_s);
  });

  it('hierarchical collectives close most of the gap for the interleaved Megatron placement; Holmes still wins', async () => {
    const sc = gpt75([roce(4), ib(4)], { hostfile: 'interleaved', nic_order: ['ib', 'roce'] });
    const flat = await run(sc, 'megatron');
    const hier = await run({ ...sc, cross_nic: 'hierarchical' }, 'megatron');
    const holmes = await run(sc, 'holmes');
    expect(hier.tflops_per_gpu).toBeGreaterThan(flat.tflops_per_gpu);
    expect(holmes.tflops_per_gpu).toBeGreaterThan(hier.tflops_per_gpu);
  });

  it('same config → same result, byte for byte', async () => {
    const { holmesSystem, loadHolmes } = await import('../../../src/systems/holmes/descriptor.js');
    const sc = gpt75([roce(2), ib(2)], { training: { global_batch: 256, micro_batch: 4 } });
    const a = JSON.stringify(await holmesSystem.run(await loadHolmes(sc)));
    const b = JSON.stringify(await holmesSystem.run(await loadHolmes(sc)));
    expect(a).toBe(b);
  });
});

describe('partition', () => {
  it('even split spreads the remainder over the first stages', () => {
    expect(evenPartition(36, 2)).toEqual([18, 18]);
    expect(evenPartition(30, 4)).toEqual([8, 8, 7, 7]);
  });
  it('minimises the slowest stage: a stage twice as slow per layer gets a third of the layers', () => {
    expect(adaptivePartition(48, 2, (p, l) => (p === 1 ? 2 : 1) * l)).toEqual([32, 16]);
    expect(adaptivePartition(10, 3, (_p, l) => l)).toEqual([4, 3, 3]);
  });
});

describe('calibrated transport', () => {
  it('re-running the fit on the three 4-node GPT-3.6B points reproduces the shipped constants', async () => {
    expect(await fitAll()).toEqual({ ...CALIBRATED_EFFICIENCY });
  });
});

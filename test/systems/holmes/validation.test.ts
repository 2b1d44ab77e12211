/**
 * Holmes validation. Published numbers: the Holmes spec §3 — GPT-3.6B single-NIC-type runs from a
 * third-party summary of arXiv 2312.03549 (Yang et al., ICPP'24), the GPT-7.5B hybrid from the
 * CodexDive/Holmes README figure images/exp.png (= paper Fig. 6, read ±5); the summary page:
 * https://linnk.ai/tw/insight/computer-networks/efficient-distributed-training-of-large-language-models-across-heterogeneous-gpu-clusters-je37ipBU . The `calibrated`
 * transport set was fitted on the three 4-node GPT-3.6B points only (fit residuals below);
 * everything else is validation without refitting. Gaps are explained in docs/holmes.md.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/systems/preset-registry.js';
import { megatronCoreFlops, megatronFlops96 } from '../../../src/systems/holmes/flops.js';
import { eth, gpt36, gpt39, gpt75, ib, relErr, roce, run } from './harness.js';

const tflops = async (ref: string | object, mode?: 'holmes' | 'megatron'): Promise<number> => (await run(ref as never, mode)).tflops_per_gpu;

describe('calibration points (fit residuals, not validation)', () => {
  // Source: Holmes spec §3, 4 nodes (32 A100): IB 197, RoCE 160, Ethernet 122 TFLOPS/GPU.
  for (const [net, pub] of [['ib', 197], ['roce', 160], ['eth', 122]] as const) {
    it(`GPT-3.6B 4 nodes ${net}: ${pub} TFLOPS/GPU reproduced by the fit (residual < 0.5%)`, async () => {
      expect(relErr(await tflops(`holmes-gpt3.6b-${net}-4nodes`), pub)).toBeLessThan(0.005);
    });
  }
});

describe('GPT-3.6B on 8 nodes (validation; Holmes spec §3: 148 / 145 / 83 TFLOPS/GPU)', () => {
  it('all-IB ≈ 148 TFLOPS/GPU ±15%', async () => {
    expect(relErr(await tflops('holmes-gpt3.6b-ib-8nodes'), 148)).toBeLessThan(0.15);
  });
  // Documented gap (docs/holmes.md): the published RoCE drop 160 → 145 is far smaller than IB's
  // 197 → 148; a model whose DP traffic per node does not shrink with more nodes cannot give both.
  it.fails('all-RoCE ≈ 145 TFLOPS/GPU ±15%', async () => {
    expect(relErr(await tflops('holmes-gpt3.6b-roce-8nodes'), 145)).toBeLessThan(0.15);
  });
  it('all-RoCE: the documented gap (hetsim ≈ 113, 20–25% below 145)', async () => {
    const t = await tflops('holmes-gpt3.6b-roce-8nodes');
    expect(t / 145 - 1).toBeGreaterThan(-0.25);
    expect(t / 145 - 1).toBeLessThan(-0.2);
  });
  it('all-Ethernet ≈ 83 TFLOPS/GPU ±15%', async () => {
    expect(relErr(await tflops('holmes-gpt3.6b-eth-8nodes'), 83)).toBeLessThan(0.15);
  });
  it('ordering IB > RoCE > Ethernet, and every type loses going from 4 to 8 nodes', async () => {
    const [i8, r8, e8] = await Promise.all(['ib', 'roce', 'eth'].map((n) => tflops(`holmes-gpt3.6b-${n}-8nodes`)));
    expect(i8).toBeGreaterThan(r8);
    expect(r8).toBeGreaterThan(e8);
    for (const n of ['ib', 'roce', 'eth']) expect(await tflops(`holmes-gpt3.6b-${n}-8nodes`)).toBeLessThan(await tflops(`holmes-gpt3.6b-${n}-4nodes`));
  });
});

describe('GPT-7.5B on 4 RoCE + 4 IB nodes (README Fig. images/exp.png, read ±5)', () => {
  it('Holmes ≈ 195 TFLOPS/GPU and ≈ 93 samples/s (±10%)', async () => {
    const r = await run('holmes-gpt7.5b-4roce-4ib', 'holmes');
    expect(relErr(r.tflops_per_gpu, 195)).toBeLessThan(0.1);
    expect(relErr(r.samples_per_s, 93)).toBeLessThan(0.1);
  });
  // Documented gap: hetsim's Megatron-LM baseline (every group over TCP sockets) is ≈ 171, 18% above 145.
  it.fails('Megatron-LM ≈ 145 TFLOPS/GPU ±15%', async () => {
    expect(relErr(await tflops('holmes-gpt7.5b-4roce-4ib', 'megatron'), 145)).toBeLessThan(0.15);
  });
  it.fails('Holmes / Megatron-LM ratio in 1.14–1.54 (published 195 / 145 = 1.34)', async () => {
    const ratio = (await tflops('holmes-gpt7.5b-4roce-4ib', 'holmes')) / (await tflops('holmes-gpt7.5b-4roce-4ib', 'megatron'));
    expect(ratio).toBeGreaterThanOrEqual(1.14);
    expect(ratio).toBeLessThanOrEqual(1.54);
  });
  it('Holmes beats Megatron-LM on the hybrid (documented gap: ratio ≈ 1.14, not 1.34)', async () => {
    const ratio = (await tflops('holmes-gpt7.5b-4roce-4ib', 'holmes')) / (await tflops('holmes-gpt7.5b-4roce-4ib', 'megatron'));
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.14);
  });
  it('the interleaved hostfile (DP groups spanning clusters) is no better for Megatron', async () => {
    const inter = await tflops(gpt75([roce(4), ib(4)], { hostfile: 'interleaved' }), 'megatron');
    expect(inter).toBeLessThanOrEqual((await tflops('holmes-gpt7.5b-4roce-4ib', 'megatron')) * 1.001);
  });
});

describe('finding: the hybrid only helps with PP ≥ 2', () => {
  it("GPT-3.6B pure DP on 4 IB + 4 RoCE: one DP group spans both clusters, Holmes' rule drops it to TCP (= all-Ethernet)", async () => {
    const hybrid = await run(gpt36([ib(4), roce(4)]), 'holmes');
    expect(hybrid.stages[0].dp_transport).toBe('tcp');
    expect(relErr(hybrid.tflops_per_gpu, await tflops('holmes-gpt3.6b-eth-8nodes'))).toBeLessThan(0.02);
    expect(hybrid.tflops_per_gpu).toBeLessThan(0.6 * (await tflops('holmes-gpt3.6b-ib-8nodes')));
  });
  it('GPT-7.5B (TP1 × PP2): Holmes hybrid within 15% of all-IB', async () => {
    const h = await tflops(gpt75([roce(4), ib(4)], { nic_order: ['ib', 'roce'] }));
    expect(h / (await tflops(gpt75([ib(8)])))).toBeGreaterThan(0.85);
  });
  // Our reading of the paper's "well above all-Ethernet" as ≥ 1.2× (docs/holmes.md). Gap: ≈ 1.14×.
  it.fails('GPT-7.5B: Holmes hybrid ≥ 1.2× all-Ethernet', async () => {
    const h = await tflops(gpt75([roce(4), ib(4)], { nic_order: ['ib', 'roce'] }));
    expect(h / (await tflops(gpt75([eth(8)])))).toBeGreaterThanOrEqual(1.2);
  });
  it('GPT-39.1B (TP8 × PP2, SP): Holmes on 2 IB + 2 RoCE within 15% of 4 IB nodes', async () => {
    const h = await tflops(gpt39([ib(2), roce(2)]));
    expect(h / (await tflops(gpt39([ib(4)])))).toBeGreaterThan(0.85);
  });
  it.fails('GPT-39.1B: Holmes hybrid ≥ 1.2× all-Ethernet', async () => {
    expect((await tflops(gpt39([ib(2), roce(2)]))) / (await tflops(gpt39([eth(4)])))).toBeGreaterThanOrEqual(1.2);
  });
  it('both PP ≥ 2 hybrids still beat all-Ethernet (documented gap: by 4–14%, not 20%)', async () => {
    expect((await tflops(gpt75([roce(4), ib(4)], { nic_order: ['ib', 'roce'] }))) / (await tflops(gpt75([eth(8)])))).toBeGreaterThan(1.1);
    expect((await tflops(gpt39([ib(2), roce(2)]))) / (await tflops(gpt39([eth(4)])))).toBeGreaterThan(1.02);
  });
});

describe('self-adapting partition (CodexDive/Holmes main examples/pretrain_gpt_4_nodes.sh: --hetero-pipeline-stages 1 26 1 22)', () => {
  it.fails('GPT-39.1B on 2 IB + 2 RoCE nodes: 26 layers on the IB stage, 22 on RoCE', async () => {
    expect((await run(gpt39([ib(2), roce(2)]))).stages.map((s) => s.layers)).toEqual([26, 22]);
  });
  it('gives the IB stage at least as many layers (documented gap: 24 / 24 at 192 micro-batches, compute-dominated)', async () => {
    const st = (await run(gpt39([ib(2), roce(2)]))).stages;
    expect(st.map((s) => s.cluster)).toEqual(['ib', 'roce']);
    expect(st[0].layers).toBeGreaterThanOrEqual(st[1].layers);
    // where DP sync weighs more (8 nodes, 96 micro-batches) the IB stage takes more layers
    const st8 = (await run(gpt39([ib(4), roce(4)]))).stages;
    expect(st8[0].layers).toBeGreaterThan(st8[1].layers);
  });
});

describe('FLOP accounting (Holmes spec §3 consistency check)', () => {
  it('96-form: 1.31e14 FLOP per GPT-7.5B sample; 64 GPUs × 195 TFLOPS ↔ ~95 samples/s', async () => {
    const m = await loadModel('megatron-gpt-7.5b');
    const perSample = megatronFlops96(m, 1, 2048);
    expect(relErr(perSample, 1.31e14)).toBeLessThan(0.01);
    expect(relErr((64 * 195e12) / perSample, 95)).toBeLessThan(0.01);
  });
  it("Megatron core's 72-form = 3/4 of the 96-form's layer terms, its LM head term V/(12lh)", async () => {
    const m = await loadModel('megatron-gpt-7.5b');
    const { hidden: h, layers: l, vocab: V } = m;
    const s = 2048;
    const want = 72 * s * l * h * h * (1 + s / (6 * h) + V / (12 * l * h));
    expect(relErr(megatronCoreFlops(m, 1, s), want)).toBeLessThan(1e-12);
    const r = await run('holmes-gpt7.5b-4roce-4ib', 'holmes');
    expect(r.tflops_per_gpu_core / r.tflops_per_gpu).toBeCloseTo(want / megatronFlops96(m, 1, s), 9);
  });
  it('executed FLOPs: 3 passes + recompute, causal attention counting half the score matrix the formulas count in full', async () => {
    const r = await run('holmes-gpt7.5b-4roce-4ib', 'holmes');
    const ratio = r.flops.executed_per_iteration / r.flops.megatron_96_per_iteration;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(0.78);
    const none = await run(gpt75([roce(4), ib(4)], { training: { global_batch: 2048, micro_batch: 4, recompute: 'none' } }));
    const full = await run(gpt75([roce(4), ib(4)], { training: { global_batch: 2048, micro_batch: 4, recompute: 'full' } }));
    expect(none.flops.executed_per_iteration).toBeLessThan(r.flops.executed_per_iteration);
    expect(full.flops.executed_per_iteration).toBeGreaterThan(r.flops.executed_per_iteration);
  });
});

/**
 * Validation on the Alveo U280 board FlightLLM measured (FlightLLM, FPGA'24). No constant was fitted
 * to these numbers: the MV parallelism follows from eq. 3 and the HBM numbers (UG1393, Shuhai), the
 * MM parallelism from the demo config, the bit plan from the paper's ≈3.5-bit average.
 */
import { describe, expect, it } from 'vitest';
import { full, OPT, relErr, scenario, sim, U280 } from './helpers.js';

describe('U280, LLaMA2-7B, batch 1', () => {
  it('decodes at ≈55 tokens/s (±15%) at 45 W — paper Fig. 1, power from AccLLM’s table', async () => {
    const r = await full(await scenario(U280));
    expect(Math.abs(relErr(r.decode_tokens_per_s, 55))).toBeLessThan(0.15);
    expect(r.power_w).toBe(45);
    expect(r.tokens_per_joule).toBeCloseTo(r.decode_tokens_per_s / 45, 10);
  });

  it('energy efficiency vs the measured V100S (45 tokens/s at 220 W, paper Fig. 1) ≈6.0× (±20%)', async () => {
    const r = await full(await scenario(U280));
    const v100s = r.baselines.find((b) => b.hardware === 'v100s')!;
    expect(v100s.measured).toMatchObject({ tokens_per_s: 45, power_w: 220 });
    expect(Math.abs(relErr(v100s.energy_efficiency_ratio!, 6.0))).toBeLessThan(0.2);
    // the roofline's V100S estimate (peak bandwidth, no kernel overheads) is faster than the measured 45
    expect(v100s.roofline.tokens_per_s).toBeGreaterThan(45);
  });

  it('HBM bandwidth utilisation of a decode step is near the ≈34% that 55 tokens/s at 3.5 bits implies', async () => {
    const r = await sim(await scenario(U280, { decode: 0 }));
    // spec derivation: 55 tokens/s × 6.6 G weights × 3.5/8 B ÷ 460 GB/s ≈ 0.34 (±25%)
    expect(Math.abs(relErr(r.step.hbmUtilization, 0.34))).toBeLessThan(0.25);
  });

  it('always-on-chip decode raises HBM utilisation (direction reproduced)', async () => {
    const on = await sim(await scenario(U280, { decode: 0 }));
    const off = await sim(await scenario(U280, { decode: 0, always_on_chip: false }));
    expect(on.step.hbmUtilization).toBeGreaterThan(off.step.hbmUtilization);
    // documented gap: the ratio is ≈1.07, the paper's 65.9/35.6 = 1.85 (docs/flightllm.md)
    expect(on.step.hbmUtilization / off.step.hbmUtilization).toBeLessThan(1.2);
  });

  it.fails('always-on-chip ratio ≈1.85× (35.6% → 65.9%, paper intro; ±25%)', async () => {
    const on = await sim(await scenario(U280, { decode: 0 }));
    const off = await sim(await scenario(U280, { decode: 0, always_on_chip: false }));
    expect(Math.abs(relErr(on.step.hbmUtilization / off.step.hbmUtilization, 1.85))).toBeLessThan(0.25);
  });

  it('the build fits the U280 and its MV mode uses an eighth of the MPE', async () => {
    const r = await full(await scenario(U280, { decode: 1 }));
    expect(r.resources).toMatchObject({ mpe_dsp: 6144, dsp: 6345, bram36: 1252, uram: 792, device: { dsp: 9024, bram36: 2016, uram: 960 } });
    expect(r.mpe).toMatchObject({ mm_macs_per_cycle: 4096, mv_macs_per_cycle: 512, mv_dsp_share: 0.125 });
    expect(r.warnings).toEqual([]);
  });

  it('eq. 3: dense decode MV tiles hide their loads, the 8:16 q/k tiles (indices as heavy as weights) do not', async () => {
    const r = await full(await scenario(U280, { decode: 1 }));
    const bound = Object.fromEntries(r.eq3_mv.map((e) => [e.op, e.bound]));
    expect(bound).toMatchObject({ q_proj: 'memory', k_proj: 'memory', v_proj: 'compute', gate_proj: 'compute', down_proj: 'compute' });
    const q = r.eq3_mv.find((e) => e.op === 'q_proj')!;
    expect(q.tile.bytes).toBe(512 * q.tile.k * 0.5); // 4-bit weights at 8:16 + 4-bit index per non-zero
  });

  it('block + N:M sparsity make prefill compute cheaper than a dense chain', async () => {
    const base = { decode: 0, prefill: 512 };
    const dense = await sim(await scenario(U280, { ...base, sparsity: { enabled: false } }));
    const sparse = await sim(await scenario(U280, { ...base, sparsity: { enabled: true, n_of_16: { default: 16, q_proj: 8, k_proj: 8 }, attention_block_density: 0.3 } }));
    const gain = dense.prefill.ms / sparse.prefill.ms;
    // the shipped plan prunes q/k only: far from the paper's 1.6× (whose plan is not published)
    expect(gain).toBeGreaterThan(1.03);
    expect(gain).toBeLessThan(1.6);
    expect(sparse.prefill.macs).toBeLessThan(dense.prefill.macs);
  });
});

describe('length-adaptive compilation', () => {
  it('bucketed programs store far less than one program per exact length (paper ≈500×; hetsim ≈90×)', async () => {
    const r = await full(await scenario(U280, { decode: 1 }));
    const s = r.length_buckets!;
    expect(s.programs).toEqual({ exact: 4096, bucketed: 16 + 128 });
    // documented gap: hetsim's coarser tiles and this count (every length 1..2048 of prefill and decode) give ≈90×
    expect(s.ratio).toBeGreaterThan(50);
    expect(s.ratio).toBeLessThan(500);
    expect(s.exact_bytes).toBeGreaterThan(1e9); // GB scale without buckets
    expect(s.mean_padding.prefill).toBeGreaterThan(s.mean_padding.decode);
  });
});

describe('OPT-6.7B on U280 (smoke: no published FlightLLM number)', () => {
  it('runs through the same path', async () => {
    const r = await full(await scenario(OPT, { decode: 16 }));
    expect(r.model).toBe('opt-6.7b');
    expect(r.decode_tokens_per_s).toBeGreaterThan(20);
    expect(r.decode_tokens_per_s).toBeLessThan(120);
    expect(r.prefill_ms).toBeGreaterThan(0);
  });
});

/**
 * Validation against the FlightLLM demo's VHK158 profiler (FlightLLM/flightllm_test_demo at 4a96251;
 * numbers in fixtures/demo-profiler.json). The profiler runs one instruction stream and divides every
 * instruction time by correction_factor 3.2: its undivided times are a one-SLR peer check (--slrs 1),
 * its divided ones the published 4-SLR numbers. hetsim models the SLRs explicitly and never applies
 * the factor.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, relErr, scenario, sim, VHK158 } from './helpers.js';

const undivided = (ms: number) => ms * DEMO.correction_factor;

describe('one SLR vs the demo profiler, undivided (peer check, ±10%)', () => {
  for (const ctx of [256, 1024, 2032]) {
    it(`decode step at context ${ctx}`, async () => {
      // demo: profile/.compiler_output/profiler_output/llama2_decode_token_<ctx>.csv × 3.2 (256: 30.2 ms)
      const want = undivided(DEMO.decode[String(ctx)].total_ms_divided);
      const r = await sim(await scenario(VHK158, { slrs: 1, decode: 0, decode_step: ctx }));
      expect(Math.abs(relErr(r.step.ms, want))).toBeLessThan(0.1);
    });
  }
  for (const p of [128, 512]) {
    it(`prefill of ${p} tokens`, async () => {
      // demo: llama2_prefill_token_<p>.csv × 3.2 (128: 289.9 × 3.2 = 927.6 ms)
      const want = undivided(DEMO.prefill[String(p)].total_ms_divided);
      const r = await sim(await scenario(VHK158, { slrs: 1, decode: 0, prefill: p }));
      expect(Math.abs(relErr(r.prefill.ms, want))).toBeLessThan(0.1);
    });
  }
});

describe('four SLRs vs the published VHK158 numbers (±20%, or the documented deviation)', () => {
  // Published (demo README / paper): prefill 289.9 ms @128, 1181.4 ms @512
  for (const [p, want] of [[128, 289.9], [512, 1181.4]] as const) {
    it(`prefill ${p}: ${want} ms`, async () => {
      const r = await sim(await scenario(VHK158, { decode: 0, prefill: p }));
      expect(Math.abs(relErr(r.prefill.ms, want))).toBeLessThan(0.2);
    });
  }
  // Per-token decode latency: 9.43 ms @256 … 12.21 ms @2032 (demo README)
  it('decode step 9.43 ms at context 256', async () => {
    const r = await sim(await scenario(VHK158, { decode: 0, decode_step: 256 }));
    expect(Math.abs(relErr(r.step.ms, 9.43))).toBeLessThan(0.2);
  });
  it('decode step at 2032: documented deviation (hetsim 9.3 ms vs 12.21, −24%)', async () => {
    const r = await sim(await scenario(VHK158, { decode: 0, decode_step: 2032 }));
    // outside ±20%: the explicit SLRs scale at ≈0.94, not the 0.8 that the factor 3.2 implies (docs/flightllm.md)
    expect(relErr(r.step.ms, 12.21)).toBeLessThan(-0.2);
    expect(relErr(r.step.ms, 12.21)).toBeGreaterThan(-0.3);
  });
  // Decode tokens/s, demo README table: [128,512] 103.5 … [512,1536] 90.1
  const TPS: [number, number, number][] = [[128, 512, 103.5], [512, 1536, 90.1]];
  for (const [p, d, want] of TPS) {
    it(`[${p}, ${d}] decode ${want} tokens/s: documented deviation (hetsim +21…+27%)`, async () => {
      const r = await sim(await scenario(VHK158, { prefill: p, decode: d }));
      const tps = (1000 * d) / r.decode.ms;
      // above +20%: same cause as the step at 2032 (SLR scaling 0.94 vs 0.8)
      expect(relErr(tps, want)).toBeGreaterThan(0.15);
      expect(relErr(tps, want)).toBeLessThan(0.3);
    });
  }
  it('SLR scaling efficiency is an output of the model (≈0.94), not the factor 3.2 / 4 = 0.8', async () => {
    const one = await sim(await scenario(VHK158, { slrs: 1, decode: 0, decode_step: 256 }));
    const four = await sim(await scenario(VHK158, { decode: 0, decode_step: 256 }));
    const eff = one.step.ms / (4 * four.step.ms);
    expect(eff).toBeGreaterThan(0.85);
    expect(eff).toBeLessThan(1);
  });
});

/**
 * The corrected ("ideal") roofline: each fix of shared/specs/roofline.md §8 items 1–7 and 9,
 * TP, MoE and quantisation, checked on exact simulated quantities.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/systems/roofline/analyze.js';
import type { LayerRow, RooflineRequest, RooflineResult } from '../../../src/systems/roofline/types.js';
import { loadDevice, loadModel } from '../../../src/systems/preset-registry.js';

async function run(p: Partial<RooflineRequest> & Pick<RooflineRequest, 'model' | 'hardware'>): Promise<RooflineResult> {
  const r: RooflineRequest = { stage: 'decode', batch: 1, seq: 1024, gen: 128, bits: { w: 16, a: 16, kv: 16 }, flash: false, tp: 1, mode: 'ideal', ...p };
  return analyze(r, await loadModel(r.model), await loadDevice(r.hardware));
}
const row = (r: RooflineResult, name: string, stage?: string): LayerRow => {
  const x = r.layers.find((l) => l.name === name && (!stage || l.stage === stage));
  if (!x) throw new Error(`no row ${name}`);
  return x;
};

describe('ideal mode: LLM-Viewer bugs fixed', () => {
  it('GQA in the flash path: 70B flash decode reads Hkv heads of K and V (bug 1)', async () => {
    const S = 4096;
    const B = 8;
    const r = await run({ model: 'llama-2-70b', hardware: 'a100-80gb', batch: B, seq: S, flash: true });
    // K and V of S cached tokens plus the new one, 8 KV heads × 128 dims, 2 bytes.
    expect(row(r, 'fused_attention').load_kv_cache).toBe(2 * (S + 1) * 128 * B * 8 * 2);
    const nonFlash = await run({ model: 'llama-2-70b', hardware: 'a100-80gb', batch: B, seq: S, flash: false });
    expect(r.totals.time_s).toBeLessThan(nonFlash.totals.time_s);
  });

  it('FlashAttention writes O (T·d per head), never the S×S scores (bug 2)', async () => {
    const r = await run({ model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'prefill', batch: 2, seq: 2048, flash: true });
    expect(row(r, 'fused_attention').store_act).toBe(2048 * 128 * 2 * 32 * 2);
  });

  it('prefill Q is read with all query heads and attention is causal (bugs 3, 7)', async () => {
    const S = 1000;
    const r = await run({ model: 'llama-2-70b', hardware: 'h100-sxm', stage: 'prefill', seq: S });
    const qk = row(r, 'qk_matmul');
    expect(qk.load_act).toBe(S * 128 * 64 * 2);
    expect(qk.ops).toBe(2 * ((S * (S + 1)) / 2) * 128 * 64);
  });

  it('decode attends to the cached tokens and itself (bug 7)', async () => {
    const r = await run({ model: 'llama-2-7b', hardware: 'h100-sxm', seq: 100 });
    expect(row(r, 'qk_matmul').ops).toBe(2 * 101 * 128 * 32);
  });

  it('SwiGLU activation is sized by the intermediate size (bug 4)', async () => {
    const r = await run({ model: 'llama-2-7b', hardware: 'h100-sxm', batch: 4 });
    expect(row(r, 'mlp_act').load_act).toBe(2 * 4 * 11008 * 2);
    expect(row(r, 'mlp_act').store_act).toBe(4 * 11008 * 2);
  });

  it('lm_head counts 2 OPs per MAC and scales with the batch (bug 5)', async () => {
    const r = await run({ model: 'llama-2-7b', hardware: 'h100-sxm', batch: 32 });
    const lm = row(r, 'lm_head');
    expect(lm.ops).toBe(2 * 32 * 4096 * 32000);
    expect(lm.load_act).toBe(32 * 4096 * 2);
    expect(lm.store_act).toBe(32 * 32000 * 2);
    expect(r.layers.map((l) => l.name)).toEqual(expect.arrayContaining(['embedding', 'final_norm']));
  });

  it('residual adds read both operands; norms read their weights (bug 6)', async () => {
    const r = await run({ model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'prefill', batch: 2, seq: 64 });
    expect(row(r, 'attn_add').load_act).toBe(2 * 128 * 4096 * 2);
    expect(row(r, 'attn_norm').load_weight).toBe(4096 * 2);
  });

  it('weights include embedding and lm_head; capacity gives a fits verdict (bug 9)', async () => {
    const r = await run({ model: 'llama-2-7b', hardware: 'h100-sxm' });
    // 6.74 B parameters × 2 bytes.
    expect(r.memory.weights / 2).toBeCloseTo(6_738_415_616, -3);
    expect(r.memory.capacity).toBe(80e9);
    expect(r.memory.fits).toBe(true);
    const big = await run({ model: 'llama-3.1-405b', hardware: 'h100-sxm' });
    expect(big.memory.fits).toBe(false);
  });
});

describe('ideal mode: precision, TP, MoE', () => {
  it('W8A8 uses the int8 peak; W4A16 uses bf16 and pays dequantisation', async () => {
    const w8 = await run({ model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'prefill', seq: 2048, bits: { w: 8, a: 8, kv: 8 } });
    expect(row(w8, 'q_proj').dtype).toBe('int8');
    const w4 = await run({ model: 'llama-2-7b', hardware: 'h100-sxm', bits: { w: 4, a: 16, kv: 16 } });
    const q = row(w4, 'q_proj');
    expect(q.dtype).toBe('bf16');
    // 4-bit weights plus one fp16 scale and zero per 128 weights.
    expect(q.load_weight).toBe(4096 * 4096 * (0.5 + 4 / 128));
    const w16 = await run({ model: 'llama-2-7b', hardware: 'h100-sxm' });
    expect(w4.totals.time_s).toBeLessThan(w16.totals.time_s);
  });

  it('TP shards heads and linears and adds two ring all-reduces per layer', async () => {
    const one = await run({ model: 'llama-2-70b', hardware: 'h100-sxm', batch: 8 });
    const four = await run({ model: 'llama-2-70b', hardware: 'h100-sxm', batch: 8, tp: 4 });
    expect(row(four, 'q_proj').ops).toBe(row(one, 'q_proj').ops / 4);
    const ar = row(four, 'attn_allreduce');
    const bytes = 8 * 8192 * 2;
    expect(ar.time_s).toBeCloseTo((2 * 3 * bytes) / (4 * 450e9) + 1e-6, 15);
    expect(ar.bound).toBe('communication');
    expect(four.memory.weights).toBeLessThan(one.memory.weights / 3.5);
  });

  it('MoE reads the experts the batch touches (expected value under uniform routing)', async () => {
    const one = await run({ model: 'mixtral-8x7b', hardware: 'h100-sxm', batch: 1 });
    // One token picks 2 of 8 experts.
    expect(row(one, 'up_proj').load_weight).toBeCloseTo(2 * 4096 * 14336 * 2, 0);
    const many = await run({ model: 'mixtral-8x7b', hardware: 'h100-sxm', batch: 64 });
    const distinct = 8 * (1 - Math.pow(1 - 2 / 8, 64));
    expect(row(many, 'up_proj').load_weight).toBeCloseTo(distinct * 4096 * 14336 * 2, 0);
    expect(row(many, 'up_proj').ops).toBe(2 * 4096 * 14336 * 64 * 2);
  });
});

describe('generate: closed-form sum over decode steps', () => {
  for (const mode of ['ideal', 'calibrated'] as const) {
    it(`${mode}: equals prefill + the step-by-step sum of decode steps`, async () => {
      const base = { model: 'llama-2-70b', hardware: 'h200', batch: 16, seq: 500, bits: { w: 16, a: 16, kv: 16 }, flash: false, tp: 1, mode };
      const m = await loadModel(base.model);
      const d = await loadDevice(base.hardware);
      const G = 300;
      const gen = analyze({ ...base, stage: 'generate', gen: G }, m, d);
      let t = analyze({ ...base, stage: 'prefill', gen: 1 }, m, d).totals.time_s;
      let ops = 0;
      for (let c = 500; c < 500 + G; c++) {
        const s = analyze({ ...base, stage: 'decode', seq: c, gen: 1 }, m, d);
        t += s.totals.time_s;
        ops += s.totals.ops;
      }
      expect(Math.abs(gen.totals.time_s / t - 1)).toBeLessThan(1e-9);
      expect(Math.abs(gen.phases!.decode.ops / ops - 1)).toBeLessThan(1e-9);
    });
  }
  // One-token prompt, batch 8, 2000 steps: the calibrated attention rows start on their launch floor and
  // end memory-bound, so the closed form has to find where the lines cross. Each decode row's sum and
  // bound, and the peak activation (its traffic grows with the context) are checked against the steps.
  it('calibrated: rows that change bound during generation, and the peak activation, match the steps', async () => {
    const base = { model: 'llama-2-7b', hardware: 'h200', batch: 8, seq: 1, bits: { w: 16, a: 16, kv: 16 }, flash: false, tp: 1, mode: 'calibrated' as const };
    const m = await loadModel(base.model);
    const d = await loadDevice(base.hardware);
    const G = 2000;
    const gen = analyze({ ...base, stage: 'generate', gen: G }, m, d);
    const prefill = analyze({ ...base, stage: 'prefill', gen: 1 }, m, d);
    const decodeRows = gen.layers.filter((l) => l.stage === 'decode');
    const sums = new Map<string, number>();
    const bounds = new Map<string, Map<string, number>>(); // row → bound → time spent in it
    let act = prefill.memory.activations;
    for (let c = base.seq; c < base.seq + G; c++) {
      const s = analyze({ ...base, stage: 'decode', seq: c, gen: 1 }, m, d);
      for (const l of s.layers) {
        sums.set(l.name, (sums.get(l.name) ?? 0) + l.time_s);
        const b = bounds.get(l.name) ?? new Map<string, number>();
        bounds.set(l.name, b.set(l.bound, (b.get(l.bound) ?? 0) + l.time_s));
      }
      act = Math.max(act, s.memory.activations);
    }
    const changed = [...bounds].filter(([, b]) => b.size > 1).map(([name]) => name);
    expect(changed).toEqual(expect.arrayContaining(['qk_matmul', 'sv_matmul']));
    for (const l of decodeRows) {
      expect(Math.abs(l.time_s / sums.get(l.name)! - 1), l.name).toBeLessThan(1e-9);
      // A summed row is labelled with the bound that holds for most of its time.
      const [top] = [...bounds.get(l.name)!].sort((x, y) => y[1] - x[1])[0];
      expect(l.bound, l.name).toBe(top);
    }
    expect(gen.memory.activations).toBe(act);
    expect(gen.memory.activations).toBeGreaterThan(prefill.memory.activations);
  });
});

/**
 * Validation: llm-viewer mode reproduces LLM-Viewer @ 472f71f on all 270 Llama-2-7b configs of
 * fixtures/llm-viewer-llama2-7b.json (LLM-Viewer 472f71f's own outputs) — every row and total within 1e-9 relative, `bound`
 * exact (tolerance and source: shared/specs/roofline.md §7), plus the 135 generate tasks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/systems/roofline/analyze.js';
import type { RooflineRequest } from '../../../src/systems/roofline/types.js';
import { loadDevice, loadModel } from '../../../src/systems/preset-registry.js';

const REF = new URL('./fixtures/llm-viewer-llama2-7b.json', import.meta.url);
const ref = JSON.parse(readFileSync(REF, 'utf8'));

const REL = 1e-9;
function close(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  if (Math.abs(actual - expected) / scale > REL) throw new Error(`${what}: got ${actual}, LLM-Viewer ${expected}`);
}

function req(c: any, stage: 'prefill' | 'decode' | 'generate', extra: Partial<RooflineRequest> = {}): RooflineRequest {
  return {
    model: 'llama-2-7b',
    hardware: c.hardware,
    stage,
    batch: c.batchsize,
    seq: c.seqlen ?? c.prompt_len,
    gen: c.gen_len ?? 0,
    bits: { w: c.w_bit, a: c.a_bit, kv: c.kv_bit },
    flash: c.use_flashattention ?? false,
    tp: 1,
    mode: 'llm-viewer',
    ...extra,
  };
}

describe('llm-viewer mode vs LLM-Viewer 472f71f outputs', () => {
  it('the Llama-2 presets have the reference configs (7b, 13b, 70b)', async () => {
    for (const [hf, c] of Object.entries<any>(ref.model_configs)) {
      const m = await loadModel(hf);
      expect([m.hidden, m.intermediate, m.heads, m.kvHeads, m.layers, m.vocab], hf).toEqual([
        c.hidden_size, c.intermediate_size, c.num_attention_heads, c.num_key_value_heads, c.num_hidden_layers, c.vocab_size,
      ]);
    }
  });

  it('device presets carry LLM-Viewer table values exactly', async () => {
    for (const [id, hw] of Object.entries<any>(ref.hardware)) {
      const d = await loadDevice(id);
      expect(d.bandwidth).toBe(hw.bandwidth_bytes_per_s);
      expect(d.peak.fp16).toBe(hw.FP16_OPS);
      expect(d.peak.int8).toBe(hw.INT8_OPS ?? undefined); // intel_13900k has no INT8 entry
      expect(d.onchip).toBe(hw.onchip_buffer_bytes);
    }
  });

  it('reproduces all 270 configs: every row, total and memory figure (1e-9 rel), bound exact', async () => {
    const m = await loadModel('llama-2-7b');
    const cols: string[] = ref.layer_columns;
    const at = (name: string) => cols.indexOf(name);
    let rowsChecked = 0;
    expect(ref.configs.length).toBe(270);
    for (const c of ref.configs) {
      const dev = await loadDevice(c.hardware);
      for (const stage of ['prefill', 'decode'] as const) {
        const out = analyze(req(c, stage), m, dev);
        const exp = c[stage];
        const tag = `${c.hardware} B${c.batchsize} S${c.seqlen} w${c.w_bit}a${c.a_bit}kv${c.kv_bit} flash=${c.use_flashattention} ${stage}`;
        expect(out.layers.map((l) => l.name), tag).toEqual(exp.layers.map((l: any[]) => l[0]));
        exp.layers.forEach((e: any[], i: number) => {
          const got = out.layers[i];
          const where = `${tag} ${got.name}`;
          close(got.ops, e[at('OPs')], `${where} OPs`);
          close(got.memory_access, e[at('memory_access')], `${where} memory_access`);
          close(got.arithmetic_intensity, e[at('arithmetic_intensity')], `${where} AI`);
          close(got.time_s, e[at('inference_time')], `${where} time`);
          close(got.ops / got.time_s, e[at('performance')], `${where} performance`);
          for (const k of ['load_weight', 'load_act', 'store_act', 'load_kv_cache', 'store_kv_cache'] as const) close(got[k], e[at(k)], `${where} ${k}`);
          if (got.bound !== e[at('bound')]) throw new Error(`${where}: bound ${got.bound} vs ${e[at('bound')]}`);
          rowsChecked++;
        });
        close(out.totals.ops, exp.total.OPs, `${tag} total OPs`);
        close(out.totals.memory_access, exp.total.memory_access, `${tag} total memory_access`);
        close(out.totals.time_s, exp.total.inference_time, `${tag} total time`);
        close(out.memory.weights, exp.total.memory_consumption_weight, `${tag} weights`);
        close(out.memory.kv_cache, exp.total.memory_consumption_kv_cache, `${tag} kv`);
        close(out.memory.activations, exp.total.memory_consumption_tmp_act, `${tag} tmp_act`);
        close(out.memory.total, exp.total.memory_consumption, `${tag} memory total`);
      }
    }
    expect(rowsChecked).toBeGreaterThan(270 * 2 * 13);
  });

  it('reproduces the 135 generate tasks (prefill + 128 decode steps, flash not forwarded)', async () => {
    const m = await loadModel('llama-2-7b');
    expect(ref.generate.length).toBe(135);
    for (const g of ref.generate) {
      const dev = await loadDevice(g.hardware);
      // flash: true on purpose — LLM-Viewer ignores it for generate tasks.
      const out = analyze(req(g, 'generate', { flash: true }), m, dev);
      close(out.phases!.prefill.time_s, g.prefill_time, `${g.hardware} B${g.batchsize} P${g.prompt_len} prefill_time`);
      close(out.totals.time_s, g.total_time, `${g.hardware} B${g.batchsize} P${g.prompt_len} total_time`);
    }
  });
});

describe('llm-viewer mode on Llama-2-70B (GQA): the figures shared/specs/roofline.md §8 item 1 quotes', () => {
  const base = { model: 'llama-2-70b', hardware: 'nvidia_A100_80G', stage: 'decode' as const, seq: 4096, gen: 1, tp: 1, mode: 'llm-viewer' as const };
  async function decode(batch: number, w: number, flash: boolean) {
    const m = await loadModel('llama-2-70b');
    const d = await loadDevice('nvidia_A100_80G');
    return analyze({ ...base, batch, bits: { w, a: 16, kv: 16 }, flash }, m, d);
  }
  it('B=8, S=4096: flash KV 1.074e9 B/layer vs 1.342e8; decode 110.0 ms vs 73.5 ms (4 significant digits)', async () => {
    const f = await decode(8, 16, true);
    const n = await decode(8, 16, false);
    expect(f.layers.find((l) => l.name === 'fused_attention')!.load_kv_cache).toBeCloseTo(1.074e9, -6);
    const nonFlashKv = n.layers.filter((l) => l.name.endsWith('_matmul')).reduce((s, l) => s + l.load_kv_cache, 0);
    expect(nonFlashKv).toBeCloseTo(1.342e8, -5);
    expect(f.totals.time_s * 1e3).toBeCloseTo(110.0, 1);
    expect(n.totals.time_s * 1e3).toBeCloseTo(73.5, 1);
  });
  it('B=32, S=4096: flash makes decode 4.54× slower at W4A16 and 2.59× at 16-bit', async () => {
    expect((await decode(32, 4, true)).totals.time_s / (await decode(32, 4, false)).totals.time_s).toBeCloseTo(4.54, 2);
    expect((await decode(32, 16, true)).totals.time_s / (await decode(32, 16, false)).totals.time_s).toBeCloseTo(2.59, 2);
  });
});

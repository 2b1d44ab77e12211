/**
 * LLM-Viewer compatibility: reproduces hahnyuan/LLM-Viewer `model_analyzer.py` at commit 472f71f
 * exactly, quirks included (shared/specs/roofline.md §2–§6), so users can diff against published
 * LLM-Viewer numbers. Do not "fix" anything here: the fixes live in src/workload/decoder-ops.ts.
 */
import { HetsimError } from '../../errors.js';
import type { DeviceSpec } from '../../hw/device.js';
import type { ModelSpec } from '../../workload/model.js';
import type { Bits, LayerRow } from './types.js';

export interface LvStage {
  /** One block's rows followed by lm_head (once per model); timing fields are filled by llm-viewer-step.ts. */
  rows: LayerRow[];
  /** The block's rows (without lm_head) — totals multiply them by the layer count. */
  blockRows: number;
}

/** Rows are built with every LayerRow field at once: one hidden class keeps the hot loops fast. */
function row(name: string, ops: number, lw: number, la: number, sa: number, lkv: number, skv: number): LayerRow {
  return {
    name,
    stage: 'prefill',
    ops,
    load_weight: lw,
    load_act: la,
    store_act: sa,
    load_kv_cache: lkv,
    store_kv_cache: skv,
    memory_access: 0,
    arithmetic_intensity: 0,
    bound: 'memory',
    time_s: 0,
  };
}

/** LLM-Viewer's peak choice (§3): INT8 when all three bit widths are ≤ 8, else FP16. */
export function lvMaxOps(dev: DeviceSpec, bits: Bits): { maxOps: number; key: 'int8' | 'fp16' } {
  const key = bits.w <= 8 && bits.a <= 8 && bits.kv <= 8 ? 'int8' : 'fp16';
  const v = dev.peak[key];
  if (v === undefined) {
    throw new HetsimError('config_invalid', `llm-viewer mode needs a '${key}' peak for ${dev.id} (LLM-Viewer raises KeyError here too)`, `peak.${key}`);
  }
  return { maxOps: v, key };
}

/** Attention rows of one block. Non-flash ordering: qk_matmul, sv_matmul, softmax (LLM-Viewer's). */
function attentionRows(m: ModelSpec, dev: DeviceSpec, stage: 'prefill' | 'decode', B: number, S: number, bits: Bits, flash: boolean): LayerRow[] {
  const H = m.heads;
  const Hkv = m.kvHeads;
  const d = Math.floor(m.hidden / H); // LLM-Viewer always derives head_dim
  const ab = bits.a / 8;
  const kb = bits.kv / 8;
  const T = stage === 'prefill' ? S : 1;
  const qkOps = T * S * d * H * B * 2;
  const svOps = T * d * S * H * B * 2;
  const smOps = B * H * T * S * 5;
  if (flash) {
    const onchip = dev.onchip ?? 0;
    const blockR = Math.min(Math.ceil(onchip / (kb * d)), d);
    const nR = Math.ceil(T / blockR);
    return [
      row('fused_attention', qkOps + svOps + smOps, 0, T * d * B * H * ab, 2 * (T * S * B * H * ab), nR * S * d * B * H * kb * 2, 0),
    ];
  }
  // Prefill reads Q with kv heads (PR #5 bug, §8 item 3); decode with all heads.
  const qHeads = stage === 'prefill' ? Hkv : H;
  return [
    row('qk_matmul', qkOps, 0, T * d * B * qHeads * ab, T * S * B * H * ab, S * d * B * Hkv * kb, 0),
    row('sv_matmul', svOps, 0, T * S * B * H * ab, T * d * B * H * ab, S * d * B * Hkv * kb, 0),
    row('softmax', smOps, 0, B * H * T * S * ab, B * H * T * S * ab, 0, 0),
  ];
}

/** `attentionOnly`: just the attention rows (the only ones that depend on S in decode). */
export function llmViewerStage(m: ModelSpec, dev: DeviceSpec, stage: 'prefill' | 'decode', B: number, S: number, bits: Bits, flash: boolean, attentionOnly = false): LvStage {
  if (attentionOnly) {
    const rows = attentionRows(m, dev, stage, B, S, bits, flash);
    return { rows, blockRows: rows.length };
  }
  const h = m.hidden;
  const I = m.intermediate;
  const H = m.heads;
  const Hkv = m.kvHeads;
  const d = Math.floor(h / H);
  const wb = bits.w / 8;
  const ab = bits.a / 8;
  const kb = bits.kv / 8;
  const T = stage === 'prefill' ? S : 1;
  // Straight-line code rather than a table + map: this runs cold thousands of times per batch.
  const n = B * T;
  const kvOut = Hkv * d;
  const linear = (name: string, ic: number, oc: number) => row(name, ic * oc * n * 2, ic * oc * wb, ic * n * ab, oc * n * ab, 0, 0);
  const kvLinear = (name: string) => row(name, h * kvOut * n * 2, h * kvOut * wb, h * n * ab, 0, 0, kvOut * n * kb);
  const rows: LayerRow[] = [linear('q_proj', h, h), kvLinear('k_proj'), kvLinear('v_proj'), linear('out_proj', h, h)];
  rows.push(linear('gate_proj', h, I), linear('up_proj', h, I), linear('down_proj', I, h));
  const attn = attentionRows(m, dev, stage, B, S, bits, flash);
  for (let i = 0; i < attn.length; i++) rows.push(attn[i]);
  rows.push(row('attn_norm', n * h * 7, 0, n * h * ab, n * h * ab, 0, 0), row('mlp_norm', n * h * 7, 0, n * h * ab, n * h * ab, 0, 0));
  rows.push(row('attn_add', n * h, 0, n * h * ab, n * h * ab, 0, 0), row('mlp_add', n * h, 0, n * h * ab, n * h * ab, 0, 0));
  // mlp_act sized by hidden, not intermediate (§8 item 4).
  rows.push(row('mlp_act', n * h * 2, 0, n * h * ab * 2, n * h * ab, 0, 0));
  const blockRows = rows.length;
  // lm_head: B·h·V OPs without ×2, activations not ×B (§8 item 5).
  rows.push(row('lm_head', B * h * m.vocab, h * m.vocab * wb, h * ab, m.vocab * ab, 0, 0));
  return { rows, blockRows };
}

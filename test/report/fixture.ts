/**
 * A hand-built roofline result: one Llama-2-7B block (+ lm_head) on an H100
 * SXM, bf16, batch 1, 1024-token prompt, following the formulas of
 * specs/roofline.md §2 (non-flash). Not the analyzer's output, so report
 * tests do not depend on it.
 */
import type { Dtype } from '../../src/hw/device.js';
import type { LayerRow } from '../../src/systems/roofline/types.js';

export const H100 = {
  bandwidth: 3.35e12,
  peaks: { fp32: 66.9e12, tf32: 494.7e12, bf16: 989.4e12, fp16: 989.4e12, fp8: 1978.9e12, int8: 1978.9e12 } as Partial<Record<Dtype, number>>,
};

/** A row whose time is the plain roofline bound, optionally derated and with a fixed launch overhead. */
export function makeRow(
  name: string,
  stage: 'prefill' | 'decode',
  ops: number,
  bytes: number,
  peak: number,
  bw: number,
  overhead = 0,
): LayerRow {
  const compute = ops / peak;
  const memory = bytes / bw;
  return {
    name, stage, ops,
    load_weight: 0, load_act: bytes, store_act: 0, load_kv_cache: 0, store_kv_cache: 0,
    memory_access: bytes,
    arithmetic_intensity: bytes > 0 ? ops / bytes : 0,
    bound: compute > memory ? 'compute' : 'memory',
    time_s: Math.max(compute, memory) + overhead,
    dtype: 'bf16',
  };
}

const h = 4096, I = 11008, H = 32, d = 128, V = 32000, S = 1024, b = 2;

/** [name, ops, bytes] for one block at T query tokens over C context tokens. */
function layers(T: number, C: number): [string, number, number][] {
  const lin = (ic: number, oc: number): [number, number] => [2 * ic * oc * T, (ic * oc + ic * T + oc * T) * b];
  return [
    ['q_proj', ...lin(h, h)],
    ['k_proj', ...lin(h, h)],
    ['v_proj', ...lin(h, h)],
    ['qk_matmul', 2 * T * C * d * H, (T * d * H + T * C * H + C * d * H) * b],
    ['softmax', 5 * H * T * C, 2 * H * T * C * b],
    ['sv_matmul', 2 * T * C * d * H, (T * C * H + T * d * H + C * d * H) * b],
    ['out_proj', ...lin(h, h)],
    ['attn_add', h * T, 2 * h * T * b],
    ['mlp_norm', 7 * h * T, 2 * h * T * b],
    ['gate_proj', ...lin(h, I)],
    ['up_proj', ...lin(h, I)],
    ['mlp_act', 2 * h * T, 3 * h * T * b],
    ['down_proj', ...lin(I, h)],
    ['mlp_add', h * T, 2 * h * T * b],
    ['attn_norm', 7 * h * T, 2 * h * T * b],
    ['lm_head', h * V, (h * V + h + V) * b],
  ];
}

export interface Derate {
  compute: number;
  memory: number;
  overhead: number;
}

export function llama7bRows(derate: Derate = { compute: 1, memory: 1, overhead: 0 }): LayerRow[] {
  const peak = H100.peaks.bf16! * derate.compute;
  const bw = H100.bandwidth * derate.memory;
  return [
    ...layers(S, S).map(([n, o, m]) => makeRow(n, 'prefill', o, m, peak, bw, derate.overhead)),
    ...layers(1, S).map(([n, o, m]) => makeRow(n, 'decode', o, m, peak, bw, derate.overhead)),
  ];
}

/** The extra rows a TP run adds: no OPs, so the plot must skip them. */
export const zeroRows: LayerRow[] = [
  { ...makeRow('all_reduce', 'decode', 0, 1e6, 1e15, 1e12), bound: 'communication' },
  { ...makeRow('embed_gather', 'prefill', 1e6, 0, 1e15, 1e12) },
];

export const CALIBRATED: Derate = { compute: 0.72, memory: 0.86, overhead: 4e-6 };

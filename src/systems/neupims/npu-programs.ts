/**
 * The NPU (systolic + vector) programs of a decoder layer, split the way the reference
 * `StageProgram::init_SA_program` splits them (spec §6): QKV generation (LayerNorm + QKV GEMM) and
 * Projection + FFN (Proj GEMM, residual Add, LayerNorm, FC1, GELU, FC2, residual Add).
 * Linear layers are tensor-parallel: QKV and FC1 column-split, Proj and FC2 row-split (E/tp input).
 * Other decoders map onto the same programs: RMSNorm for LayerNorm, a SwiGLU FFN as FC1 producing
 * gate and up (2 × ffn/tp) and a SiLU·mul activation, GQA as a narrower K/V part of the QKV GEMM.
 */
import type { NpuOp } from '../../hw/npu/npu-core.js';
import type { VectorKernel } from '../../hw/npu/vector-unit.js';
import { fc1Width, qkvWidth, tpSlice, type NeupimsModel } from './model-shapes.js';

/**
 * DRAM rows per channel. Spec §10: weights take the low 3 GB (rows 0..3071 of every bank for
 * GPT3-7B/TP4) and the KV cache the 29,696 row tiles above; activations go to the top rows.
 * Each layer's weights get their own rows (wrapping inside the weight region).
 */
export const WEIGHT_ROWS = 3072;
export const ACT_ROW = 32512;
/** Bytes in one row index of the whole device: §2's 32 channels × 32 banks × 1 KB (NpuMemoryPort.rowBytes). */
export const DEFAULT_ROW_BYTES = 32 * 32 * 1024;

function weightRows(m: NeupimsModel, rowBytes: number): { qkv: number; proj: number; fc1: number; fc2: number; stride: number } {
  const { eTp, ffnTp } = tpSlice(m);
  const rows = (k: number, n: number): number => Math.ceil((k * n * 2) / rowBytes);
  const qkv = 0;
  const proj = qkv + rows(m.hidden, qkvWidth(m));
  const fc1 = proj + rows(eTp, m.hidden);
  const fc2 = fc1 + rows(m.hidden, fc1Width(m));
  return { qkv, proj, fc1, fc2, stride: fc2 + rows(ffnTp, m.hidden) };
}

const normKernel = (m: NeupimsModel): VectorKernel => (m.norm === 'rmsnorm' ? 'rmsNorm' : 'layerNorm');

function rowOf(m: NeupimsModel, layer: number, op: 'qkv' | 'proj' | 'fc1' | 'fc2', rowBytes: number): number {
  const w = weightRows(m, rowBytes);
  // wrap whole layers inside the weight region so no op's rows spill into the KV rows
  return ((layer * w.stride) % Math.max(1, WEIGHT_ROWS - w.stride)) + w[op];
}

/** `rowBytes`: the device's row index size (the weights of each op start on a row of their own). */
export function qkvGenOps(m: NeupimsModel, tokens: number, layer = 0, rowBytes = DEFAULT_ROW_BYTES): NpuOp[] {
  if (tokens === 0) return [];
  return [
    { kind: 'vector', name: `qkv.${m.norm}`, kernel: normKernel(m), rows: tokens, len: m.hidden, actRow: ACT_ROW },
    { kind: 'gemm', name: 'qkv.gemm', shape: { m: tokens, k: m.hidden, n: qkvWidth(m) }, weightRow: rowOf(m, layer, 'qkv', rowBytes), actRow: ACT_ROW },
  ];
}

export function projFfnOps(m: NeupimsModel, tokens: number, layer = 0, rowBytes = DEFAULT_ROW_BYTES): NpuOp[] {
  if (tokens === 0) return [];
  const { eTp, ffnTp } = tpSlice(m);
  return [
    { kind: 'gemm', name: 'proj.gemm', shape: { m: tokens, k: eTp, n: m.hidden }, weightRow: rowOf(m, layer, 'proj', rowBytes), actRow: ACT_ROW },
    { kind: 'vector', name: 'proj.residual', kernel: 'add', rows: tokens, len: m.hidden, actRow: ACT_ROW },
    { kind: 'vector', name: `ffn.${m.norm}`, kernel: normKernel(m), rows: tokens, len: m.hidden, actRow: ACT_ROW },
    { kind: 'gemm', name: 'ffn.fc1', shape: { m: tokens, k: m.hidden, n: fc1Width(m) }, weightRow: rowOf(m, layer, 'fc1', rowBytes), actRow: ACT_ROW },
    { kind: 'vector', name: m.ffnGated ? 'ffn.swiglu' : 'ffn.gelu', kernel: m.ffnGated ? 'siluMul' : 'gelu', rows: tokens, len: ffnTp, actRow: ACT_ROW },
    { kind: 'gemm', name: 'ffn.fc2', shape: { m: tokens, k: ffnTp, n: m.hidden }, weightRow: rowOf(m, layer, 'fc2', rowBytes), actRow: ACT_ROW },
    { kind: 'vector', name: 'ffn.residual', kernel: 'add', rows: tokens, len: m.hidden, actRow: ACT_ROW },
  ];
}

/**
 * NPU-only attention (spec §8/§9): the KV cache is read from plain HBM and the GEMVs run on the
 * vector units. We model the HBM-bound NPU the paper's 2.4× implies, not the reference branch's
 * mapping of GEMVs onto the systolic array (§9 documents that it is far slower).
 */
export function npuAttentionOps(m: NeupimsModel, seqLens: readonly number[]): NpuOp[] {
  if (seqLens.length === 0) return [];
  const { eTp, kvTp, headsTp } = tpSlice(m);
  let tokens = 0;
  for (const L of seqLens) tokens += L;
  return [
    // K and V of every live request: 2 · ΣL · kv width FP16 values; each query head does d_k MACs
    // per token for q·Kᵀ and again for logits·V
    { kind: 'stream', name: 'attn.kv', bytes: 2 * tokens * kvTp * 2, row: WEIGHT_ROWS, macs: 2 * tokens * eTp },
    { kind: 'vector', name: 'attn.softmax', kernel: 'softmax', rows: seqLens.length * headsTp, len: Math.round(tokens / seqLens.length) },
  ];
}

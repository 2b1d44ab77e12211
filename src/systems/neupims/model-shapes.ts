/**
 * The decoder shapes the NeuPIMs simulator needs, derived from any dense preset LLM (models/llm or
 * a Hugging Face config.json), and the parallelism NeuPIMs evaluates the GPT-3 variants with
 * (spec §7: 7B/13B TP4, 30B TP4 PP2, 175B TP8 PP4; other models default to one device).
 *
 * The reference simulates GPT-3 (LayerNorm, GELU FFN, multi-head attention). hetsim also maps
 * RMSNorm, SwiGLU (gate and up as one fused GEMM) and grouped-query attention onto the same NPU and
 * PIM programs; see kv-layout.ts and gemv-decompose.ts for the GQA layout.
 */
import { HetsimError } from '../../errors.js';
import type { ModelSpec } from '../../workload/model.js';

export interface NeupimsModel {
  id: string;
  /** Embedding size E. */
  hidden: number;
  heads: number;
  /** KV heads (GQA); = heads for multi-head attention. */
  kvHeads: number;
  /** d_k (spec §7: 128 for every GPT-3 variant simulated). */
  headDim: number;
  /** FFN inner size (GPT-3: 4E). */
  ffn: number;
  /** SwiGLU: the FFN's first GEMM produces gate and up (2 × ffn), the activation multiplies them. */
  ffnGated: boolean;
  norm: 'layernorm' | 'rmsnorm';
  layers: number;
  /** Tensor- and pipeline-parallel degree (spec §7). */
  tp: number;
  pp: number;
}

/** Spec §7: the parallelism the reference's traces and configs use per GPT-3 variant. */
const GPT3_PARALLELISM: Record<string, { tp: number; pp: number }> = {
  'gpt3-7b': { tp: 4, pp: 1 },
  'gpt3-13b': { tp: 4, pp: 1 },
  'gpt3-30b': { tp: 4, pp: 2 },
  'gpt3-175b': { tp: 8, pp: 4 },
};

export const NEUPIMS_REFERENCE_MODELS = Object.keys(GPT3_PARALLELISM);

/** PIM rows are 512 FP16 elements and a COMP covers 16: a head must tile a row exactly (spec §4). */
const ROW_ELEMS = 512;

export function neupimsModel(spec: ModelSpec, override?: { tp?: number; pp?: number }): NeupimsModel {
  const bad = (msg: string, field = 'model'): HetsimError => new HetsimError('config_invalid', `${spec.id}: ${msg}`, field);
  if (spec.experts !== undefined) throw bad(`NeuPIMs models dense decoders; this model is a mixture of experts (${spec.experts} experts)`);
  if (ROW_ELEMS % spec.headDim !== 0 || spec.headDim % 16 !== 0) {
    throw bad(`head_dim ${spec.headDim} must divide the 512-element PIM row and be a multiple of the 16-MAC COMP (16, 32, …, 512)`);
  }
  const base = GPT3_PARALLELISM[spec.id] ?? { tp: 1, pp: 1 };
  const tp = override?.tp ?? base.tp;
  const pp = override?.pp ?? base.pp;
  if (spec.heads % tp !== 0) throw bad(`tp ${tp} does not divide ${spec.heads} heads`, 'parallelism.tp');
  if (spec.kvHeads % tp !== 0) throw bad(`tp ${tp} does not divide ${spec.kvHeads} KV heads`, 'parallelism.tp');
  return {
    id: spec.id,
    hidden: spec.hidden,
    heads: spec.heads,
    kvHeads: spec.kvHeads,
    headDim: spec.headDim,
    ffn: spec.intermediate,
    ffnGated: spec.activation === 'swiglu',
    norm: spec.norm,
    layers: spec.layers,
    tp,
    pp,
  };
}

export interface TpSlice {
  /** Query width per device (heads/tp · d_k). */
  eTp: number;
  headsTp: number;
  kvHeadsTp: number;
  /** K (or V) width per device (kv_heads/tp · d_k). */
  kvTp: number;
  ffnTp: number;
}

/** Per-device slice under tensor parallelism. */
export function tpSlice(m: NeupimsModel): TpSlice {
  const headsTp = m.heads / m.tp;
  const kvHeadsTp = m.kvHeads / m.tp;
  return { eTp: headsTp * m.headDim, headsTp, kvHeadsTp, kvTp: kvHeadsTp * m.headDim, ffnTp: m.ffn / m.tp };
}

/** Decoder layers one pipeline stage (one simulated device) runs. */
export function layersPerDevice(m: NeupimsModel): number {
  return Math.ceil(m.layers / m.pp);
}

/** Output width of the fused QKV GEMM: queries plus keys and values of the KV heads. */
export function qkvWidth(m: NeupimsModel): number {
  const { eTp, kvTp } = tpSlice(m);
  return eTp + 2 * kvTp;
}

/** Output width of the FFN's first GEMM (gate and up together for SwiGLU). */
export function fc1Width(m: NeupimsModel): number {
  return (m.ffnGated ? 2 : 1) * tpSlice(m).ffnTp;
}

/** FP16 weight bytes of one decoder layer's slice: QKV, output projection, FC1 and FC2. */
export function layerWeightBytes(m: NeupimsModel): number {
  const { eTp, ffnTp } = tpSlice(m);
  return 2 * (m.hidden * qkvWidth(m) + eTp * m.hidden + m.hidden * fc1Width(m) + ffnTp * m.hidden);
}

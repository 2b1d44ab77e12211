/**
 * Cost of single kernels from explicit shapes: OPs (a multiply-add counts 2) and bytes split the
 * way LLM-Viewer splits them. decoder-ops.ts composes these into blocks; `hetsim calibrate` maps
 * measured kernels onto the same builders so the fitted efficiencies mean the same thing.
 */
import type { Activation, NormType } from './model.js';

export type OpClass =
  | 'gemm'
  | 'attention_prefill'
  | 'attention_decode'
  | 'bmm'
  | 'softmax'
  | 'norm'
  | 'elementwise'
  | 'activation'
  | 'embedding'
  | 'allreduce';

export interface OpCost {
  name: string;
  cls: OpClass;
  ops: number;
  load_weight: number;
  load_act: number;
  store_act: number;
  load_kv_cache: number;
  store_kv_cache: number;
  /** Runs on tensor cores (matmuls) rather than vector units. */
  matmul: boolean;
  /** Extra vector OPs to dequantise weights/KV narrower than the compute dtype. */
  dequant_ops: number;
  /** Bytes one device sends in an all-reduce (TP); time comes from the interconnect. */
  comm_bytes: number;
}

/** Bit widths of weights, activations and KV cache. */
export interface BitWidths {
  w: number;
  a: number;
  kv: number;
}

/** GPTQ/AWQ-style group quantisation: one fp16 scale and one fp16 zero per 128 weights. */
const GROUP_META_BYTES_PER_WEIGHT = 4 / 128;
/** Dequantisation per element: subtract zero, multiply scale. */
const DEQUANT_OPS_PER_ELEMENT = 2;
/** Per-element vector OPs. RMSNorm: square, sum, scale, weight-mul; LayerNorm adds mean and subtract. */
export const NORM_OPS: Record<NormType, number> = { rmsnorm: 4, layernorm: 7 };
/** silu(g)·u: sigmoid (exp, add, div), mul, gate mul. GELU (tanh form) ≈ 8. */
export const ACT_OPS: Record<Activation, number> = { swiglu: 5, gelu: 8, relu: 1 };
/** Softmax per element: max, sub, exp, sum, div (LLM-Viewer's count). */
const SOFTMAX_OPS = 5;

export function op(name: string, cls: OpClass, fields: Partial<OpCost>): OpCost {
  // Every field set explicitly (no spread): one hidden class for all ops keeps the analyzer's loops fast.
  return {
    name,
    cls,
    ops: fields.ops ?? 0,
    load_weight: fields.load_weight ?? 0,
    load_act: fields.load_act ?? 0,
    store_act: fields.store_act ?? 0,
    load_kv_cache: fields.load_kv_cache ?? 0,
    store_kv_cache: fields.store_kv_cache ?? 0,
    matmul: fields.matmul ?? false,
    dequant_ops: fields.dequant_ops ?? 0,
    comm_bytes: fields.comm_bytes ?? 0,
  };
}

/** All bytes an op moves (LLM-Viewer's memory_access). */
export function bytesOf(op: OpCost): number {
  return op.load_weight + op.load_act + op.store_act + op.load_kv_cache + op.store_kv_cache;
}

/** Bytes per weight element including group-quantisation metadata for sub-8-bit weights. */
export function weightBytesPerElement(w: number): number {
  return w / 8 + (w < 8 ? GROUP_META_BYTES_PER_WEIGHT : 0);
}

/**
 * y[tokens, oc] = x[tokens, ic] · W[ic, oc]. `kvOut`: the output is written to the KV cache
 * (k_proj, v_proj). `weightCopies`: distinct weight matrices read (MoE experts hit).
 */
export function linearCost(name: string, ic: number, oc: number, tokens: number, b: BitWidths, opts: { kvOut?: boolean; weightCopies?: number } = {}): OpCost {
  const copies = opts.weightCopies ?? 1;
  const ab = b.a / 8;
  return op(name, 'gemm', {
    ops: 2 * ic * oc * tokens,
    load_weight: ic * oc * weightBytesPerElement(b.w) * copies,
    load_act: ic * tokens * ab,
    store_act: opts.kvOut ? 0 : oc * tokens * ab,
    store_kv_cache: opts.kvOut ? (oc * tokens * b.kv) / 8 : 0,
    matmul: true,
    dequant_ops: b.w < b.a ? ic * oc * copies * DEQUANT_OPS_PER_ELEMENT : 0,
  });
}

export interface AttentionShape {
  batch: number;
  /** Query tokens per sequence. */
  q: number;
  /** Keys per sequence (context). */
  ctx: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Query i sees keys 0..i only (prefill). */
  causal: boolean;
  flash: boolean;
  /** Unfused attention reads K/V expanded to all query heads (eager repeat_kv). */
  expandKv?: boolean;
}

export function attentionCosts(s: AttentionShape, b: BitWidths, decode: boolean): OpCost[] {
  const { batch: B, q: T, ctx: C, heads, kvHeads, headDim: d } = s;
  const ab = b.a / 8;
  const kb = b.kv / 8;
  // Causal: query i attends to (C − T + i + 1) keys → T·C − T(T−1)/2 score elements.
  const scores = s.causal ? T * C - (T * (T - 1)) / 2 : T * C;
  const qkOps = 2 * scores * d * heads * B;
  const kvBytes = C * d * B * kvHeads * kb; // one of K or V
  const kvDequant = b.kv < b.a ? 2 * C * d * B * kvHeads * DEQUANT_OPS_PER_ELEMENT : 0;
  const qBytes = T * d * B * heads * ab;
  if (s.flash) {
    // FlashAttention: Q in, O out, K and V streamed from HBM once (re-reads per query block hit L2).
    return [
      op('fused_attention', decode ? 'attention_decode' : 'attention_prefill', {
        ops: 2 * qkOps + SOFTMAX_OPS * scores * heads * B,
        load_act: qBytes,
        store_act: qBytes,
        load_kv_cache: 2 * kvBytes,
        matmul: true,
        dequant_ops: kvDequant,
      }),
    ];
  }
  // Unfused: full T×C score and probability tensors are materialised (the mask is applied to them).
  const full = T * C * heads * B * ab;
  const kvRead = s.expandKv ? (kvBytes * heads) / kvHeads : kvBytes;
  return [
    op('qk_matmul', 'bmm', { ops: qkOps, load_act: qBytes, store_act: full, load_kv_cache: kvRead, matmul: true, dequant_ops: kvDequant / 2 }),
    op('sv_matmul', 'bmm', { ops: qkOps, load_act: full, store_act: qBytes, load_kv_cache: kvRead, matmul: true, dequant_ops: kvDequant / 2 }),
    op('softmax', 'softmax', { ops: SOFTMAX_OPS * T * C * heads * B, load_act: full, store_act: full }),
  ];
}

/** Norm over `tokens` rows of `width`, reading its weight vector once. */
export function normCost(name: string, norm: NormType, tokens: number, width: number, b: BitWidths): OpCost {
  const ab = b.a / 8;
  return op(name, 'norm', { ops: NORM_OPS[norm] * tokens * width, load_weight: width * ab, load_act: tokens * width * ab, store_act: tokens * width * ab });
}

/** Residual add: reads both operands, writes the sum. */
export function residualAddCost(name: string, tokens: number, width: number, b: BitWidths): OpCost {
  const ab = b.a / 8;
  return op(name, 'elementwise', { ops: tokens * width, load_act: 2 * tokens * width * ab, store_act: tokens * width * ab });
}

/** MLP activation over `tokens` rows of the intermediate width (SwiGLU reads gate and up). */
export function activationCost(name: string, act: Activation, tokens: number, width: number, b: BitWidths): OpCost {
  const ab = b.a / 8;
  const gated = act === 'swiglu';
  return op(name, 'activation', { ops: ACT_OPS[act] * tokens * width, load_act: (gated ? 2 : 1) * tokens * width * ab, store_act: tokens * width * ab });
}

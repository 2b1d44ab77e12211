/**
 * Operator costs of one decoder block (and the once-per-model ops) for a prefill or decode step:
 * the corrected counts the roofline analyzer's ideal and calibrated modes evaluate.
 *
 * Corrections relative to LLM-Viewer (shared/specs/roofline.md §8): GQA everywhere, FlashAttention
 * without S² traffic, causal halving, decode attends to S+1 tokens, SwiGLU sized by the
 * intermediate size, lm_head ×2 and ×batch, both residual operands, norm weights, embedding and
 * final norm, TP sharding with all-reduces, MoE.
 */
import { activationCost, attentionCosts, linearCost, normCost, op, residualAddCost, weightBytesPerElement, type BitWidths, type OpCost } from './kernels.js';
import type { ModelSpec } from './model.js';

export type { OpClass, OpCost } from './kernels.js';

export interface StepShape extends BitWidths {
  stage: 'prefill' | 'decode';
  batch: number;
  /** prefill: prompt tokens; decode: tokens already cached. */
  seq: number;
  flash: boolean;
  tp: number;
  /** Unfused attention reads K/V expanded to all query heads; the calibrated mode sets it from the device's kernel stack. */
  expandKvUnfused?: boolean;
}

/** Expected number of distinct experts hit when n tokens each pick k of E uniformly. */
export function expectedDistinctExperts(E: number, k: number, n: number): number {
  return E * (1 - Math.pow(1 - k / E, n));
}

/** Per-device shard sizes under tensor parallelism. */
function shards(m: ModelSpec, tp: number) {
  return {
    heads: m.heads / tp,
    // With fewer KV heads than devices, each device keeps one (replicated) KV head.
    kvHeads: Math.max(1, m.kvHeads / tp),
    intermediate: Math.ceil(m.intermediate / tp),
    vocab: Math.ceil(m.vocab / tp),
  };
}

/** Ops of one decoder block on one device (TP shards heads and linear layers). */
export function decoderBlockOps(m: ModelSpec, s: StepShape): OpCost[] {
  const T = s.stage === 'prefill' ? s.seq : 1;
  // Decode: the new token attends to the S cached tokens and itself.
  const C = s.stage === 'prefill' ? s.seq : s.seq + 1;
  const n = s.batch * T;
  const h = m.hidden;
  const d = m.headDim;
  const { heads, kvHeads, intermediate: I } = shards(m, s.tp);
  const rows: OpCost[] = [
    linearCost('q_proj', h, heads * d, n, s),
    linearCost('k_proj', h, kvHeads * d, n, s, { kvOut: true }),
    linearCost('v_proj', h, kvHeads * d, n, s, { kvOut: true }),
    linearCost('out_proj', heads * d, h, n, s),
  ];
  const moe = m.experts !== undefined && m.experts > 1;
  const gated = m.activation === 'swiglu';
  // MoE: n·k token-expert pairs; weights of the distinct experts the batch touches are read.
  const ffnTokens = moe ? n * m.topK! : n;
  const copies = moe ? expectedDistinctExperts(m.experts!, m.topK!, n) : 1;
  if (moe) rows.push(linearCost('router', h, m.experts!, n, s));
  if (gated) rows.push(linearCost('gate_proj', h, I, ffnTokens, s, { weightCopies: copies }));
  rows.push(linearCost('up_proj', h, I, ffnTokens, s, { weightCopies: copies }), linearCost('down_proj', I, h, ffnTokens, s, { weightCopies: copies }));
  rows.push(
    ...attentionCosts(
      { batch: s.batch, q: T, ctx: C, heads, kvHeads, headDim: d, causal: s.stage === 'prefill', flash: s.flash, expandKv: s.expandKvUnfused },
      s,
      s.stage === 'decode',
    ),
  );
  rows.push(normCost('attn_norm', m.norm, n, h, s), normCost('mlp_norm', m.norm, n, h, s));
  rows.push(residualAddCost('attn_add', n, h, s), residualAddCost('mlp_add', n, h, s));
  rows.push(activationCost('mlp_act', m.activation, ffnTokens, I, s));
  if (s.tp > 1) {
    // Row-parallel out_proj and down_proj each end in an all-reduce of the hidden states.
    const bytes = (n * h * s.a) / 8;
    rows.push(op('attn_allreduce', 'allreduce', { comm_bytes: bytes }), op('mlp_allreduce', 'allreduce', { comm_bytes: bytes }));
  }
  return rows;
}

/** Ops that run once per model per step: embedding gather, final norm, lm_head (last token only). */
export function modelOnceOps(m: ModelSpec, s: StepShape): OpCost[] {
  const n = s.batch * (s.stage === 'prefill' ? s.seq : 1);
  const h = m.hidden;
  return [
    // One embedding row per token; the vocab-parallel table spreads those reads over the devices.
    op('embedding', 'embedding', { load_weight: (n * h * weightBytesPerElement(s.w)) / s.tp, store_act: (n * h * s.a) / 8 }),
    // Serving engines normalise and project only each sequence's last position.
    normCost('final_norm', m.norm, s.batch, h, s),
    linearCost('lm_head', h, shards(m, s.tp).vocab, s.batch, s),
  ];
}

/** Weights of the whole model on one device, bytes (linear + norms + embedding + untied lm_head). */
export function weightBytes(m: ModelSpec, b: BitWidths, tp: number): number {
  const wb = weightBytesPerElement(b.w);
  const h = m.hidden;
  const { heads, kvHeads, intermediate: I, vocab: V } = shards(m, tp);
  const attn = 2 * h * heads * m.headDim + 2 * h * kvHeads * m.headDim;
  const experts = m.experts !== undefined && m.experts > 1 ? m.experts : 1;
  const mlp = (m.activation === 'swiglu' ? 3 : 2) * h * I * experts + (experts > 1 ? h * experts : 0);
  const normBytes = h * (b.a / 8);
  const embed = V * h * wb;
  const head = m.tiedEmbeddings ? 0 : V * h * wb;
  return m.layers * ((attn + mlp) * wb + 2 * normBytes) + embed + head + normBytes;
}

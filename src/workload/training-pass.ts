/**
 * Operator costs of one training micro-batch pass: the forward of a decoder block is the prefill
 * block of `decoder-ops.ts` (all tokens of the micro-batch); backward executes twice the forward's
 * matmul FLOPs (input and weight gradients) and re-reads what the forward wrote. Recompute adds
 * forward work to backward: `selective` (Megatron's `--recompute-activations`) re-runs the core
 * attention only, `full` the whole block. The embedding, final norm, LM head over every token and
 * the cross-entropy loss run once per micro-batch on the first / last stage.
 */
import { decoderBlockOps } from './decoder-ops.js';
import { linearCost, normCost, op, type OpCost } from './kernels.js';
import type { ModelSpec } from './model.js';

export type Recompute = 'selective' | 'full' | 'none';

export interface TrainingShape {
  microBatch: number;
  seq: number;
  tp: number;
  flash: boolean;
}

const BITS = { w: 16, a: 16, kv: 16 };

/** One decoder block's forward ops on one TP rank for one micro-batch. */
export function blockForwardOps(m: ModelSpec, s: TrainingShape): OpCost[] {
  return decoderBlockOps(m, { stage: 'prefill', batch: s.microBatch, seq: s.seq, ...BITS, flash: s.flash, tp: s.tp });
}

/** Ops recomputed in backward under a recompute policy (a subset of the forward). */
export function recomputedOps(fwd: OpCost[], policy: Recompute): OpCost[] {
  if (policy === 'none') return [];
  if (policy === 'full') return fwd;
  return fwd.filter((o) => o.cls === 'attention_prefill' || o.cls === 'softmax' || o.cls === 'bmm');
}

/** First-stage ops (embedding gather) and last-stage ops (final norm, LM head on every token, loss). */
export function headOps(m: ModelSpec, s: TrainingShape): { first: OpCost[]; last: OpCost[] } {
  const n = s.microBatch * s.seq;
  const h = m.hidden;
  const v = Math.ceil(m.vocab / s.tp);
  return {
    first: [op('embedding', 'embedding', { load_weight: n * h * 2, store_act: n * h * 2 })],
    last: [
      normCost('final_norm', m.norm, n, h, BITS),
      linearCost('lm_head', h, v, n, BITS),
      // softmax cross-entropy over the vocab shard: read logits, write their gradient
      op('loss', 'softmax', { ops: 5 * n * v, load_act: n * v * 2, store_act: n * v * 2 }),
    ],
  };
}

/** Parameters of one decoder block (weights and norms), all TP ranks together. */
export function blockParams(m: ModelSpec): number {
  const attn = 2 * m.hidden * m.heads * m.headDim + 2 * m.hidden * m.kvHeads * m.headDim;
  const mlp = (m.activation === 'swiglu' ? 3 : 2) * m.hidden * m.intermediate;
  return attn + mlp + 4 * m.hidden;
}

export function embeddingParams(m: ModelSpec): number {
  return m.vocab * m.hidden;
}

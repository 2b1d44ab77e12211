/**
 * Measured kernel timings (the format of models/hardware/measurements/h200-kernels-llama2.json) and their mapping
 * onto hetsim's kernel cost builders, so calibration fits efficiencies of the very rows the
 * analyzer produces.
 */
import { z } from 'zod';
import { validate } from '../../config/validate.js';
import { HetsimError } from '../../errors.js';
import { activationCost, attentionCosts, linearCost, normCost, residualAddCost, type BitWidths, type OpCost } from '../../workload/kernels.js';

const posInt = z.number().int().positive();
const measurementSchema = z.looseObject({
  model: z.string(),
  stage: z.enum(['prefill', 'decode']),
  op: z.string(),
  dtype: z.string().optional(),
  us: z.number().positive(),
  M: posInt.optional(),
  K: posInt.optional(),
  N: posInt.optional(),
  B: posInt.optional(),
  S: posInt.optional(),
  L: posInt.optional(),
  heads: posInt.optional(),
  kv_heads: posInt.optional(),
  head_dim: posInt.optional(),
});
export type Measurement = z.infer<typeof measurementSchema>;

const modelShapeSchema = z.looseObject({ hidden: posInt, ffn: posInt, heads: posInt, kv_heads: posInt, layers: posInt.optional() });

const statSchema = z.looseObject({ median: z.number().positive() });

export const measurementFileSchema = z.looseObject({
  device: z.looseObject({ name: z.string() }).optional(),
  /** Microbenchmarks on the same device: big-GEMM TFLOP/s per dtype, streaming-read GB/s. */
  peaks: z
    .looseObject({ gemm_bf16_tflops: statSchema.optional(), gemm_fp16_tflops: statSchema.optional(), read_GBps: statSchema.optional() })
    .optional(),
  description: z.string().optional(),
  models: z.record(z.string(), modelShapeSchema),
  ops: z.array(measurementSchema).min(1),
});
export type MeasurementFile = z.infer<typeof measurementFileSchema>;

export function parseMeasurementFile(raw: unknown, label: string): MeasurementFile {
  return validate(measurementFileSchema, raw, `measurements ${label}`);
}

// qkv_proj and gate_up_proj: the fused linears serving stacks run (one GEMM for Q, K and V; one for gate and up).
const LINEAR_OPS = new Set(['q_proj', 'k_proj', 'v_proj', 'qkv_proj', 'out_proj', 'gate_proj', 'up_proj', 'gate_up_proj', 'down_proj', 'lm_head']);
const DTYPE_BITS: Record<string, number> = { fp32: 32, tf32: 32, bf16: 16, fp16: 16, fp8: 8, int8: 8, int4: 4 };

/** The hetsim kernel cost of one measured kernel (null for ops hetsim has no row for). */
export function measurementCost(meas: Measurement, file: MeasurementFile, expandKv: boolean, where: string): OpCost | null {
  const bitsN = DTYPE_BITS[meas.dtype ?? 'bf16'] ?? 16;
  const b: BitWidths = { w: bitsN, a: bitsN, kv: bitsN };
  const need = (k: keyof Measurement): number => {
    const v = meas[k];
    if (typeof v !== 'number') throw new HetsimError('config_invalid', `${meas.op} needs field '${String(k)}' (${where})`, `${where}.${String(k)}`);
    return v;
  };
  if (LINEAR_OPS.has(meas.op)) return linearCost(meas.op, need('K'), need('N'), need('M'), b);
  if (meas.op === 'rmsnorm') return normCost('rmsnorm', 'rmsnorm', need('M'), need('N'), b);
  if (meas.op === 'layernorm') return normCost('layernorm', 'layernorm', need('M'), need('N'), b);
  if (meas.op === 'residual_add') return residualAddCost('residual_add', need('M'), need('N'), b);
  if (meas.op === 'silu_mul') return activationCost('silu_mul', 'swiglu', need('M'), need('N'), b);
  const attn = ['attention_sdpa', 'qk_matmul', 'sv_matmul', 'softmax'];
  if (!attn.includes(meas.op)) return null;
  const shape = file.models[meas.model];
  if (!shape && meas.heads === undefined) throw new HetsimError('config_invalid', `model '${meas.model}' is not in the file's models table (${where})`, `${where}.model`);
  const heads = meas.heads ?? shape.heads;
  const kvHeads = meas.kv_heads ?? shape.kv_heads;
  const headDim = meas.head_dim ?? shape.hidden / shape.heads;
  const decode = meas.stage === 'decode';
  const costs = attentionCosts(
    { batch: need('B'), q: need('S'), ctx: need('L'), heads, kvHeads, headDim, causal: !decode, flash: meas.op === 'attention_sdpa', expandKv: expandKv },
    b,
    decode,
  );
  const name = meas.op === 'attention_sdpa' ? 'fused_attention' : meas.op;
  return costs.find((c) => c.name === name) ?? null;
}

/**
 * One decoder block assembled from measured kernels: the 7 linears at M tokens, 2 norms, 2 adds,
 * the activation and the fused attention of the same (B, S, L). Only complete blocks count.
 */
export interface LayerGroup {
  key: string;
  model: string;
  members: number[];
}

export function layerGroups(file: MeasurementFile): LayerGroup[] {
  const byKernel = new Map<string, number>();
  file.ops.forEach((o, i) => {
    const shapeKey = o.M !== undefined ? `M${o.M}` : `B${o.B}S${o.S}L${o.L}`;
    byKernel.set(`${o.model}|${o.stage}|${o.op}|${shapeKey}|${o.K ?? ''}|${o.N ?? ''}`, i);
  });
  const groups: LayerGroup[] = [];
  file.ops.forEach((o, i) => {
    if (o.op !== 'attention_sdpa') return;
    const shape = file.models[o.model];
    if (!shape) return;
    const M = o.stage === 'prefill' ? o.B! * o.S! : o.B!;
    const h = shape.hidden;
    const kv = (shape.kv_heads * h) / shape.heads;
    const want: [string, number | string, number | string][] = [
      ['q_proj', h, h], ['k_proj', h, kv], ['v_proj', h, kv], ['out_proj', h, h],
      ['gate_proj', h, shape.ffn], ['up_proj', h, shape.ffn], ['down_proj', shape.ffn, h],
      ['rmsnorm', '', h], ['residual_add', '', h], ['silu_mul', '', shape.ffn],
    ];
    const members = [i];
    for (const [op, K, N] of want) {
      const j = byKernel.get(`${o.model}|${o.stage}|${op}|M${M}|${K}|${N}`);
      if (j === undefined) return;
      members.push(j);
      if (op === 'rmsnorm' || op === 'residual_add') members.push(j); // two per block
    }
    groups.push({ key: `${o.model} ${o.stage} B${o.B} S${o.S} L${o.L}`, model: o.model, members });
  });
  return groups;
}

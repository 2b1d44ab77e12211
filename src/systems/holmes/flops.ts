/**
 * Model FLOPs per iteration as Megatron reports them (B = global batch per iteration):
 * - the 96-coefficient form of Narayanan et al. (SC'21, eq. 3; counts a full activation-recompute
 *   forward): F = 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)) — the form that matches Holmes' published
 *   195 TFLOPS ↔ 93 samples/s pair for GPT-7.5B on 64 GPUs;
 * - Megatron core's `num_floating_point_operations` (no recompute, 72-coefficient for a GELU 4h
 *   MLP): F = 12·B·s·l·h²·((1 + g/a + s/h)·1 + (ffn/h)·gate + V/(2·l·h)), the form Holmes' own log prints.
 */
import type { ModelSpec } from '../../workload/model.js';

export function megatronFlops96(m: ModelSpec, batch: number, seq: number): number {
  const { hidden: h, layers: l, vocab: V } = m;
  return 96 * batch * seq * l * h * h * (1 + seq / (6 * h) + V / (16 * l * h));
}

export function megatronCoreFlops(m: ModelSpec, batch: number, seq: number): number {
  const { hidden: h, layers: l, vocab: V } = m;
  const groups = m.kvHeads / m.heads;
  const qRatio = (m.heads * m.headDim) / h;
  const gate = m.activation === 'swiglu' ? 2 : 1;
  return 12 * batch * seq * l * h * h * ((1 + groups + seq / h) * qRatio + (m.intermediate / h) * gate + V / (2 * l * h));
}

export function tflopsPerGpu(flops: number, iterationS: number, gpus: number): number {
  return flops / (iterationS * gpus) / 1e12;
}

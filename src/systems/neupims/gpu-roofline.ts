/**
 * GPU-only baseline: the roofline analyzer's decode step for the same model, tensor-parallel slice
 * and requests (spec §8 lists no GPU branch in the reference). The device and mode come from the
 * scenario's `gpu:` block (default: A100 80 GB, calibrated from measured A100 kernels — Vidur's
 * profiling data, models/hardware/measurements/a100-vidur.json; `mode: ideal` gives the datasheet roofline).
 * All-reduces are left out, as the NeuPIMs device model does not charge inter-device traffic either.
 */
import type { DeviceSpec } from '../../hw/device.js';
import type { ModelSpec } from '../../workload/model.js';
import { stepFn } from '../roofline/step.js';
import type { RooflineMode } from '../roofline/types.js';

export interface GpuBaseline {
  model: ModelSpec;
  device: DeviceSpec;
  mode: Exclude<RooflineMode, 'llm-viewer'>;
  /** Fused decode attention (FlashDecoding / paged attention) rather than unfused matmuls. */
  flash: boolean;
}

/** Seconds of one decoder layer on one GPU holding a `tp`-way slice, for a batch with these contexts. */
export function gpuLayerSeconds(g: GpuBaseline, tp: number, seqLens: readonly number[]): number {
  let ctx = 0;
  for (const L of seqLens) ctx += L;
  // One batched kernel per op: attention cost is affine in the context, so the mean context is exact.
  const step = stepFn(
    { model: g.model.id, hardware: g.device.id, stage: 'decode', batch: seqLens.length, seq: ctx / seqLens.length, gen: 1, bits: { w: 16, a: 16, kv: 16 }, flash: g.flash, tp, mode: g.mode },
    g.model,
    g.device,
  )('decode', ctx / seqLens.length, g.flash);
  let t = 0;
  for (let i = 0; i < step.blockRows; i++) if (!step.rows[i].name.endsWith('_allreduce')) t += step.rows[i].time_s;
  return t;
}

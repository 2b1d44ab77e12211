/**
 * GPU-only baseline: the A100 roofline of the same decode step (spec §8 lists no GPU branch in the
 * reference). Each operator takes max(FLOPs / peak, bytes / bandwidth), summed per layer.
 * TODO(lead): replace with the roofline analyzer's exported function once it exists, so the GPU
 * number comes from the calibrated device presets rather than these datasheet constants.
 */
import { tpSlice, type NeupimsModel } from './model-shapes.js';

/** NVIDIA A100 datasheet: 312 TFLOP/s dense FP16 tensor, 1.555 TB/s HBM2 (40 GB). */
export const A100 = { peakFlops: 312e12, bandwidthBps: 1.555e12 } as const;

export interface GpuOpTime {
  name: string;
  flops: number;
  bytes: number;
  seconds: number;
}

/** One decoder layer on one GPU holding the same tensor-parallel slice as one NeuPIMs device. */
export function gpuLayerOps(m: NeupimsModel, seqLens: readonly number[], gpu = A100): GpuOpTime[] {
  const { eTp, ffnTp } = tpSlice(m);
  const B = seqLens.length;
  const E = m.hidden;
  let ctx = 0;
  for (const L of seqLens) ctx += L;
  const op = (name: string, flops: number, bytes: number): GpuOpTime => ({
    name,
    flops,
    bytes,
    seconds: Math.max(flops / gpu.peakFlops, bytes / gpu.bandwidthBps),
  });
  const gemm = (name: string, k: number, n: number): GpuOpTime => op(name, 2 * B * k * n, 2 * (k * n + B * k + B * n));
  return [
    op('qkv.layernorm', 8 * B * E, 2 * 2 * B * E),
    gemm('qkv.gemm', E, 3 * eTp),
    // decode attention reads every cached K and V once (FlashDecoding-style, scores stay on chip)
    op('attn.qk', 2 * ctx * eTp, 2 * ctx * eTp + 2 * B * eTp),
    op('attn.softmax', 5 * ctx * (eTp / m.headDim), 0),
    op('attn.sv', 2 * ctx * eTp, 2 * ctx * eTp + 2 * B * eTp),
    gemm('proj.gemm', eTp, E),
    op('proj.residual', B * E, 3 * 2 * B * E),
    op('ffn.layernorm', 8 * B * E, 2 * 2 * B * E),
    gemm('ffn.fc1', E, ffnTp),
    op('ffn.gelu', 8 * B * ffnTp, 2 * 2 * B * ffnTp),
    gemm('ffn.fc2', ffnTp, E),
    op('ffn.residual', B * E, 3 * 2 * B * E),
  ];
}

export function gpuLayerSeconds(m: NeupimsModel, seqLens: readonly number[], gpu = A100): number {
  return gpuLayerOps(m, seqLens, gpu).reduce((s, o) => s + o.seconds, 0);
}

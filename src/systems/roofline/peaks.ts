/** Which datasheet peak bounds an operator, by bit widths and device (ideal/calibrated modes). */
import { HetsimError } from '../../errors.js';
import type { DeviceSpec, Dtype } from '../../hw/device.js';
import type { Bits } from './types.js';

/** Preference order of tensor-core dtypes for a given activation/weight width; first present wins. */
function matmulCandidates(bits: Bits): Dtype[] {
  const width = Math.max(bits.w, bits.a);
  if (width <= 4) return ['int4', 'int8', 'fp8', 'fp16', 'bf16', 'fp32'];
  if (width <= 8) return ['int8', 'fp8', 'fp16', 'bf16', 'fp32'];
  // Weight-only quantisation (w < a) computes in the activation dtype after dequantising.
  if (bits.a <= 16) return ['bf16', 'fp16', 'tf32', 'fp32'];
  return ['fp32', 'tf32', 'fp16', 'bf16'];
}

export interface Peak {
  dtype: Dtype;
  opsPerS: number;
}

export function matmulPeak(dev: DeviceSpec, bits: Bits): Peak {
  for (const d of matmulCandidates(bits)) {
    const v = dev.peak[d];
    if (v !== undefined) return { dtype: d, opsPerS: v };
  }
  throw new HetsimError('config_invalid', `${dev.id} has no peak usable for w${bits.w}a${bits.a}`, 'peak');
}

/**
 * Elementwise work (norms, softmax, activations, dequantisation) runs on the vector units:
 * the fp32 (non-tensor) peak where the device lists one, else the best listed peak.
 */
export function vectorPeak(dev: DeviceSpec, bits: Bits): Peak {
  const v = dev.peak.fp32;
  return v !== undefined ? { dtype: 'fp32', opsPerS: v } : matmulPeak(dev, bits);
}

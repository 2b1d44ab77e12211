/**
 * A device as the analytical models see it: resolved numbers in SI units
 * (B/s, B, OP/s, s, W). Built from a YAML preset by `src/hw/hardware-preset.ts`.
 */
export const DTYPES = ['fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;
export type Dtype = (typeof DTYPES)[number];

export interface Interconnect {
  /** Per-direction bandwidth one device can push into a collective, B/s. */
  bandwidth: number;
  /** Per-hop latency, s. */
  latency: number;
}

export interface DeviceSpec {
  /** Preset id (file name without extension) or the path it was loaded from. */
  id: string;
  name: string;
  /** Off-chip memory bandwidth, B/s. */
  bandwidth: number;
  /** Peak dense throughput per dtype, OP/s (a multiply-add counts 2). */
  peak: Partial<Record<Dtype, number>>;
  /** Device memory, B. */
  capacity?: number;
  /** On-chip buffer, B (LLM-Viewer: SMs x 256 KB register file; used for its flash block size). */
  onchip?: number;
  /** Board power, W. */
  tdp?: number;
  interconnect?: Interconnect;
  /** List price, USD. */
  price?: number;
  /** Achievable-roofline model fitted by `hetsim calibrate`. Opaque here; see src/systems/roofline/calibration.ts. */
  calibration?: unknown;
  /** Where the numbers come from (datasheet URL, paper section). */
  source?: string;
}

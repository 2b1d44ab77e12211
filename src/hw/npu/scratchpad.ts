/**
 * Scratchpad capacity accounting. Spec §2: the shipped `sram_size` (134218 KB) serves both the
 * spad and the accumulator and half of it is usable per tile (double buffering), which is why every
 * GEMM of a layer fits as ONE tile. We keep the check so a smaller configured SRAM fails loudly
 * instead of silently modelling a tiling the simulator does not implement.
 */
import { HetsimError } from '../../errors.js';
import type { NpuConfig } from './npu-config.js';
import type { GemmShape } from './systolic-array.js';

/** Bytes one GEMM tile needs resident: activations, weights, outputs (FP16). */
export function gemmTileBytes(s: GemmShape, c: NpuConfig): number {
  return (s.m * s.k + s.k * s.n + s.m * s.n) * c.precisionBytes;
}

export class Scratchpad {
  private used = 0;
  peak = 0;

  constructor(private readonly c: NpuConfig) {}

  /** Usable bytes per tile (half the SRAM, the other half is the next tile's buffer). */
  get capacity(): number {
    return this.c.sramBytes / 2;
  }

  allocate(bytes: number, what: string): void {
    if (this.used + bytes > this.capacity) {
      throw new HetsimError(
        'config_invalid',
        `${what} needs ${bytes} B of scratchpad but only ${this.capacity - this.used} B of ${this.capacity} B are free; ` +
          'the NeuPIMs NPU model runs each GEMM as one tile (spec §2), so raise sram_bytes',
        'npu.sram_bytes',
      );
    }
    this.used += bytes;
    this.peak = Math.max(this.peak, this.used);
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

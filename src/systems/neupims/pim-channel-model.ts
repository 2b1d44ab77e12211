/**
 * The boundary between the NeuPIMs system layer and the memory side (src/hw/dram, src/hw/pim).
 * One object per HBM-PIM channel, living on the shared discrete-event kernel; the system layer
 * never learns how commands are timed (ASTRA-sim's backend split, spec style §3). Every call is
 * made inside the kernel's event loop at `sim.now`; callbacks fire at completion times.
 */
import type { PimOp } from './pim-ops.js';

/**
 * `dual`: NeuPIMs dual row buffers, fused COMPS_READRES, normal traffic concurrent with GEMVs.
 * `single`: Newton-style single row buffer, COMP×n + READRES, blocked mode (§5).
 * `dram`: plain HBM2 without PIM (NPU-only baseline, §8).
 */
export type PimMode = 'dual' | 'single' | 'dram';

export interface PimChannelModel {
  readonly channel: number;
  /** Queue `chunks` page writes (1 KB each with §2's page) to this channel; chunk j maps to dma.chunkAddress(j, baseRow, org). */
  write(chunks: number, baseRow: number, onDone: () => void): void;
  /** Queue PIM ops, executed in order after earlier queued ops; `onDone` when the last result is back. */
  pim(ops: readonly PimOp[], onDone: () => void): void;
  /** DRAM commands issued so far by type (ACT, PRE, RD, WR, REF, G_ACT, COMP, READRES, COMPS_READRES, GWRITE, …). */
  commandCounts(): Record<string, number>;
  /** Cycles the channel had a PIM GEMV in flight (PIM utilization numerator). */
  pimBusyCycles(): number;
  /** Bytes this channel moved for `write` (bulk NPU DMA is counted by the device adapter). */
  busBytes(): number;
}

/**
 * The NPU's view of HBM: bulk DMA transfers (a MOVIN/MOVOUT of a tensor or of one weight block)
 * at byte addresses of the `rorabgbachco` map (dma.ts), so a transfer spreads over all channels
 * in 1 KB chunks. `onDone` fires inside the kernel's event loop when the transfer's last 64 B
 * transaction has completed. Implemented over the cycle-level DRAM model by the system layer.
 */
export interface NpuMemoryPort {
  readonly channels: number;
  /** Bytes in one row index across every bank of every channel (32 ch × 32 banks × 1 KB = 1 MB). */
  readonly rowBytes: number;
  /** Peak data rate over all channels, bytes per NPU cycle (a stream can go no faster). */
  readonly peakBytesPerCycle: number;
  transfer(addr: number, bytes: number, isWrite: boolean, onDone: () => void): void;
}

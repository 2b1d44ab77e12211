/**
 * The NPU's view of HBM: 1 KB chunk transfers on one channel (the DMA splits tensors with the
 * `rorabgbachco` map, dma.ts). Callbacks fire inside the kernel's event loop at the completion time
 * (`sim.now`). Implemented over the cycle-level DRAM/PIM channel models by the system layer.
 */
export interface NpuMemoryPort {
  readonly channels: number;
  /** Queue `chunks` reads on channel `ch`; the j-th lands at dma.chunkAddress(j, baseRow). */
  read(ch: number, chunks: number, baseRow: number, onChunk: (j: number) => void): void;
  /** Queue `chunks` writes; `onDone` once the last is accepted by the controller. */
  write(ch: number, chunks: number, baseRow: number, onDone: () => void): void;
}

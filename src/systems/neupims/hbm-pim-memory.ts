/**
 * Adapter from the system layer to the cycle-level memory side: one `HbmDevice` (src/hw/dram)
 * whose channels carry the PIM engine (src/hw/pim) as their agent. NPU DMA goes through the
 * device's bulk streams (address-ordered, fed lazily under a per-channel window); the small
 * per-request writes of the MHA (logits, outputs) target one channel and are queued per chunk,
 * where only the last burst of a 1 KB chunk carries a callback (its 16 bursts hit one open row
 * in order), so the kernel schedules one completion event per chunk, not per burst.
 */
import type { ClockDomain, Counter, Simulator } from '../../sim/index.js';
import type { HbmDevice } from '../../hw/dram/hbm-device.js';
import type { HbmChannel } from '../../hw/dram/hbm-channel.js';
import { buildHbmPim } from '../../hw/pim/memory-config.js';
import { chunkAddress } from '../../hw/npu/dma.js';
import type { NpuMemoryPort } from '../../hw/npu/memory-port.js';
import type { PimGeometry } from './kv-layout.js';
import type { PimChannelModel, PimMode } from './pim-channel-model.js';
import type { PimOp } from './pim-ops.js';
import { createPimBackend, type PimBackend } from './pim-backend.js';
import { CHUNKS_IN_FLIGHT, STREAM_WINDOW } from './stream-window.js';

/** A queued write of one page (1 KB: one row of one bank). */
interface Chunk {
  j: number;
  baseRow: number;
  done: (() => void) | null;
}

class Channel implements PimChannelModel {
  bytes = 0;
  private readonly pending: Chunk[] = [];
  private head = 0;
  private inFlight = 0;

  /** Transactions per page (16 for 1 KB of 64 B bursts). */
  private readonly bursts: number;

  constructor(
    readonly channel: number,
    private readonly dev: HbmDevice,
    private readonly hbm: HbmChannel,
    private readonly pimBackend: PimBackend | null,
    private readonly busCounter: Counter,
  ) {
    this.bursts = dev.spec.org.columns;
  }

  write(chunks: number, baseRow: number, onDone: () => void): void {
    if (chunks === 0) return onDone();
    for (let j = 0; j < chunks; j++) this.pending.push({ j, baseRow, done: j === chunks - 1 ? onDone : null });
    const bytes = chunks * this.bursts * this.dev.spec.org.txBytes;
    this.bytes += bytes;
    this.busCounter.value += bytes;
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < CHUNKS_IN_FLIGHT && this.head < this.pending.length) {
      const c = this.pending[this.head++];
      this.inFlight++;
      const a = chunkAddress(c.j, c.baseRow, this.dev.spec.org);
      const finish = (): void => {
        this.inFlight--;
        this.pump();
        c.done?.();
      };
      for (let col = 0; col < this.bursts; col++) {
        this.dev.enqueue({
          coord: { ch: this.channel, rank: a.rank, bg: a.bankGroup, bank: a.bank, row: a.row, col },
          isWrite: true,
          // its 16 bursts hit one open row in order, so the last one's completion ends the chunk
          onDone: col === this.bursts - 1 ? finish : undefined,
        });
      }
    }
    if (this.head > 4096 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
  }

  pim(ops: readonly PimOp[], onDone: () => void): void {
    if (!this.pimBackend) throw new Error(`channel ${this.channel}: PIM op on a plain-HBM (npu-only) device`);
    this.pimBackend.submit(this.channel, ops, onDone);
  }

  commandCounts(): Record<string, number> {
    return this.hbm.state.countsByName();
  }

  pimBusyCycles(): number {
    return this.pimBackend?.busyCycles(this.channel) ?? 0;
  }

  busBytes(): number {
    return this.bytes;
  }
}

export class HbmPimMemory implements NpuMemoryPort {
  readonly device: HbmDevice;
  readonly channelModels: PimChannelModel[];
  readonly channels: number;
  readonly pimBackend: PimBackend | null;
  private bulkBytes = 0;
  /** `memory.busBytes` in the simulator's stats: bulk DMA plus the per-channel writes. */
  private readonly busCounter: Counter;

  /**
   * The device is built from `geo` (channels, banks, page; plain HBM2 of that organisation for
   * `dram`); `npuClock` is the clock of the NPU this memory serves (NpuCore.clock).
   */
  constructor(
    sim: Simulator,
    mode: PimMode,
    geo: PimGeometry,
    private readonly npuClock: ClockDomain,
  ) {
    const backend = mode === 'dram' ? null : createPimBackend(sim, mode, geo);
    this.device = backend ? backend.device : buildHbmPim(geo, sim, { pim: null, streamWindow: STREAM_WINDOW }).device;
    this.pimBackend = backend;
    this.channels = this.device.channels.length;
    this.busCounter = sim.stats.counter('memory.busBytes');
    this.channelModels = this.device.channels.map((ch, i) => new Channel(i, this.device, ch, backend, this.busCounter));
  }

  get rowBytes(): number {
    const o = this.device.spec.org;
    return o.channels * o.ranks * o.bankGroups * o.banksPerGroup * o.columns * o.txBytes;
  }

  /**
   * Every channel moves one transaction per burst (nBL DRAM cycles): 32 × 64 B / 2 = 1 KB per DRAM
   * cycle, scaled by DRAM cycles per NPU cycle (1 at §2's 1 GHz / 1 GHz).
   */
  get peakBytesPerCycle(): number {
    const { org, timing } = this.device.spec;
    const perDramCycle = (org.channels * org.txBytes) / timing.nBL;
    return perDramCycle * (this.npuClock.periodPs / this.device.channels[0].clock.periodPs);
  }

  transfer(addr: number, bytes: number, isWrite: boolean, onDone: () => void): void {
    if (bytes <= 0) return onDone();
    this.bulkBytes += bytes;
    this.busCounter.value += bytes;
    this.device.enqueueStream({ addr, bytes, isWrite, onDone: () => onDone() });
  }

  /** Bytes over the external bus: bulk DMA plus the per-channel MHA writes. */
  busBytes(): number {
    return this.bulkBytes + this.channelModels.reduce((a, c) => a + c.busBytes(), 0);
  }

  /** DRAM commands by type, summed over channels. */
  commandCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.channelModels) for (const [k, v] of Object.entries(c.commandCounts())) out[k] = (out[k] ?? 0) + v;
    return out;
  }
}

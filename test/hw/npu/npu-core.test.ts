import { describe, expect, it } from 'vitest';
import { ClockDomain, Simulator } from '../../../src/sim/index.js';
import type { NpuMemoryPort } from '../../../src/hw/npu/memory-port.js';
import { DmaStream } from '../../../src/hw/npu/dma.js';
import { DEFAULT_NPU } from '../../../src/hw/npu/npu-config.js';

/** The memory double's clock: the NPU's own 1 GHz (DEFAULT_NPU). */
const NPU_CLOCK = new ClockDomain('npu', 1000);
import { NpuCore } from '../../../src/hw/npu/npu-core.js';
import { runGemm } from '../../../src/hw/npu/systolic-array.js';

/** Test double: every channel serves one 1 KB chunk per `perChunk` cycles, in order. */
class FixedRateMemory implements NpuMemoryPort {
  readonly channels = 32;
  readonly rowBytes = 1 << 20;
  get peakBytesPerCycle(): number {
    return (32 * 1024) / this.perChunk;
  }
  private readonly freeAt = new Float64Array(32);
  chunksRead = 0;
  constructor(
    private readonly sim: Simulator,
    private readonly perChunk: number,
  ) {}
  transfer(addr: number, bytes: number, isWrite: boolean, onDone: () => void): void {
    const now = NPU_CLOCK.cycleAtOrAfter(this.sim.now);
    const s = new DmaStream(bytes, 32, Math.floor(addr / 1024) % 32);
    let end = now;
    for (let ch = 0; ch < 32; ch++) {
      const n = s.chunksOn(ch);
      if (n === 0) continue;
      this.freeAt[ch] = Math.max(this.freeAt[ch], now) + n * this.perChunk;
      end = Math.max(end, this.freeAt[ch]);
      if (!isWrite) this.chunksRead += n;
    }
    this.sim.schedule(NPU_CLOCK.toPs(end), { handleEvent: onDone });
  }
}

function run(perChunk: number, shape = { m: 256, k: 1024, n: 1024 }) {
  const sim = new Simulator();
  const mem = new FixedRateMemory(sim, perChunk);
  const npu = new NpuCore(sim, DEFAULT_NPU, mem);
  let done = -1;
  npu.run([{ kind: 'gemm', name: 'g', shape, weightRow: 0, actRow: 100 }], () => (done = npu.nowCycle));
  sim.run();
  return { done, npu, mem };
}

describe('NPU core', () => {
  it('a GEMM reads its activations and weights once, in 1 KB chunks', () => {
    const { mem } = run(1);
    expect(mem.chunksRead).toBe((256 * 1024 * 2 + 1024 * 1024 * 2) / 1024);
  });

  it('with fast memory the GEMM is compute-bound: systolic timing plus load and store', () => {
    const { done, npu } = run(1);
    const compute = runGemm({ m: 256, k: 1024, n: 1024 }, DEFAULT_NPU, 0);
    expect(npu.saBusyCycles).toBe(compute.busyCycles);
    expect(npu.saStallCycles).toBe(0);
    expect(done).toBeGreaterThanOrEqual(compute.end);
    expect(done).toBeLessThan(compute.end + 200);
  });

  it('with slow memory the GEMM waits for streaming blocks (memory-bound)', () => {
    const slow = run(200);
    const fast = run(1);
    // 2 MB of weights = 64 chunks per channel at 200 cycles each
    expect(slow.done).toBeGreaterThan(64 * 200);
    expect(slow.npu.saStallCycles).toBeGreaterThan(0);
    expect(slow.done).toBeGreaterThan(fast.done);
  });

  it('vector ops without memory traffic: reference issue, one row per cycle plus the latency', () => {
    const sim = new Simulator();
    const npu = new NpuCore(sim, DEFAULT_NPU, new FixedRateMemory(sim, 1));
    let done = -1;
    npu.run(
      [
        { kind: 'vector', name: 'ln', kernel: 'layerNorm', rows: 16, len: 4096 },
        { kind: 'vector', name: 'add', kernel: 'add', rows: 16, len: 4096 },
      ],
      () => (done = npu.nowCycle),
    );
    sim.run();
    expect(done).toBe(15 + 229 + 15 + 32);
    expect(npu.spans.map((s) => s.name)).toEqual(['ln', 'add']);
  });

  it('a vector op with actRow streams its inputs in and its output out (residual add: two operands)', () => {
    const sim = new Simulator();
    const mem = new FixedRateMemory(sim, 1);
    const npu = new NpuCore(sim, DEFAULT_NPU, mem);
    let done = -1;
    npu.run([{ kind: 'vector', name: 'add', kernel: 'add', rows: 64, len: 4096, actRow: 100 }], () => (done = npu.nowCycle));
    sim.run();
    expect(mem.chunksRead).toBe((2 * 64 * 4096 * 2) / 1024);
    // 1 MB in at one 1 KB chunk per channel-cycle = 32 cycles, then 64 rows issued one per cycle
    expect(done).toBeGreaterThanOrEqual(32 + 32);
    expect(done).toBeLessThan(32 + 63 + 32 + 64);
  });
});

describe('NPU core scratchpad', () => {
  it('a GEMM larger than half the SRAM runs as column slices that each fit', () => {
    const sim = new Simulator();
    const mem = new FixedRateMemory(sim, 1);
    const cfg = { ...DEFAULT_NPU, sramBytes: 2 * 6 * 1024 * 1024 }; // 6 MB usable
    const npu = new NpuCore(sim, cfg, mem);
    npu.run([{ kind: 'gemm', name: 'big', shape: { m: 256, k: 1024, n: 4096 }, weightRow: 0, actRow: 100 }], () => {});
    sim.run();
    expect(npu.spans.map((s) => s.name)).toEqual(['big[0]', 'big[1]']);
    expect(npu.macs).toBe(256 * 1024 * 4096);
    // weights read once, activations once per slice
    expect(mem.chunksRead).toBe((1024 * 4096 * 2 + 2 * 256 * 1024 * 2) / 1024);
    expect(npu.spad.peak).toBeLessThanOrEqual(npu.spad.capacity);
  });

  it('ticks the clock of its own config (npu.freq_mhz 500 → 2000 ps cycles), not a module constant', () => {
    const sim = new Simulator();
    const npu = new NpuCore(sim, { ...DEFAULT_NPU, freqHz: 500e6 }, new FixedRateMemory(sim, 1));
    expect(npu.clock.toPs(3)).toBe(6000);
    expect(new NpuCore(sim, { ...DEFAULT_NPU, freqHz: 225e6 }, new FixedRateMemory(sim, 1)).clock.toPs(1)).toBe(4444);
  });
});

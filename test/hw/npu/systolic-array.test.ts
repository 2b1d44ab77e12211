import { describe, expect, it } from 'vitest';
import { DEFAULT_NPU } from '../../../src/hw/npu/npu-config.js';
import { gemmComputeCycles, instructionLatency, runGemm, streamSize, tileCounts } from '../../../src/hw/npu/systolic-array.js';

const c = DEFAULT_NPU;

describe('systolic array (spec §3)', () => {
  it('instruction latency is H + W − 2 + max(size, 4) = 270 for a full block on 8 arrays', () => {
    expect(streamSize(128, c)).toBe(16);
    expect(instructionLatency(16, c)).toBe(270);
    expect(instructionLatency(1, c)).toBe(128 + 128 - 2 + 4);
  });

  it('QKV of 512 tokens × 4096 × 3072 issues 128 stationary tiles of 128 + 23·16 cycles', () => {
    const s = { m: 512, k: 4096, n: 3072 };
    expect(tileCounts(s, c)).toEqual({ mt: 4, kt: 32, nt: 24 });
    const t = runGemm(s, c, 0);
    expect(t.busyCycles).toBe(128 * (128 + 23 * 16)); // 63,488 (spec: 63.5 k)
    expect(t.instructions).toBe(128 * 24);
    // fill before the first block + the last instruction's latency
    expect(t.end).toBe(127 + 128 * (128 + 23 * 16) - 16 + 270);
    expect(gemmComputeCycles(s, c)).toBe(t.end);
  });

  it('an instruction waits for its k-slab and the wait is counted as stall', () => {
    const s = { m: 128, k: 256, n: 128 };
    const free = runGemm(s, c, 0);
    const late = runGemm(s, c, 0, (_m, k) => (k === 1 ? 10_000 : 0));
    expect(late.stallCycles).toBe(10_000 - (127 + 128));
    expect(late.end).toBe(10_000 + 270);
    expect(late.end).toBeGreaterThan(free.end);
  });

  it('token tiles run one after another through every k-slab (the reference MatMul.cc order)', () => {
    // Two token tiles, two k-slabs, the second slab late: token tile 0 waits for it, and token
    // tile 1 (all of whose operands are in) starts only after that. A k-slab-major order would
    // have run both token tiles over slab 0 first and ended at 10,000 + 128 + 270.
    const late = runGemm({ m: 256, k: 256, n: 128 }, c, 0, (_m, k) => (k === 1 ? 10_000 : 0));
    expect(late.instructions).toBe(4);
    expect(late.end).toBe(10_000 + 128 + 128 + 270);
  });

  it('cycles scale with token tiles: twice the tokens, twice the stationary tiles', () => {
    const a = runGemm({ m: 256, k: 4096, n: 4096 }, c, 0).busyCycles;
    const b = runGemm({ m: 512, k: 4096, n: 4096 }, c, 0).busyCycles;
    expect(b).toBe(2 * a);
  });
});

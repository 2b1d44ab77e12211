/** CSD chain, MPE tiling (eq. 3), SFU timing and the 225 MHz clock (FlightLLM sections 3.2–3.4). */
import { describe, expect, it } from 'vitest';
import { HetsimError } from '../../../src/errors.js';
import { checkN, FLIGHTLLM_CHAIN, oauCount, outputsPerCycle, reductionBreaks, weightBytesPerPosition, workFactor } from '../../../src/hw/fpga/csd-chain.js';
import { macsPerCycle, mvParallelismForBandwidth, sfuCycles, tileCycles } from '../../../src/hw/fpga/mpe.js';
import { ClockDomain } from '../../../src/sim/index.js';

describe('CSD chain', () => {
  it('a 16-DSP chain yields 1 output dense and 16/N at N:16 (paper 3.2)', () => {
    expect(outputsPerCycle(FLIGHTLLM_CHAIN, 16)).toBe(1);
    expect(outputsPerCycle(FLIGHTLLM_CHAIN, 8)).toBe(2);
    expect(outputsPerCycle(FLIGHTLLM_CHAIN, 2)).toBe(8);
    expect(reductionBreaks(FLIGHTLLM_CHAIN, 2)).toBe(7);
    expect(reductionBreaks(FLIGHTLLM_CHAIN, 16)).toBe(0);
  });

  it('needs overflow adjust units only beyond 8 DSPs (18-bit packed lanes)', () => {
    expect(oauCount(FLIGHTLLM_CHAIN, 8)).toBe(0);
    expect(oauCount(FLIGHTLLM_CHAIN, 2)).toBe(0);
    expect(oauCount(FLIGHTLLM_CHAIN, 16)).toBe(4);
  });

  it('work and weight bytes scale with density, plus 4-bit indices per non-zero', () => {
    expect(workFactor(4)).toBe(0.25);
    expect(weightBytesPerPosition(4, 16, true)).toBe(0.5);
    expect(weightBytesPerPosition(8, 8, true)).toBe(0.5 + 0.25);
    expect(weightBytesPerPosition(8, 8, false)).toBe(0.5);
  });

  it('refuses an N:16 pattern the chain cannot configure', () => {
    expect(() => checkN(3, 'sparsity.n_of_16.default')).toThrow(HetsimError);
    expect(() => checkN(3, 'x')).toThrow(/accepted N: 0, 2, 4, 8, 16/);
    expect(checkN(0, 'x')).toBe(0);
  });
});

describe('MPE tiling', () => {
  it("tile cycles equal the demo profiler's formulas (inst_profiler.py time_MV / time_MM)", () => {
    const mv = { n: 64, k: 16, m: 1 };
    const mm = { n: 2, k: 16, m: 128 };
    // time_MV: K_blocks · 16 · 512 · density / 1024
    expect(tileCycles(mv, 1, 128 * 16, 512, 16)).toBe((128 * 16 * 512) / 1024);
    expect(tileCycles(mv, 1, 128 * 16, 512, 8)).toBe((128 * 16 * 512 * 0.5) / 1024);
    // time_MM: 128 · K_blocks · 16 · 16 / 4096
    expect(tileCycles(mm, 128, 64 * 16, 16, 16)).toBe((128 * 64 * 16 * 16) / 4096);
    expect(tileCycles(mm, 1, 16, 16, 0)).toBe(0);
  });

  it('eq. 3 MV sizing reproduces the demo VHK158 MV parallelism (64 × 16) from its HBM numbers', () => {
    // 8 channels × 25.6 GB/s × 0.7 at 225 MHz, INT8 weights (profile/config.yaml)
    const bytesPerCycle = (8 * 25.6e9 * 0.7) / 225e6;
    expect(mvParallelismForBandwidth(bytesPerCycle, 1, 16, 4096)).toEqual({ n: 64, k: 16, m: 1 });
    // U280: 8 channels × 14.375 GB/s × 0.924 (Shuhai) → 472 B/cycle → 512 MAC/cycle
    const u280 = mvParallelismForBandwidth((8 * 14.375e9 * 0.924) / 225e6, 1, 16, 4096);
    expect(macsPerCycle(u280)).toBe(512);
  });

  it('two-phase SFU ops read their data twice', () => {
    expect(sfuCycles('eltwise_add', 4096, 16)).toBe(256);
    expect(sfuCycles('rmsnorm', 4096, 16)).toBe(512);
    expect(sfuCycles('softmax', 4096, 16)).toBe(512);
  });

  it('the 225 MHz clock has non-uniform integer edges that never drift', () => {
    const c = new ClockDomain('fpga', 225);
    expect([c.toPs(0), c.toPs(1), c.toPs(2), c.toPs(3)]).toEqual([0, 4444, 8889, 13333]);
    expect(c.toPs(225_000_000)).toBe(1e12);
  });
});

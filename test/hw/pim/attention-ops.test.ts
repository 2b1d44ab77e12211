import { describe, expect, it } from 'vitest';
import { attendOps, estimateMhaCycles, kvRows, logitOps } from '../../../src/hw/pim/attention-ops.js';
import { runGemv } from '../../../src/hw/pim/run-gemv.js';

// GPT3-7B, TP4 (spec neupims.md §4, §7): E_tp = 1024, 8 heads per device, d_k = 128.
const gpt7b = (seqLen: number) => ({ seqLen, embTp: 1024, dHead: 128, headsTp: 8 });
const rows = { kvBaseRow: 1000, scratchRow: 10 };

describe('NeuPIMs attention decomposition (§4)', () => {
  it('Q·Kᵀ: per 512-element chunk one GWRITE and ⌈L/32⌉ tiles of 4 × 8-COMP COMPS_READRES', () => {
    const ops = logitOps(gpt7b(512), rows);
    expect(ops.filter((o) => o.kind === 'gwrite')).toHaveLength(2);
    const gemv = ops.filter((o) => o.kind === 'gemv');
    expect(gemv).toHaveLength(2 * 16);
    expect(gemv[0]).toEqual({ kind: 'gemv', row: 1000, numComps: 8, numReadres: 4 });
  });

  it('logits·V: per head and 512-token chunk one GWRITE and d_k/32 tiles; COMPs rounded to a power of 2', () => {
    const ops = attendOps(gpt7b(600), rows);
    const gemv = ops.filter((o) => o.kind === 'gemv');
    expect(ops.filter((o) => o.kind === 'gwrite')).toHaveLength(8 * 2);
    expect(gemv).toHaveLength(8 * 2 * 4);
    expect(gemv.map((g) => g.numComps).slice(0, 8)).toEqual([32, 32, 32, 32, 8, 8, 8, 8]); // 512/16; ⌈88/16⌉ = 6 → 8
    expect(new Set(gemv.map((g) => g.row)).size).toBe(gemv.length);
    expect(kvRows(gpt7b(600))).toBe(2 * 19 + 8 * 2 * 4);
  });

  it('scheduler estimate uses gwrite = 100 and gemv-tile = 184', () => {
    expect(estimateMhaCycles(gpt7b(512))).toBe(2 * (100 + 16 * 184) + 8 * (100 + 4 * 184));
  });

  it('a request at L = 512 simulates within 0.75–1.35× of the scheduler estimate', () => {
    // The estimator (gwrite 100, gemv tile 184) ignores refresh: the controller starts no GEMV that
    // would not finish before the next refresh, which costs about one tile in seven. The public
    // simulator's own command log (32 requests of 1,024 tokens, one per channel) shows Q·Kᵀ tiles
    // every 197 cycles between refreshes and 283 on average, i.e. ≈ 1.3× its estimator.
    const s = gpt7b(512);
    const r = runGemv({ mode: 'dual', strict: true, ops: [...logitOps(s, rows), ...attendOps(s, rows)] });
    expect(r.pimCycles / estimateMhaCycles(s)).toBeGreaterThan(0.75);
    expect(r.pimCycles / estimateMhaCycles(s)).toBeLessThan(1.35);
  });
});

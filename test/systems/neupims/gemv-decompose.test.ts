import { describe, expect, it } from 'vitest';
import { qkJob, svJob, svPartialSumRows } from '../../../src/systems/neupims/gemv-decompose.js';
import { estimateMhaCycles } from '../../../src/systems/neupims/mha-estimator.js';
import { GEO, SHAPE_7B_TP4 } from './harness.js';

const rows = { keyRow0: 5000, valueRow0: 6000 };

describe('GEMV decomposition (spec §4)', () => {
  it('Q·Kᵀ: per 512-element chunk one GWRITE and ⌈L/32⌉ tiles of 4 heads × 8 COMPs', () => {
    const j = qkJob(7, 3, 100, rows, SHAPE_7B_TP4, GEO);
    expect(j.channel).toBe(3);
    const gw = j.ops.filter((o) => o.kind === 'gwrite');
    const gemv = j.ops.filter((o) => o.kind === 'gemv');
    expect(gw).toHaveLength(2);
    expect(gemv).toHaveLength(2 * 4);
    expect(gemv[0]).toEqual({ kind: 'gemv', row: 5000, comps: 8, readres: 4, headerComps: 32 });
    // rows interleave chunks: tile t of chunk c at keyRow0 + t·chunks + c
    expect(gemv.slice(0, 4).map((o) => o.row)).toEqual([5000, 5002, 5004, 5006]);
    expect(gemv.slice(4).map((o) => o.row)).toEqual([5001, 5003, 5005, 5007]);
  });

  it('logits·V: per head and 512-token chunk one GWRITE and d_k/32 tiles of ⌈tokens/16⌉ COMPs', () => {
    const j = svJob(0, 0, 600, rows, SHAPE_7B_TP4, GEO);
    expect(j.ops.filter((o) => o.kind === 'gwrite')).toHaveLength(8 * 2);
    const gemv = j.ops.filter((o) => o.kind === 'gemv');
    expect(gemv).toHaveLength(8 * 2 * 4);
    expect(gemv[0]).toMatchObject({ comps: 32, readres: 1, headerComps: 32 });
    // the last chunk holds 600 − 512 = 88 tokens → 6 COMPs, header rounds up to 8
    expect(gemv[4]).toMatchObject({ comps: 6, readres: 1, headerComps: 8 });
    expect(new Set(gemv.map((o) => o.row)).size).toBe(gemv.length);
    expect(svPartialSumRows(600, SHAPE_7B_TP4, GEO)).toBe(32);
    expect(svPartialSumRows(512, SHAPE_7B_TP4, GEO)).toBe(0);
  });

  it('GQA (8 query heads on 2 KV heads, d_k 128): every query head passes over its KV head once', () => {
    const gqa = { eTp: 1024, headsTp: 8, kvHeadsTp: 2, headDim: 128 };
    const qk = qkJob(0, 0, 64, rows, gqa, GEO);
    // one 512-element chunk holds both KV heads' keys: 4 query groups × (GWRITE + ⌈64/32⌉ tiles)
    expect(qk.ops.filter((o) => o.kind === 'gwrite')).toHaveLength(4);
    const qkGemv = qk.ops.filter((o) => o.kind === 'gemv');
    expect(qkGemv).toHaveLength(4 * 2);
    expect(qkGemv[0]).toEqual({ kind: 'gemv', row: 5000, comps: 8, readres: 2, headerComps: 16 });
    // MACs: 8 query heads × 64 tokens × 128 = 8 GEMVs × 8 COMPs × 2 results × 16 MACs × 32 banks
    expect(qkGemv.reduce((a, o) => a + (o.kind === 'gemv' ? o.comps * o.readres : 0), 0) * 16 * 32).toBe(8 * 64 * 128);
    const sv = svJob(0, 0, 64, rows, gqa, GEO).ops.filter((o) => o.kind === 'gemv');
    expect(sv).toHaveLength(8 * 4);
    // query heads 0–3 read KV head 0's 4 value tiles, heads 4–7 KV head 1's
    expect(sv.slice(0, 16).map((o) => o.row)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3].map((t) => 6000 + t));
    expect(sv.slice(16).every((o) => o.row >= 6004 && o.row < 6008)).toBe(true);
    expect(estimateMhaCycles(64, gqa, GEO)).toBe(4 * (100 + 2 * 184) + 8 * (100 + 4 * 184));
  });

  it('the load-balancing estimate is ⌈E/512⌉(100 + ⌈L/32⌉·184) + ⌈L/512⌉·n_h(100 + 4·184)', () => {
    expect(estimateMhaCycles(32, SHAPE_7B_TP4, GEO)).toBe(2 * (100 + 184) + 8 * (100 + 4 * 184));
    expect(estimateMhaCycles(1024, SHAPE_7B_TP4, GEO)).toBe(2 * (100 + 32 * 184) + 2 * 8 * (100 + 4 * 184));
  });
});

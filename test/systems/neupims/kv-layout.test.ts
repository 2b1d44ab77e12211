import { describe, expect, it } from 'vitest';
import { KvAllocator, keyChunks, keyTiles, valueTiles } from '../../../src/systems/neupims/kv-layout.js';
import { GEO, SHAPE_7B_TP4 } from './harness.js';

describe('KV layout in PIM rows (spec §4)', () => {
  it('keys: one token per bank, 32 tokens per row tile, E/tp in 512-element chunks', () => {
    expect(keyChunks(SHAPE_7B_TP4, GEO)).toBe(2);
    expect(keyTiles(32, SHAPE_7B_TP4, GEO)).toBe(2);
    expect(keyTiles(33, SHAPE_7B_TP4, GEO)).toBe(4);
    expect(keyTiles(2048, SHAPE_7B_TP4, GEO)).toBe(2 * 64);
  });

  it('values: one dimension per bank, 512 tokens per row, d_k/32 tiles per head and chunk', () => {
    expect(valueTiles(1, SHAPE_7B_TP4, GEO)).toBe(8 * 4);
    expect(valueTiles(513, SHAPE_7B_TP4, GEO)).toBe(2 * 8 * 4);
  });

  it('GQA stores only the KV heads: 2 of 8 heads → a quarter of the rows', () => {
    const gqa = { ...SHAPE_7B_TP4, kvHeadsTp: 2 };
    expect(keyChunks(gqa, GEO)).toBe(1);
    expect(keyTiles(2048, gqa, GEO)).toBe(64);
    expect(valueTiles(513, gqa, GEO)).toBe(2 * 2 * 4);
  });

  it('the allocator hands out disjoint rows above the weight region and rejects overflow', () => {
    const a = new KvAllocator({ ...GEO, kvRowsPerChannel: 100 }, SHAPE_7B_TP4);
    const r1 = a.allocate(3, 32, 'r1');
    const r2 = a.allocate(3, 32, 'r2');
    expect(r1.keyRow0).toBe(3072);
    expect(r1.valueRow0).toBe(3072 + 2);
    expect(r2.keyRow0).toBe(3072 + 2 + 32);
    expect(a.used(3)).toBe(68);
    expect(a.allocate(4, 32, 'r3').keyRow0).toBe(3072);
    expect(() => a.allocate(3, 32, 'r4')).toThrow(/capacity is 100/);
  });
});

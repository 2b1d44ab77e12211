import { describe, expect, it } from 'vitest';
import { chunkAddress, DmaStream } from '../../../src/hw/npu/dma.js';

describe('DMA address map rorabgbachco (spec §2)', () => {
  it('a linear stream visits the 32 channels in 1 KB chunks', () => {
    const s = new DmaStream(100 * 1024, 32);
    expect(s.chunks).toBe(100);
    expect([0, 1, 31, 32, 33].map((i) => s.channelOf(i))).toEqual([0, 1, 31, 0, 1]);
    expect([0, 31, 32, 99].map((i) => s.seqOf(i))).toEqual([0, 0, 1, 3]);
    expect(s.chunksOn(0)).toBe(4);
    expect(s.chunksOn(3)).toBe(4);
    expect(s.chunksOn(4)).toBe(3);
    let total = 0;
    for (let ch = 0; ch < 32; ch++) total += s.chunksOn(ch);
    expect(total).toBe(100);
  });

  it('a stream starting mid-way numbers each channel\'s chunks from 0', () => {
    const s = new DmaStream(40 * 1024, 32, 30);
    expect(s.channelOf(0)).toBe(30);
    expect(s.seqOf(0)).toBe(0);
    expect(s.seqOf(2)).toBe(0); // channel 0, its first chunk
    expect(s.seqOf(32)).toBe(1); // channel 30 again
    expect(s.chunksOn(30)).toBe(2);
    expect(s.chunksOn(29)).toBe(1);
  });

  it('within a channel, chunks go bank, then bank group, then rank, then row', () => {
    expect(chunkAddress(0, 10)).toEqual({ bank: 0, bankGroup: 0, rank: 0, row: 10 });
    expect(chunkAddress(5, 10)).toEqual({ bank: 1, bankGroup: 1, rank: 0, row: 10 });
    expect(chunkAddress(16, 10)).toEqual({ bank: 0, bankGroup: 0, rank: 1, row: 10 });
    expect(chunkAddress(32, 10)).toEqual({ bank: 0, bankGroup: 0, rank: 0, row: 11 });
  });
});

import { describe, expect, it } from 'vitest';
import { formatRequestCsv, parseRequestCsv, readRequestCsv } from '../../../src/systems/neupims/request-trace.js';
import { SHIPPED_CLB0 } from './harness.js';

describe('request snapshots (seq_len,ch_idx; spec §7)', () => {
  it('the shipped clb-0 copy has 512 requests, Σ 153,548 tokens, max 2048', () => {
    const r = readRequestCsv(SHIPPED_CLB0, 32);
    expect(r).toHaveLength(512);
    expect(r.reduce((a, x) => a + x.seqLen, 0)).toBe(153_548);
    expect(Math.max(...r.map((x) => x.seqLen))).toBe(2048);
  });

  it('round-trips through formatRequestCsv', () => {
    const reqs = [
      { seqLen: 5, channel: 1 },
      { seqLen: 7, channel: 0 },
    ];
    expect(parseRequestCsv(formatRequestCsv(reqs), 't', 2)).toEqual(reqs);
  });

  it('rejects a bad header and out-of-range channels with the line number', () => {
    expect(() => parseRequestCsv('len,ch\n1,0\n', 'f.csv', 32)).toThrow(/line 1: expected header/);
    expect(() => parseRequestCsv('seq_len,ch_idx\n5,0\n5,32\n', 'f.csv', 32)).toThrow(/f.csv: line 3/);
    expect(() => parseRequestCsv('seq_len,ch_idx\n0,0\n', 'f.csv', 32)).toThrow(/line 2/);
  });
});

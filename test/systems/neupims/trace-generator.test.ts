import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelImbalance } from '../../../src/systems/neupims/channel-placement.js';
import { generateSnapshot, parseLengthTsv, readLengthTsv } from '../../../src/systems/neupims/trace-generator.js';
import { GEO, LENGTHS, SHAPE_7B_TP4 } from './harness.js';

const toy = parseLengthTsv('input_toks\toutput_toks\n10\t5\n100\t50\n1000\t3000\n', 'toy');

describe('continuous-batching snapshot generator (spec §7)', () => {
  it('is a pure function of its seed', () => {
    const a = generateSnapshot(toy, { batch: 64, seed: 3, policy: 'clb', warmupSteps: 500 }, GEO, SHAPE_7B_TP4);
    const b = generateSnapshot(toy, { batch: 64, seed: 3, policy: 'clb', warmupSteps: 500 }, GEO, SHAPE_7B_TP4);
    const c = generateSnapshot(toy, { batch: 64, seed: 4, policy: 'clb', warmupSteps: 500 }, GEO, SHAPE_7B_TP4);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('live lengths lie between input + 1 and min(input + output, cap)', () => {
    const r = generateSnapshot(toy, { batch: 128, seed: 1, policy: 'rr', maxLen: 2048, warmupSteps: 3000 }, GEO, SHAPE_7B_TP4);
    for (const x of r) {
      expect(x.seqLen).toBeGreaterThanOrEqual(11);
      expect(x.seqLen).toBeLessThanOrEqual(2048);
      expect(x.channel).toBeGreaterThanOrEqual(0);
      expect(x.channel).toBeLessThan(32);
    }
  });

  it('ShareGPT at batch 512 looks like the shipped snapshots (clb-0: mean 299.9, median 216)', () => {
    const pairs = readLengthTsv(resolve(LENGTHS, 'sharegpt.tsv'));
    const r = generateSnapshot(pairs, { batch: 512, seed: 1, policy: 'clb' }, GEO, SHAPE_7B_TP4);
    const lens = r.map((x) => x.seqLen).sort((a, b) => a - b);
    const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
    expect(mean).toBeGreaterThan(299.9 * 0.85); // ±15% of the reference snapshot's mean
    expect(mean).toBeLessThan(299.9 * 1.15);
    expect(lens[256]).toBeGreaterThan(216 * 0.8);
    expect(lens[256]).toBeLessThan(216 * 1.2);
    const rr = generateSnapshot(pairs, { batch: 512, seed: 1, policy: 'rr' }, GEO, SHAPE_7B_TP4);
    const imb = (x: typeof r) => channelImbalance(x.map((q) => q.seqLen), x.map((q) => q.channel), GEO, SHAPE_7B_TP4);
    expect(imb(r)).toBeLessThan(imb(rr));
  });
});

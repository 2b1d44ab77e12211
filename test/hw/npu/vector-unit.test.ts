import { describe, expect, it } from 'vitest';
import { DEFAULT_NPU } from '../../../src/hw/npu/npu-config.js';
import { addTreeIterations, iterations, rowCycles, VectorUnit } from '../../../src/hw/npu/vector-unit.js';

const c = DEFAULT_NPU;

describe('vector unit (spec §3)', () => {
  it('iterations = ceil(len / 128) and add-tree iterations recurse down to one', () => {
    expect(iterations(4096, c)).toBe(32);
    expect(iterations(129, c)).toBe(2);
    expect(addTreeIterations(4096, c)).toBe(32 + 1);
    expect(addTreeIterations(100, c)).toBe(1);
    expect(addTreeIterations(128 * 128 * 2, c)).toBe(256 + 2 + 1);
  });

  it('LayerNorm = 2·addtree + 2 scalar-mul + sqrt + iters·(2 add + 3 mul); Softmax = 2·addtree + iters·3', () => {
    expect(rowCycles('layerNorm', 4096, c)).toBe(2 * 33 + 2 + 1 + 32 * 5);
    expect(rowCycles('softmax', 300, c)).toBe(2 * (3 + 1) + 3 * 3);
    expect(rowCycles('add', 4096, c)).toBe(32);
    expect(rowCycles('gelu', 4096, c)).toBe(32);
  });

  it('hetsim extensions for non-GPT-3 decoders: RMSNorm = addtree + scalar-mul + sqrt + iters·3 mul; SiLU·mul = iters·2', () => {
    expect(rowCycles('rmsNorm', 4096, c)).toBe(33 + 1 + 1 + 32 * 3);
    expect(rowCycles('rmsNorm', 4096, c)).toBeLessThan(rowCycles('layerNorm', 4096, c));
    expect(rowCycles('siluMul', 3584, c)).toBe(28 * 2);
  });

  it('reference issue (the public simulator): one row per cycle, each stamped start = now, rows overlap', () => {
    const v = new VectorUnit(c);
    // 256 LayerNorm rows of 4096: issue over 256 cycles, the last finishes its 229 cycles after
    expect(v.issueRows('layerNorm', 256, 4096, 100)).toBe(100 + 255 + 229);
    // the NPU's queue is busy until 356: a second op issues behind it; the PIM program's queue is separate
    expect(v.issueRows('add', 1, 4096, 200)).toBe(356 + 32);
    expect(v.issueRows('add', 1, 4096, 200, 'pim')).toBe(200 + 32);
    // rows fed by a stream arriving over 512 cycles issue as their data lands
    expect(new VectorUnit(c).issueFed('add', 4, 4096, 0, 512)).toBe(512 + 32);
  });

  const p = { ...c, vectorIssue: 'pipelines' as const };

  it('pipelines issue: rows spread over the 8 pipelines, 512 rows take 64 rounds', () => {
    const v = new VectorUnit(p);
    const end = v.issueRows('add', 512, 4096, 100);
    expect(end).toBe(100 + 64 * 32);
    expect(v.busyCycles).toBe(512 * 32);
  });

  it('pipelines issue: a later issue queues behind busy pipelines', () => {
    const v = new VectorUnit(p);
    v.issueRows('add', 8, 128 * 10, 0); // all 8 busy until 10
    expect(v.issueRows('add', 1, 128, 5)).toBe(11);
  });
});

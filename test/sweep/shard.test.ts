/** `--shard i/N`: round-robin slices that are disjoint and together hold every config. */
import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from '../../src/sweep/shard.js';

describe('shards', () => {
  it('parses i/N (i from 0) and rejects the rest, naming --shard', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['4/4', '1/0', 'a/2', '1', '-1/2']) expect(() => parseShard(bad), bad).toThrow(/^--shard: expected i\/N/);
  });

  it('index mod N: disjoint, complete, balanced', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const slices = [0, 1, 2].map((index) => inShard(items, { index, count: 3 }));
    expect(slices).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    expect(slices.flat().sort((a, b) => a - b)).toEqual(items);
    expect(inShard(items, undefined)).toEqual(items);
  });
});

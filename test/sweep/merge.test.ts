/** Merging shard outputs: union by hash, identical duplicates collapse, ok beats failed, conflicts are errors. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultLine } from '../../src/sweep/config-hash.js';
import { mergeLines, mergeResultDirs } from '../../src/sweep/merge.js';
import { scratchDir } from '../scratch.js';

const line = (hash: string, t = 1, status: 'ok' | 'failed' = 'ok'): ResultLine => ({ hash, system: 'roofline', mode: 'ideal', config: {}, metrics: status === 'ok' ? { time_s: t } : {}, status, version: '0' });

describe('merge', () => {
  it('union sorted by hash; duplicates collapse; an ok result replaces a failed one', () => {
    const { lines, collapsed } = mergeLines([
      { dir: 'a', lines: [line('3'), line('1'), line('2', 0, 'failed')] },
      { dir: 'b', lines: [line('1'), line('2', 5), line('4', 0, 'failed')] },
    ]);
    expect(lines).toEqual([line('1'), line('2', 5), line('3'), line('4', 0, 'failed')]);
    expect(collapsed).toBe(2);
  });

  it('the same hash with different metrics is an error naming both folders', () => {
    expect(() => mergeLines([{ dir: 'a', lines: [line('1', 1)] }, { dir: 'b', lines: [line('1', 2)] }])).toThrow(/conflicting results for config 1 .*a and b have different metrics/);
  });

  it('reads DIR/results.jsonl of each folder and writes the merged file atomically', async () => {
    const root = scratchDir();
    for (const [d, ls] of [['s0', [line('b')]], ['s1', [line('a'), line('b')]]] as const) {
      mkdirSync(join(root, d));
      writeFileSync(join(root, d, 'results.jsonl'), ls.map((l) => `${JSON.stringify(l)}\n`).join(''));
    }
    const m = await mergeResultDirs([join(root, 's0'), join(root, 's1')], join(root, 'all'));
    expect(m).toMatchObject({ lines: 2, collapsed: 1 });
    expect(readFileSync(join(root, 'all', 'results.jsonl'), 'utf8')).toBe(`${JSON.stringify(line('a'))}\n${JSON.stringify(line('b'))}\n`);
  });
});

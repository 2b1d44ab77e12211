/** results.jsonl: a torn tail (a kill mid-write) is cut away, earlier damage is an error, appends are whole lines. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultLine } from '../../src/sweep/config-hash.js';
import { prepareOutDir, readResults, ResultsWriter } from '../../src/sweep/results-file.js';
import { scratchDir } from '../scratch.js';

const line = (hash: string, status: 'ok' | 'failed' = 'ok'): ResultLine => ({ hash, system: 'roofline', mode: 'ideal', config: { batch: 1 }, metrics: { time_s: 1 }, status, version: '0' });
const text = (...ls: ResultLine[]) => ls.map((l) => `${JSON.stringify(l)}\n`).join('');

describe('results.jsonl', () => {
  it('a missing file is empty; complete lines read back', () => {
    const dir = scratchDir();
    expect(readResults(join(dir, 'results.jsonl'))).toEqual({ lines: [], validBytes: 0, tornBytes: 0 });
    writeFileSync(join(dir, 'results.jsonl'), text(line('a'), line('b')));
    expect(readResults(join(dir, 'results.jsonl')).lines.map((l) => l.hash)).toEqual(['a', 'b']);
  });

  for (const [what, tail] of [
    ['no trailing newline', '{"hash":"c","sys'],
    ['a whole line that is not a result', '{"hash":"c"}\n'],
    ['garbage with a newline', '{"hash":\n'],
  ] as const) {
    it(`a torn last line (${what}) is cut before appending; nothing else changes`, () => {
      const path = prepareOutDir(join(scratchDir(), 'out'));
      writeFileSync(path, text(line('a'), line('b')) + tail);
      const r = readResults(path);
      expect(r.lines).toHaveLength(2);
      expect(r.tornBytes).toBe(Buffer.byteLength(tail));
      const w = new ResultsWriter(path, r.validBytes);
      w.append(line('d', 'failed'));
      w.close();
      expect(readFileSync(path, 'utf8')).toBe(text(line('a'), line('b'), line('d', 'failed')));
    });
  }

  it('a bad line before the last is an error naming the line (it is not ours to drop)', () => {
    const path = join(scratchDir(), 'results.jsonl');
    writeFileSync(path, `${text(line('a'))}oops\n${text(line('b'))}`);
    expect(() => readResults(path)).toThrow(/results\.jsonl line 2 is not a result line/);
  });

  it('an output path that cannot be a folder is a bad-input error naming --out', () => {
    const file = join(scratchDir(), 'f');
    writeFileSync(file, '');
    expect(() => prepareOutDir(join(file, 'out'))).toThrow(/^--out: cannot create the output folder/);
    expect(() => prepareOutDir(file)).toThrow(/^--out: the output path .* is not a folder/);
  });
});

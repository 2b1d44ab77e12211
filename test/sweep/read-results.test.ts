/** Reading result sets: sweep folders, results.jsonl files, single result JSON files, and bad lines named by file and line. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configHash } from '../../src/sweep/config-hash.js';
import { parseResultLines, readResultSet } from '../../src/sweep/read-results.js';
import { tempFile } from '../cli/harness.js';

const FIX = join(import.meta.dirname, 'fixtures', 'compare');

describe('readResultSet', () => {
  it('a sweep folder reads DIR/results.jsonl; the fixture hashes are the config hashes', () => {
    const s = readResultSet(join(FIX, 'base'));
    expect(s.lines.map((l) => `${l.system}/${l.mode}`)).toEqual(['roofline/calibrated', 'roofline/calibrated', 'roofline/calibrated', 'neupims/neupims', 'neupims/neupims']);
    for (const l of s.lines) expect(l.hash).toBe(configHash(l.system, l.mode, l.config));
  });

  it('a failed line keeps its error and carries no metrics', () => {
    const failed = readResultSet(join(FIX, 'candidate-partial')).lines.filter((l) => l.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ system: 'neupims', metrics: {}, error: { code: 'timing_violation' } });
  });

  it('a single result JSON (pretty-printed) gets the hash of its system, mode and config', () => {
    const result = { system: 'roofline', mode: 'ideal', model: 'llama-2-7b', config: { model: 'llama-2-7b', batch: 8 }, metrics: { time_s: 0.5, tokens_per_s: 16 }, version: '0.1.0' };
    const [line] = readResultSet(tempFile('one.json', JSON.stringify(result, null, 2))).lines;
    expect(line).toEqual({ hash: configHash('roofline', 'ideal', result.config), system: 'roofline', mode: 'ideal', config: result.config, metrics: result.metrics, status: 'ok', version: '0.1.0' });
  });

  it('a result without config is an error naming the file', () => {
    const f = tempFile('noconfig.json', JSON.stringify({ system: 'roofline', mode: 'ideal', metrics: { time_s: 1 } }));
    expect(() => readResultSet(f)).toThrow(new RegExp(`^${f.replace(/[.]/g, '\\.')}: no config \\(compare matches results by their config\\)`));
  });

  it('a malformed line is named by file and line number; a torn last line says so', () => {
    expect(() => readResultSet(join(FIX, 'malformed.jsonl'))).toThrow(/malformed\.jsonl line 2: malformed JSON: /);
    expect(() => readResultSet(join(FIX, 'torn'))).toThrow(/torn\/results\.jsonl line 3: malformed JSON \(torn: the last line ends without a newline; was the sweep interrupted\?\)/);
  });

  it('a line that is JSON but not a result names what it lacks', () => {
    expect(() => parseResultLines('\n[1,2]\n', 'r.jsonl')).toThrow(/^r\.jsonl line 2: not a JSON object \(got a list\)/);
    expect(() => parseResultLines('{"system":"roofline","mode":"ideal","config":{},"metrics":{},"status":"done"}\n', 'r.jsonl')).toThrow(/line 1: status "done" is neither "ok" nor "failed"/);
  });

  it('a hash written twice keeps its last line (a resumed sweep re-ran it); null metrics count as absent', () => {
    const l = (status: string, m: unknown) => JSON.stringify({ hash: 'h1', system: 'roofline', mode: 'ideal', config: {}, metrics: m, status, version: 'x' });
    const lines = parseResultLines(`${l('failed', {})}\n${l('ok', { time_s: 2, bad: null })}\n`, 'r.jsonl');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 'ok', metrics: { time_s: 2 } });
  });

  it('a missing path or a folder without results.jsonl names it and the accepted forms', () => {
    expect(() => readResultSet(join(FIX, 'nope'))).toThrow(/nope not found; expected a sweep folder \(DIR\/results\.jsonl\)/);
    expect(() => readResultSet(FIX)).toThrow(/compare has no results\.jsonl; expected a sweep folder/);
  });
});

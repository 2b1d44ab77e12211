/** `hetsim sweep report`: axes found from the results, one figure per combination of the others, heatmap, Pareto, bad flags named. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okLine, type ResultLine } from '../../src/sweep/config-hash.js';
import { flatConfig, sweepAxes, sweepSection } from '../../src/sweep/sweep-views.js';
import { expectBadInput, hetsim, tempFile } from '../cli/harness.js';
import { scratchDir } from '../scratch.js';

const line = (batch: number, hardware: string, mode: string, tps: number): ResultLine =>
  okLine({ system: 'roofline', mode, config: { model: 'llama-2-7b', hardware, batch, seq: 512, bits: { w: 16, a: 16 } }, metrics: { time_s: batch / tps, tokens_per_s: tps }, version: 'x' });
const lines = [1, 4, 16, 64].flatMap((b) => ['h100-sxm', 'h200'].flatMap((hw, i) => ['ideal', 'calibrated'].map((m, j) => line(b, hw, m, 100 * b * (1 + i) / (1 + j)))));

describe('sweep views', () => {
  it('flattens configs to dotted keys; the axes are the keys that vary', () => {
    expect(flatConfig(lines[0])).toEqual({ mode: 'ideal', model: 'llama-2-7b', hardware: 'h100-sxm', batch: 1, seq: 512, 'bits.w': 16, 'bits.a': 16 });
    const axes = sweepAxes(lines.map(flatConfig));
    expect([...axes.keys()]).toEqual(['mode', 'hardware', 'batch']);
    expect(axes.get('batch')).toEqual([1, 4, 16, 64]);
  });

  it('a metric by batch, a line per mode, one figure per hardware; the table has every point', () => {
    const s = sweepSection(lines, 'r', { metric: 'tokens_per_s' });
    expect(s.figures.map((f) => [f.chart.kind, f.caption])).toEqual([
      ['line', 'tokens_per_s against batch (hardware=h100-sxm)'],
      ['line', 'tokens_per_s against batch (hardware=h200)'],
    ]);
    const input = s.figures[1].chart.input as { series: { label: string; points: { x: number; y: number }[] }[]; logX: boolean };
    expect(input.series.map((l) => l.label)).toEqual(['mode=calibrated', 'mode=ideal']);
    expect(input.series[1].points).toEqual([1, 4, 16, 64].map((b) => ({ x: b, y: 200 * b })));
    expect(input.logX).toBe(true);
    expect(s.figures[0].tables![0].rows).toEqual([1, 4, 16, 64].map((b) => [b, 50 * b, 100 * b]));
  });

  it('--where fixes an axis; --heatmap adds x × by; --pareto draws the front with the metrics\' directions', () => {
    const s = sweepSection(lines, 'r', { metric: 'time_s', x: 'batch', by: 'hardware', where: ['mode=ideal'], heatmap: true, pareto: ['time_s', 'tokens_per_s'] });
    expect(s.figures.map((f) => f.chart.kind)).toEqual(['line', 'heatmap', 'scatter']);
    const sc = s.figures[2].chart.input as { better: unknown; points: unknown[] };
    expect(sc.better).toEqual({ x: 'lower', y: 'higher' });
    expect(sc.points).toHaveLength(8);
  });

  it('an unknown metric or key names what the results have', () => {
    expect(() => sweepSection(lines, 'r', { metric: 'tokens_per_sec' })).toThrow(/--metric: the results have no metric 'tokens_per_sec' \(did you mean 'tokens_per_s'\?\); they have: time_s, tokens_per_s/);
    expect(() => sweepSection(lines, 'r', { x: 'bach' })).toThrow(/--x: the results have no swept key 'bach' \(did you mean 'batch'\?\)/);
    expect(() => sweepSection(lines, 'r', { where: ['mode=fast'] })).toThrow(/--where: no result has mode=fast/);
  });
});

describe('hetsim sweep report', () => {
  it('writes index.html with SVG/PNG/JSON per figure from a results file; bad flags exit 2', () => {
    const file = tempFile('results.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const out = join(scratchDir(), 'rep');
    const r = hetsim(['sweep', 'report', file, '-o', out, '--metric', 'tokens_per_s', '--pareto', 'time_s,tokens_per_s']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote .*index\.html \(3 figures\)/);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('Sweep: Roofline analyzer');
    for (const ext of ['svg', 'png', 'json']) expect(existsSync(join(out, 'img', `sweep-pareto-time_s-tokens_per_s.${ext}`))).toBe(true);
    expectBadInput(hetsim(['sweep', 'report', file, '-o', out, '--pareto', 'time_s']), /--pareto: expected two metric names/);
    expectBadInput(hetsim(['sweep', 'report', file, '-o', out, '--by', 'seq']), /--by: the results have no swept key \(other than --x\) 'seq'/);
  });
});

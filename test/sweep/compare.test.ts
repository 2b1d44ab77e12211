/**
 * The comparison logic on hand-written sweep outputs (test/sweep/fixtures/compare/: 3 roofline and
 * 2 NeuPIMs configs; the candidates inject a change into roofline batch 8).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareResultSets, formatChange, metricDelta, parseMetricRequest, parseThreshold, type CompareOptions } from '../../src/sweep/compare.js';
import { readResultSet } from '../../src/sweep/read-results.js';
import { SYSTEMS } from '../../src/systems/registry.js';

const FIX = join(import.meta.dirname, 'fixtures', 'compare');
const set = (name: string) => readResultSet(join(FIX, name));
const opts = (extra: Partial<CompareOptions> = {}): CompareOptions => ({ threshold: 0.02, metricsOf: (id) => SYSTEMS.find((s) => s.id === id)?.metrics, ...extra });
const B8 = 'dc3847f487220aa3'; // roofline llama-2-7b h100-sxm decode batch 8, calibrated

describe('compareResultSets', () => {
  it('a 5% drop in tokens/s fails at 2%: both time_s (up) and tokens_per_s (down) regress', () => {
    const c = compareResultSets(set('base'), set('candidate-5pct'), opts());
    expect(c.regressed).toBe(true);
    expect(c.pairs).toHaveLength(5);
    const d = c.pairs.find((p) => p.hash === B8)!.deltas;
    expect(d.tokens_per_s.change).toBeCloseTo(-0.05, 12);
    expect(d.tokens_per_s.ratio).toBeCloseTo(d.tokens_per_s.candidate / d.tokens_per_s.base, 15);
    expect(d.tokens_per_s.regressed).toBe(true);
    expect(d.time_s.change).toBeCloseTo(1 / 0.95 - 1, 12);
    expect(d.time_s.regressed).toBe(true);
    expect(d.ops).toEqual({ base: d.ops.base, candidate: d.ops.base, ratio: 1, change: 0, regressed: false });
    expect(c.worst.map((r) => r.metric)).toEqual(['time_s', 'tokens_per_s']); // +5.26% is worse than -5%
    expect(c.metrics.find((m) => m.name === 'tokens_per_s')).toMatchObject({ better: 'higher', regressions: 1 });
  });

  it('a 1% drop passes at 2%; the geomean is over every matched config', () => {
    const c = compareResultSets(set('base'), set('candidate-1pct'), opts());
    expect(c.regressed).toBe(false);
    expect(c.worst).toEqual([]);
    // tokens_per_s is in 5 pairs (roofline and NeuPIMs), one of them at ×0.99
    expect(c.metrics.find((m) => m.name === 'tokens_per_s')!.geomean_ratio).toBeCloseTo(0.99 ** (1 / 5), 12);
    expect(c.metrics.find((m) => m.name === 'time_s')!.geomean_ratio).toBeCloseTo((1 / 0.99) ** (1 / 3), 12);
  });

  it('direction matters: time_s down 5% is an improvement, and so is tokens/s up', () => {
    const c = compareResultSets(set('base'), set('candidate-faster'), opts());
    expect(c.regressed).toBe(false);
    const d = c.pairs.find((p) => p.hash === B8)!.deltas;
    expect(d.time_s.change).toBeCloseTo(-0.05, 12);
    expect(d.tokens_per_s.change).toBeGreaterThan(0.05);
    // turned around by --metric, the same numbers are regressions
    const flipped = compareResultSets(set('base'), set('candidate-faster'), opts({ metrics: [parseMetricRequest('time_s:higher'), parseMetricRequest('tokens_per_s:lower')] }));
    expect(flipped.regressed).toBe(true);
    expect(flipped.metrics.map((m) => [m.name, m.better])).toEqual([['time_s', 'higher'], ['tokens_per_s', 'lower']]);
  });

  it('--metric restricts the gate, and a per-metric threshold overrides the default', () => {
    const only = compareResultSets(set('base'), set('candidate-5pct'), opts({ metrics: [parseMetricRequest('ops')] }));
    expect(only.regressed).toBe(false);
    expect(Object.keys(only.pairs[0].deltas)).toEqual(['ops']);
    const loose = compareResultSets(set('base'), set('candidate-5pct'), opts({ metrics: [parseMetricRequest('tokens_per_s:higher:10%'), parseMetricRequest('time_s:6%')] }));
    expect(loose.regressed).toBe(false);
    expect(loose.metrics.map((m) => m.threshold)).toEqual([0.1, 0.06]);
  });

  it('a metric the results lack is an error naming those they have', () => {
    expect(() => compareResultSets(set('base'), set('candidate-1pct'), opts({ metrics: [{ name: 'latency' }] }))).toThrow(
      /--metric: the results have no metric 'latency'; they have: arithmetic_intensity, channel_imbalance, .*time_s, tokens_per_s, vector_utilization$/,
    );
  });

  it('unmatched configs on either side and failed lines are listed, not compared; a config the candidate broke is a regression', () => {
    const c = compareResultSets(set('base'), set('candidate-partial'), opts());
    // a9863d9c ran in the base and failed in the candidate: the gate fails though no metric moved
    expect(c.regressed).toBe(true);
    expect(c.worst).toEqual([]);
    expect(c.pairs.map((p) => p.hash)).toEqual(['6fe53cc2994325a5', B8, 'ffb5d91c93dd20d0']); // sorted by hash
    expect(c.unmatched.base.map((l) => l.hash)).toEqual(['128f20d40a58e5bc']);
    expect(c.unmatched.candidate).toEqual([{ hash: 'fd2581e0b1ac6651', system: 'roofline', mode: 'calibrated' }]);
    expect(c.failed).toEqual([{ side: 'candidate', hash: 'a9863d9c8439d639', system: 'neupims', mode: 'neupims', error: { code: 'timing_violation', message: 'tRCD violated on channel 3 bank 7 at cycle 1840' }, broke: true }]);
    // failed on both sides (or only in the base) is listed, not a regression
    const both = compareResultSets(set('candidate-partial'), set('candidate-partial'), opts());
    expect(both.failed.map((f) => [f.side, f.broke])).toEqual([['base', undefined], ['candidate', undefined]]);
    expect(both.regressed).toBe(false);
    expect(compareResultSets(set('candidate-partial'), set('base'), opts()).regressed).toBe(false);
  });

  it('is deterministic: the same inputs give the same JSON', () => {
    const a = JSON.stringify(compareResultSets(set('base'), set('candidate-5pct'), opts()));
    expect(JSON.stringify(compareResultSets(set('base'), set('candidate-5pct'), opts()))).toBe(a);
  });
});

describe('metricDelta', () => {
  it('is at the threshold, not past it, for exactly 2%', () => {
    expect(metricDelta(1, 1.02, { better: 'lower', threshold: 0.02 }).regressed).toBe(false);
    expect(metricDelta(1, 1.0201, { better: 'lower', threshold: 0.02 }).regressed).toBe(true);
  });

  it('a base of 0 gives no ratio; any rise of a lower-is-better metric from 0 regresses', () => {
    expect(metricDelta(0, 0, { better: 'lower', threshold: 0.02 })).toEqual({ base: 0, candidate: 0, ratio: 1, change: 0, regressed: false });
    expect(metricDelta(0, 3, { better: 'lower', threshold: 0.02 })).toEqual({ base: 0, candidate: 3, ratio: null, change: null, regressed: true });
    expect(metricDelta(0, 3, { better: 'higher', threshold: 0.02 }).regressed).toBe(false);
  });

  it('formats changes with a sign', () => {
    expect([formatChange(0.05263), formatChange(-0.05), formatChange(0), formatChange(null)]).toEqual(['+5.26%', '-5.00%', '0.00%', 'from 0']);
  });
});

describe('threshold and --metric parsing', () => {
  it('takes 2%, 2.5% and 0.02', () => {
    expect(parseThreshold('2%')).toBe(0.02);
    expect(parseThreshold('2.5%')).toBeCloseTo(0.025, 15);
    expect(parseThreshold('0.02')).toBe(0.02);
    expect(parseThreshold('0%')).toBe(0);
  });

  it('refuses anything else with one message naming the accepted forms', () => {
    for (const bad of ['abc', '-1%', '2%%', '', '1e-2']) expect(() => parseThreshold(bad)).toThrow(/^--threshold: expected a relative change as a percentage \(2%\) or a fraction below 1 \(0\.02\), got '/);
    expect(() => parseThreshold('2')).toThrow(/got '2' \(for 2 percent write 2%\)/);
  });

  it('--metric NAME[:higher|lower][:THRESHOLD]', () => {
    expect(parseMetricRequest('time_s')).toEqual({ name: 'time_s' });
    expect(parseMetricRequest('tokens_per_s:higher:5%')).toEqual({ name: 'tokens_per_s', better: 'higher', threshold: 0.05 });
    expect(parseMetricRequest('time_s:0.1')).toEqual({ name: 'time_s', threshold: 0.1 });
    for (const bad of ['time_s:up', 'time_s:5%:lower', 'a:b:c:d', ':higher']) expect(() => parseMetricRequest(bad)).toThrow(/^--metric: expected NAME, NAME:higher\|lower or NAME:higher\|lower:THRESHOLD/);
    expect(() => parseMetricRequest('time_s:lower:x%')).toThrow(/--metric: expected NAME/);
    expect(() => parseMetricRequest('time_s:lower:2')).toThrow(/^--metric time_s: .*for 2 percent write 2%/);
  });
});

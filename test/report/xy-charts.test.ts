/** The sweep and comparison views: line (with a y = 1 reference), Pareto scatter, heatmap; bar flags; roofline outliers. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderBarChartSvg } from '../../src/report/bar-chart.js';
import { renderHeatmapSvg } from '../../src/report/heatmap-chart.js';
import { renderLineChartSvg } from '../../src/report/line-chart.js';
import { outliersBelow } from '../../src/report/roofline-geometry.js';
import { paretoFront, renderScatterSvg } from '../../src/report/scatter-chart.js';

const doc = (svg: string) => parseHTML(`<html><body>${svg}</body></html>`).document;

describe('line chart', () => {
  const input = {
    title: 'speedup by batch',
    subtitle: 'gpt3-7b · TP 4',
    xLabel: 'batch',
    yLabel: 'ratio',
    series: [
      { label: 'vs npu-only', points: [{ x: 64, y: 1.5 }, { x: 128, y: 1.9 }, { x: 256, y: 2.3 }] },
      { label: 'vs gpu', points: [{ x: 64, y: 0.8 }, { x: 128, y: 1.2 }] },
    ],
    logX: true,
    referenceY: { value: 1, label: '1×' },
  };
  it('one path per series, one tooltip per point, the reference line at y = 1 inside the range, title and subtitle', () => {
    const d = doc(renderLineChartSvg(input));
    expect(d.querySelectorAll('g.series > path').length).toBe(2);
    expect([...d.querySelectorAll('g.point')].map((p) => p.getAttribute('data-tip'))).toContain('vs gpu: batch 128 → 1.2');
    expect(d.querySelectorAll('g.reference line').length).toBe(1);
    expect(d.querySelector('text.subtitle')?.textContent).toBe('gpt3-7b · TP 4');
  });
  it('the reference line stays in range when every value is above it', () => {
    const d = doc(renderLineChartSvg({ ...input, series: [{ label: 'a', points: [{ x: 1, y: 5 }, { x: 2, y: 9 }] }], logX: false }));
    const y = Number(d.querySelector('g.reference line')!.getAttribute('y1'));
    const frame = Number(d.querySelector('rect.frame')!.getAttribute('height'));
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThanOrEqual(frame);
  });
});

describe('Pareto scatter', () => {
  const pts = [
    { label: 'a', group: 'g', x: 1, y: 10 },
    { label: 'b', group: 'g', x: 2, y: 30 },
    { label: 'c', group: 'h', x: 3, y: 20 }, // dominated by b (more cost, less throughput)
    { label: 'd', group: 'h', x: 4, y: 40 },
  ];
  it('the front keeps the points no other beats on both axes, in either direction', () => {
    expect(paretoFront(pts, { x: 'lower', y: 'higher' })).toEqual([0, 1, 3]);
    expect(paretoFront(pts, { x: 'higher', y: 'higher' })).toEqual([3]);
    expect(paretoFront(pts, { x: 'lower', y: 'lower' })).toEqual([0]);
  });
  it('draws every point, the front as one path, labels on front points only', () => {
    const d = doc(renderScatterSvg({ title: 't', xLabel: 'cost ($)', yLabel: 'tokens/s', points: pts, better: { x: 'lower', y: 'higher' } }));
    expect(d.querySelectorAll('g.point').length).toBe(4);
    expect(d.querySelectorAll('g.point.front').length).toBe(3);
    expect(d.querySelectorAll('path.pareto').length).toBe(1);
  });
});

describe('heatmap', () => {
  it('one cell per value with the value written, n/a for a missing one', () => {
    const d = doc(renderHeatmapSvg({ title: 't', xLabel: 'batch', yLabel: 'seq', xs: ['1', '2', '4'], ys: ['512', '2048'], values: [[1, 2, 3], [4, null, 12345]], unit: 'tokens/s' }));
    expect(d.querySelectorAll('g.cell').length).toBe(6);
    const texts = [...d.querySelectorAll('g.cell text')].map((t) => t.textContent);
    expect(texts).toEqual(['1', '2', '3', '4', 'n/a', '12,345']);
  });
});

describe('bar chart', () => {
  it('a flagged category carries its warning; values get thousands separators; a reference line is drawn', () => {
    const svg = renderBarChartSvg({ title: 't', yLabel: 'tokens/s', categories: ['fits', 'too big'], groups: [{ label: 'x', values: [33337, 2] }], flags: [null, 'does not fit: +12%'], referenceY: { value: 1, label: '1×' } });
    expect(svg).toContain('⚠ does not fit: +12%');
    expect(svg).toContain('>33,337<');
    expect(doc(svg).querySelectorAll('g.reference line').length).toBe(1);
  });
});

describe('roofline outliers', () => {
  const p = (perf: number) => ({ series: 0, stage: 'prefill' as const, name: String(perf), ai: 1, perf });
  it('a point far below all others is cut from the range (drawn at the edge), a spread of ordinary points is not', () => {
    const pts = [2.9e9, 7e11, 8e11, 2e12, 3e12, 1e14, 5e14, 6e14, 9e14, 1e15, 1e15].map(p);
    expect([...outliersBelow(pts)]).toEqual([0]);
    expect(outliersBelow(pts.slice(1)).size).toBe(0);
    // never more than a tenth of the points
    expect(outliersBelow([1, 1e6, 1e7].map(p)).size).toBe(0);
  });
});

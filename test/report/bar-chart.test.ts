import { describe, expect, it } from 'vitest';
import { renderBarChartSvg, type BarChartInput } from '../../src/report/bar-chart.js';
import { parseSvg, texts } from './asserts.js';

const input: BarChartInput = {
  title: 'Decode throughput',
  yLabel: 'Tokens/s',
  categories: ['H100', 'A100', 'NeuPIMs'],
  groups: [
    { label: 'hetsim', values: [4120, 2280, 6900] },
    { label: 'paper', values: [3950, 2310, NaN] },
  ],
};

describe('renderBarChartSvg(input)', () => {
  const svg = renderBarChartSvg(input);
  const doc = parseSvg(svg);

  it('draws one bar per finite value, tagged with its group and category', () => {
    const bars = [...doc.querySelectorAll('rect.bar')];
    expect(bars).toHaveLength(5);
    expect(bars.map((b) => `${b.getAttribute('data-group')}/${b.getAttribute('data-category')}`)).toContain('paper/A100');
    expect(texts(doc, 'text.missing')).toEqual(['n/a']);
  });

  it('names categories, groups (legend), title and y axis', () => {
    const all = texts(doc, 'text');
    for (const s of [...input.categories, 'hetsim', 'paper', 'Decode throughput', 'Tokens/s']) expect(all).toContain(s);
  });

  it('gives each group its own colour', () => {
    const fill = (g: string) => doc.querySelector(`rect.bar[data-group="${g}"]`)?.getAttribute('fill');
    expect(fill('hetsim')).not.toBe(fill('paper'));
  });

  it('bars on a linear axis grow from zero in proportion to their value', () => {
    const h = (c: string) => Number(doc.querySelector(`rect.bar[data-group="hetsim"][data-category="${c}"]`)?.getAttribute('height'));
    expect(h('NeuPIMs') / h('H100')).toBeCloseTo(6900 / 4120, 2);
  });

  it('on a log axis, skips values ≤ 0 and keeps the rest', () => {
    const log = parseSvg(renderBarChartSvg({ ...input, logY: true, groups: [{ label: 'x', values: [10, 0, 1000] }] }));
    expect(log.querySelectorAll('rect.bar')).toHaveLength(2);
    expect(texts(log, 'text.missing')).toEqual(['n/a']);
    expect(log.querySelectorAll('g.legend')).toHaveLength(0);
  });

  it('handles negative values with a zero line', () => {
    const neg = parseSvg(renderBarChartSvg({ ...input, groups: [{ label: 'err', values: [-3, 2, 1] }] }));
    expect(neg.querySelectorAll('line.baseline')).toHaveLength(1);
  });

  it('rotates category names that would not fit their band', () => {
    const many = Array.from({ length: 16 }, (_, i) => `a_rather_long_layer_name_${i}`);
    const rot = parseSvg(renderBarChartSvg({ ...input, categories: many, groups: [{ label: 'v', values: many.map((_, i) => i + 1) }] }));
    expect(rot.querySelector('g.categories text')?.getAttribute('transform')).toContain('rotate(-35)');
  });

  it('is deterministic', () => {
    expect(renderBarChartSvg(input)).toBe(svg);
  });
});

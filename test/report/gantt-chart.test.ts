import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderGanttSvg } from '../../src/report/gantt-chart.js';

const input = {
  title: 'stages',
  lanes: ['NPU', 'PIM'],
  spans: [
    { lane: 'NPU', start: 0, end: 100, label: 'C' },
    { lane: 'PIM', start: 0, end: 60, label: 'C' },
    { lane: 'NPU', start: 100, end: 180, label: 'D' },
    { lane: 'PIM', start: 100, end: 100, label: 'D' }, // empty span: not drawn
  ],
  xLabel: 'cycles',
};

describe('renderGanttSvg', () => {
  it('draws one rect per non-empty span, one legend swatch per label, lanes labelled', () => {
    const svg = renderGanttSvg(input);
    const { document } = parseHTML(`<html><body>${svg}</body></html>`);
    expect(document.querySelectorAll('g.spans rect').length).toBe(3);
    const titles = [...document.querySelectorAll('g.spans rect title')].map((t) => t.textContent);
    expect(titles).toContain('NPU · D: 100 – 180 (80)');
    expect([...document.querySelectorAll('g.legend .key rect')].length).toBe(2);
    expect(svg).toContain('>NPU<');
    expect(svg).toContain('>PIM<');
  });

  it('spans are proportional to their duration', () => {
    const { document } = parseHTML(`<html><body>${renderGanttSvg(input)}</body></html>`);
    const [c, , d] = [...document.querySelectorAll('g.spans rect')].map((r) => Number(r.getAttribute('width')));
    expect(c / d).toBeCloseTo(100 / 80, 2);
  });

  it('time axis: SI-prefixed seconds (never "0M"), a legend explaining each label, lanes at least 24 px tall', () => {
    const svg = renderGanttSvg({ ...input, spans: input.spans.map((s) => ({ ...s, start: s.start * 1e-4, end: s.end * 1e-4 })), xUnit: 's', legendTitle: 'task', legend: [{ label: 'C', describe: 'compute' }] });
    const { document } = parseHTML(`<html><body>${svg}</body></html>`);
    const ticks = [...document.querySelectorAll('g.axis.x > text:not(.label)')].map((t) => t.textContent);
    expect(ticks[0]).toBe('0');
    expect(ticks).toContain('10 ms');
    expect(svg).toContain('>C: compute<');
    expect(svg).toContain('>task<');
    const many = renderGanttSvg({ ...input, lanes: Array.from({ length: 40 }, (_, i) => `rank ${i}`), height: 200 });
    const { document: d2 } = parseHTML(`<html><body>${many}</body></html>`);
    const lanes = [...d2.querySelectorAll('text.lane')].map((t) => Number(t.getAttribute('y')));
    expect(lanes[1] - lanes[0]).toBeGreaterThanOrEqual(24);
  });

  it('is deterministic', () => {
    expect(renderGanttSvg(input)).toBe(renderGanttSvg(input));
  });
});

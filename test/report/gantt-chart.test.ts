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
    expect(titles).toContain('NPU D: 100–180');
    expect(svg).toContain('>NPU<');
    expect(svg).toContain('>PIM<');
  });

  it('spans are proportional to their duration', () => {
    const { document } = parseHTML(`<html><body>${renderGanttSvg(input)}</body></html>`);
    const [c, , d] = [...document.querySelectorAll('g.spans rect')].map((r) => Number(r.getAttribute('width')));
    expect(c / d).toBeCloseTo(100 / 80, 2);
  });

  it('is deterministic', () => {
    expect(renderGanttSvg(input)).toBe(renderGanttSvg(input));
  });
});

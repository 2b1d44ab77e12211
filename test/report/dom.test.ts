import { describe, expect, it } from 'vitest';
import { FONT_FAMILY, px, svgCanvas } from '../../src/report/dom.js';
import { parseSvg } from './asserts.js';

describe('svgCanvas(width, height)', () => {
  it('serialises a standalone SVG with namespace, size, viewBox, font and a white background', () => {
    const c = svgCanvas(320, 200);
    c.svg.append('g').append('text').text('a < b & c');
    const s = c.toString();
    const doc = parseSvg(s);
    const root = doc.documentElement;
    expect(root.getAttribute('viewBox')).toBe('0 0 320 200');
    expect(root.getAttribute('font-family')).toBe(FONT_FAMILY);
    expect(doc.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff');
    expect(s).toContain('a &lt; b &amp; c');
  });

  it('d3 children land in the SVG namespace', () => {
    const c = svgCanvas(10, 10);
    const g = c.svg.append('g');
    expect(g.node()?.namespaceURI).toBe('http://www.w3.org/2000/svg');
  });

  it('px(v) rounds to 0.01 px', () => {
    expect(px(1.23456)).toBe(1.23);
    expect(px(-0.005)).toBe(-0);
  });
});

import { describe, expect, it } from 'vitest';
import { svgToPng } from '../../src/report/png.js';
import { renderRooflineSvg } from '../../src/report/roofline-plot.js';
import { pngSize } from './asserts.js';
import { H100, llama7bRows } from './fixture.js';

const svg = renderRooflineSvg({ title: 'png', roofs: H100, series: [{ label: 'ideal', rows: llama7bRows() }], width: 600, height: 400 });

describe('svgToPng(svg, opts)', () => {
  it('returns a PNG at the SVG size by default', () => {
    const png = svgToPng(svg);
    expect(png).toBeInstanceOf(Uint8Array);
    expect(pngSize(png)).toEqual({ width: 600, height: 400 });
  });

  it('scales to the requested width, keeping the aspect ratio', () => {
    expect(pngSize(svgToPng(svg, { width: 1200 }))).toEqual({ width: 1200, height: 800 });
  });

  it('renders text: a figure with labels has far more ink than its text-free copy', () => {
    // Guards against a missing system font, which makes resvg drop all text silently.
    const bare = svg.replace(/<text[\s\S]*?<\/text>/g, '');
    expect(svgToPng(svg).length).toBeGreaterThan(svgToPng(bare).length * 1.3);
  });

  it('throws on malformed SVG rather than writing an empty image', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toThrow();
  });
});

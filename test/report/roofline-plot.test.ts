import { describe, expect, it } from 'vitest';
import { renderRooflineSvg } from '../../src/report/roofline-plot.js';
import { parseSvg, texts } from './asserts.js';
import { CALIBRATED, H100, llama7bRows, zeroRows } from './fixture.js';

const ideal = llama7bRows();
const calibrated = llama7bRows(CALIBRATED);
const input = {
  title: 'Llama-2-7B on H100',
  roofs: H100,
  series: [
    { label: 'ideal', rows: [...ideal, ...zeroRows] },
    { label: 'calibrated', rows: calibrated },
  ],
};

describe('renderRooflineSvg(input)', () => {
  const svg = renderRooflineSvg(input);
  const doc = parseSvg(svg);

  it('is a well-formed standalone SVG with the report font', () => {
    expect(doc.documentElement.getAttribute('font-family')).toContain('DejaVu Sans');
    expect(svg.startsWith('<svg')).toBe(true);
  });

  it('draws one point per row with ops, traffic and time, each named by its layer', () => {
    const points = [...doc.querySelectorAll('g.point')];
    expect(points).toHaveLength(ideal.length + calibrated.length);
    const titles = texts(doc, 'g.point title');
    for (const r of [...ideal, ...calibrated]) {
      expect(points.some((p) => p.getAttribute('data-layer') === r.name && p.classList.contains(r.stage))).toBe(true);
      expect(titles.some((t) => t.startsWith(`${r.name} (${r.stage}`))).toBe(true);
    }
  });

  it('skips rows with no ops or no memory traffic', () => {
    const layers = [...doc.querySelectorAll('g.point')].map((p) => p.getAttribute('data-layer'));
    expect(layers).not.toContain('all_reduce');
    expect(layers).not.toContain('embed_gather');
  });

  it('labels every layer on the plot (merged names keep their suffix) or in the legend key', () => {
    const shown = [...texts(doc, 'g.labels text'), ...texts(doc, 'g.legend text')].join(' ');
    for (const r of ideal) {
      const suffix = r.name.slice(r.name.lastIndexOf('_'));
      const head = r.name.slice(0, r.name.lastIndexOf('_'));
      expect(shown.includes(r.name) || new RegExp(`(^|[ /,])${head}(/[a-z_]+?)*${suffix}`).test(shown)).toBe(true);
    }
  });

  it('draws one compute roof line per dtype and a single memory roof', () => {
    const roofs = [...doc.querySelectorAll('line.roof.compute')].map((l) => l.getAttribute('data-dtype'));
    expect(roofs.sort()).toEqual(Object.keys(H100.peaks).sort());
    expect(doc.querySelectorAll('line.roof.memory')).toHaveLength(1);
  });

  it('labels roofs with dtype and peak, merging dtypes that share one', () => {
    const labels = texts(doc, 'text.roof-label');
    expect(labels).toContain('bf16/fp16 989 TFLOP/s');
    expect(labels).toContain('fp8/int8 1,979 TOP/s');
    expect(labels).toContain('memory 3.35 TB/s');
    expect(doc.querySelectorAll('g.ridge')).toHaveLength(4);
  });

  it('distinguishes stages and series in the legend', () => {
    const legend = texts(doc, 'g.legend text');
    expect(legend).toEqual(expect.arrayContaining(['Stage', 'prefill', 'decode', 'Series', 'ideal', 'calibrated']));
    const fill = (stage: string) => doc.querySelector(`g.point.${stage} path`)?.getAttribute('stroke');
    const shape = (stage: string) => doc.querySelector(`g.point.${stage} path`)?.getAttribute('d');
    expect(fill('prefill')).not.toBe(fill('decode'));
    expect(shape('prefill')).not.toBe(shape('decode'));
  });

  it('keeps every point inside the plot area', () => {
    const frame = doc.querySelector('rect.frame')!;
    const [w, h] = [Number(frame.getAttribute('width')), Number(frame.getAttribute('height'))];
    for (const p of doc.querySelectorAll('g.point path')) {
      const [, x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(p.getAttribute('transform')!)!.map(Number);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(w);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(h);
    }
  });

  it('is deterministic: same input, same string', () => {
    expect(renderRooflineSvg(input)).toBe(svg);
    expect(svg).not.toMatch(/\bid=/);
  });

  it('honours width and height', () => {
    const small = parseSvg(renderRooflineSvg({ ...input, width: 640, height: 420 }));
    expect(small.documentElement.getAttribute('width')).toBe('640');
    expect(small.documentElement.getAttribute('viewBox')).toBe('0 0 640 420');
  });

  it('still renders with no plottable rows and no peaks', () => {
    const empty = parseSvg(renderRooflineSvg({ title: 'empty', roofs: { bandwidth: 1e12, peaks: {} }, series: [{ label: 'x', rows: zeroRows }] }));
    expect(empty.querySelectorAll('g.point')).toHaveLength(0);
    expect(empty.querySelectorAll('line.roof.memory')).toHaveLength(1);
  });

  it('falls back to a numbered key in the legend when labels cannot all fit', () => {
    const names = ['attention_block_projection', 'rotary', 'kv_write', 'rmsnorm', 'swiglu'];
    const crowded = llama7bRows().map((r, i) => ({ ...r, name: `${names[i % 5]}${i}`, arithmetic_intensity: r.arithmetic_intensity * (1 + (i % 7) * 0.08) }));
    const doc2 = parseSvg(renderRooflineSvg({ title: 'crowded', roofs: H100, series: [{ label: 'a', rows: crowded }], width: 560, height: 380 }));
    const legend = texts(doc2, 'g.legend text');
    expect(legend).toContain('Points');
    const shown = [...texts(doc2, 'g.labels text'), ...legend].join(' ');
    for (const r of crowded) expect(shown).toContain(r.name);
  });
});

import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderIndexHtml, type ReportPage } from '../../src/report/html.js';
import { renderRooflineSvg } from '../../src/report/roofline-plot.js';
import { H100, llama7bRows } from './fixture.js';

const svg = renderRooflineSvg({ title: 'r', roofs: H100, series: [{ label: 'ideal', rows: llama7bRows() }] });
const page: ReportPage = {
  title: 'hetsim report <draft>',
  generated_by: 'hetsim 0.1.0',
  sections: [
    { id: 'roofline', title: 'Roofline', intro: 'Llama-2-7B & H100.', figures: [{ svg, caption: 'Ideal roofline.', png: 'figures/roofline.png' }] },
    {
      id: 'neupims',
      title: 'NeuPIMs',
      figures: [{ svg: `<?xml version="1.0"?>\n${svg}`, caption: 'with a declaration' }],
      tables: [{ caption: 'Latency', columns: ['system', 'ms'], rows: [['a<b', 1.23456], ['c', 42]] }],
    },
    { id: 'empty', title: 'Nothing yet', figures: [] },
  ],
};

describe('renderIndexHtml(page)', () => {
  const html = renderIndexHtml(page);
  const { document } = parseHTML(html);

  it('has every section, by id, and a table of contents linking to each', () => {
    for (const s of page.sections) {
      expect(html).toContain(`id="${s.id}"`);
      expect(document.querySelector(`nav a[href="#${s.id}"]`)?.textContent).toBe(s.title);
    }
  });

  it('inlines figures as SVG, without XML declarations, with captions and PNG links', () => {
    expect(document.querySelectorAll('figure svg')).toHaveLength(2);
    expect(html).not.toContain('<?xml');
    expect(document.querySelector('#roofline figcaption a')?.getAttribute('href')).toBe('figures/roofline.png');
  });

  it('escapes text and formats table numbers, right-aligned', () => {
    expect(document.querySelector('title')?.textContent).toBe('hetsim report <draft>');
    expect(html).toContain('a&lt;b');
    const cells = [...document.querySelectorAll('#neupims td')].map((c) => c.textContent);
    expect(cells).toEqual(['a<b', '1.235', 'c', '42']);
    expect(document.querySelectorAll('td.num')).toHaveLength(2);
  });

  it('is self-contained and deterministic', () => {
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(renderIndexHtml(page)).toBe(html);
    expect(html).not.toMatch(/20\d\d-\d\d-\d\d/);
  });

  it('rejects duplicate or blank section ids', () => {
    expect(() => renderIndexHtml({ ...page, sections: [page.sections[0], page.sections[0]] })).toThrow(/duplicate/);
    expect(() => renderIndexHtml({ ...page, sections: [{ ...page.sections[0], id: 'a b' }] })).toThrow(/whitespace/);
  });
});

describe('escapeHtml(s)', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

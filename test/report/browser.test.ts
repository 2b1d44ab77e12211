/**
 * The report in a real browser: Debian's Chromium driven by playwright-core (never a downloaded
 * browser). Every chart is rendered with as many marks as the data behind it (its JSON file), a
 * hovered point shows its tooltip, a timeline zooms, nothing logs an error or fails to load, and
 * a full-page screenshot is taken. Names with markup, quotes and non-ASCII are shown as text.
 * Skipped without Chromium, except where HETSIM_REQUIRE_BROWSER is set (`.ci/run` installs it).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hetsim, ROOT, tempFile } from '../cli/harness.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

interface ChartData {
  name: string;
  kind: string;
  input: Record<string, unknown>;
}

/** Marks a chart must draw for its data (rows that can be plotted, finite bars, non-empty spans). */
function expectedMarks(d: ChartData): { selector: string; count: number } {
  const i = d.input as never as {
    series?: { rows?: { ops: number; memory_access: number; time_s: number }[]; points?: unknown[] }[];
    groups?: { values: number[] }[];
    spans?: { start: number; end: number }[];
    logY?: boolean;
  };
  switch (d.kind) {
    case 'roofline-plot':
      return { selector: 'g.point', count: i.series!.flatMap((s) => s.rows!).filter((r) => r.ops > 0 && r.memory_access > 0 && r.time_s > 0).length };
    case 'bar':
      return { selector: 'rect.bar', count: i.groups!.flatMap((g) => g.values).filter((v) => Number.isFinite(v) && (!i.logY || v > 0)).length };
    case 'gantt':
      return { selector: 'rect.span', count: i.spans!.filter((s) => s.end > s.start).length };
    case 'line':
      return { selector: 'g.point', count: i.series!.flatMap((s) => s.points!).length };
    case 'heatmap':
      return { selector: 'g.cell', count: (i as { xs: unknown[]; ys: unknown[] }).xs.length * (i as { ys: unknown[] }).ys.length };
    default:
      throw new Error(`no mark count for chart kind ${d.kind}`);
  }
}

describe.skipIf(!CHROMIUM && !process.env.HETSIM_REQUIRE_BROWSER)('the report in Chromium (playwright-core)', () => {
  let browser: Browser;
  let out: string;
  beforeAll(async () => {
    const model = tempFile('tiny.yaml', 'name: tiny\nhidden: 512\nintermediate: 2048\nheads: 4\nkv_heads: 4\nhead_dim: 128\nlayers: 2\nvocab: 1000\nnorm: layernorm\nactivation: gelu\n');
    const trace = join(ROOT, 'traces/share-gpt2-bs512-ms7B-tp4-clb-0.csv');
    const np = tempFile('np.yaml', `system: neupims\nmodel: ${model}\nbatch: 16\nrequests: ${trace}\nsteady_state_layers: 0\n`);
    const set = tempFile(
      'set.yaml',
      [
        'title: browser check',
        'systems:',
        '  - { system: roofline, id: prefill, caption: 70B prefill, scenario: { model: llama-2-70b, hardware: h200, stage: prefill, batch: 1, seq: 4096, flash: true }, modes: [ideal, calibrated] }',
        '  - { system: roofline, id: tp, caption: TP4 decode, scenario: { model: llama-3.1-70b, hardware: h100-sxm, stage: decode, batch: 8, seq: 1024, tp: 4 }, modes: [ideal] }',
        `  - { system: neupims, id: np, caption: tiny, scenario: ${np}, modes: [neupims, gpu] }`,
        `  - { system: neupims, id: nps, caption: tiny sweep, scenario: ${np}, sweep: { batch: [8, 16] }, modes: [neupims, npu-only] }`,
      ].join('\n'),
    );
    out = join(dirname(set), 'out');
    const r = hetsim(['report', '--scenarios', set, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 180_000);
  afterAll(async () => browser?.close());

  async function open(html: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (q) => problems.push(`failed request: ${q.url()}`));
    await page.goto(pathToFileURL(html).href);
    return { page, problems };
  }

  it('every chart is drawn with one mark per data item, tooltips show on hover, a timeline zooms; no errors; screenshot', async () => {
    const { page, problems } = await open(join(out, 'index.html'));
    const charts = readdirSync(join(out, 'img')).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(out, 'img', f), 'utf8')) as ChartData);
    expect(charts.map((c) => c.kind).sort()).toEqual(['bar', 'bar', 'bar', 'gantt', 'line', 'roofline-plot', 'roofline-plot']);
    const figures = await page.locator('figure').count();
    expect(figures).toBe(charts.length);
    for (const c of charts) {
      const { selector, count } = expectedMarks(c);
      expect(count, c.name).toBeGreaterThan(0);
      const fig = page.locator('figure').filter({ has: page.locator(`a[href="img/${c.name}.json"]`) });
      expect(await fig.locator(`svg ${selector}`).count(), `${c.name}: ${selector}`).toBe(count);
    }

    // hover a roofline point: the page's tooltip shows the text of the mark under the pointer
    const pb = (await page.locator('svg.roofline g.point').first().boundingBox())!;
    await page.mouse.move(pb.x + pb.width / 2, pb.y + pb.height / 2);
    const tip = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-tip]')?.getAttribute('data-tip'), [pb.x + pb.width / 2, pb.y + pb.height / 2]);
    expect(tip).toMatch(/\(prefill, (ideal|calibrated)\): [\d,.]+ OP\/B, [\d,.]+ TFLOP\/s/);
    await expect.poll(() => page.locator('#tooltip').textContent()).toBe(tip);
    expect(await page.locator('#tooltip').isVisible()).toBe(true);

    // zoom the Gantt: spans widen and the axis gets finer ticks; a double-click resets
    const gantt = page.locator('svg.gantt').first();
    const span = gantt.locator('rect.span').first();
    const w0 = Number(await span.getAttribute('width'));
    const ticks0 = await gantt.locator('g.axis.x > text:not(.label)').allTextContents();
    await gantt.scrollIntoViewIfNeeded();
    const box = (await gantt.locator('rect.frame').boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + box.height / 2);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
    await expect.poll(async () => Number(await span.getAttribute('width'))).toBeGreaterThan(w0 * 1.5);
    expect(await gantt.locator('g.axis.x > text:not(.label)').allTextContents()).not.toEqual(ticks0);
    await gantt.dblclick({ position: { x: box.width / 2, y: 60 } });
    await expect.poll(async () => Number(await span.getAttribute('width'))).toBeCloseTo(w0, 1);

    const shot = join(out, 'screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('markup, quotes and non-ASCII in names are shown as text, never run', async () => {
    const evil = `<script>window.__pwned=1</script> "q" 'a' Ωmega—模型`;
    const model = tempFile('evil.yaml', `name: ${JSON.stringify(evil)}\nhidden: 512\nintermediate: 2048\nheads: 4\nkv_heads: 4\nhead_dim: 128\nlayers: 2\nvocab: 1000\nnorm: layernorm\nactivation: gelu\n`);
    const set = tempFile(
      'evil-set.yaml',
      ['title: ' + JSON.stringify(`report ${evil}`), 'systems:', `  - { system: roofline, id: evil, caption: ${JSON.stringify(`caption ${evil}`)}, scenario: { model: ${model}, hardware: h200, stage: decode, batch: 2, seq: 128 }, modes: [ideal] }`].join('\n'),
    );
    const dir = join(dirname(set), 'evil-out');
    const r = hetsim(['report', '--scenarios', set, '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    const { page, problems } = await open(join(dir, 'index.html'));
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('h1').textContent()).toBe(`report ${evil}`);
    expect(await page.locator('figcaption').first().textContent()).toContain(`caption ${evil}`);
    expect(await page.locator('svg text.title').first().textContent()).toContain(evil);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

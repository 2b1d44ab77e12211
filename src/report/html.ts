/**
 * The report page: one self-contained HTML file (SVGs, CSS and its one script inline, no network),
 * so it can be mailed, archived or opened from CI artifacts as is. Deterministic: nothing in it
 * that the caller did not pass (the date and commit come in through `provenance`).
 */
import { formatCell } from './format.js';

export interface ReportFigure {
  svg: string;
  caption: string;
  /** Relative paths of the same figure as SVG and PNG and of the data behind it, linked under the caption. */
  png?: string;
  svgFile?: string;
  json?: string;
  /** Tables that explain this figure, placed right after it. */
  tables?: ReportTable[];
}

export interface ReportTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface ReportSection {
  id: string;
  title: string;
  intro?: string;
  figures: ReportFigure[];
  tables?: ReportTable[];
}

export interface Provenance {
  version: string;
  /** Git commit of the checkout hetsim ran from, when it is one. */
  commit?: string;
  /** The command line that made the report. */
  command: string;
  /** ISO date (UTC) the report was made (SOURCE_DATE_EPOCH when set, for reproducible builds). */
  date: string;
}

export interface ReportPage {
  title: string;
  generated_by: string;
  sections: ReportSection[];
  provenance?: Provenance;
  /** The page's script (tooltips, zoomable timelines), inlined. */
  script?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** HTML ids may hold anything but whitespace; an empty or spaced id would break the table of contents' links. */
function checkId(id: string): string {
  if (!/^\S+$/.test(id)) throw new Error(`renderIndexHtml: section id "${id}" must be non-empty with no whitespace`);
  return id;
}

/** Drops an XML declaration or doctype: both are invalid inside HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').replace(/^\s*<!DOCTYPE[^>]*>\s*/i, '').trim();
}

const CSS = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1040px; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 2em; }
.generated { color: #666; font-size: 0.9em; }
nav ol { padding-left: 1.4em; }
figure { margin: 1.2em 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.92em; color: #444; margin-top: 0.4em; }
figcaption .files a { margin-left: 0.5em; }
.hint { color: #666; font-size: 0.85em; }
dl.provenance { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; font-size: 0.88em; color: #444; }
dl.provenance dt { font-weight: bold; } dl.provenance dd { margin: 0; font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
#tooltip { position: fixed; display: none; pointer-events: none; background: #222; color: #fff; padding: 4px 8px; border-radius: 3px; font-size: 0.85em; max-width: 420px; z-index: 10; }
svg[data-zoom] { cursor: grab; }
table { border-collapse: collapse; font-size: 0.88em; margin: 1em 0; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.4em; }
th, td { border-bottom: 1px solid #e2e2e2; padding: 3px 10px; }
th { text-align: left; background: #f5f5f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
`.trim();

function renderFigure(f: ReportFigure, n: string): string {
  const links = ([['SVG', f.svgFile], ['PNG', f.png], ['data (JSON)', f.json]] as const).filter(([, href]) => href).map(([t, href]) => `<a href="${escapeHtml(href!)}">${t}</a>`);
  const files = links.length ? ` <span class="files">${links.join('')}</span>` : '';
  const hint = /data-zoom="x"/.test(f.svg) ? '\n<p class="hint">Scroll to zoom the time axis, drag to pan, double-click to reset.</p>' : '';
  const tables = (f.tables ?? []).map(renderTable).join('\n');
  return `<figure id="fig-${n}">\n${inlineSvg(f.svg)}\n<figcaption><b>Figure ${n}.</b> ${escapeHtml(f.caption)}${files}</figcaption>${hint}\n</figure>${tables ? `\n${tables}` : ''}`;
}

function renderProvenance(p: Provenance): string {
  const rows: [string, string][] = [['hetsim', p.version], ...(p.commit ? [['commit', p.commit] as [string, string]] : []), ['command', p.command], ['date', p.date]];
  return `<dl class="provenance">\n${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
}

/** A script's text inside <script>: `</script` would end it early, so its `<` is escaped. */
function inlineScript(js: string): string {
  return `<script>\n${js.replace(/<\/(script)/gi, '<\\/$1')}\n</script>`;
}

function renderTable(t: ReportTable): string {
  const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map((r) => '<tr>' + r.map((v) => `<td${typeof v === 'number' ? ' class="num"' : ''}>${escapeHtml(formatCell(v))}</td>`).join('') + '</tr>')
    .join('\n');
  return `<table>\n<caption>${escapeHtml(t.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function renderIndexHtml(page: ReportPage): string {
  const ids = page.sections.map((s) => checkId(s.id));
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  // Two sections with one id would make the table of contents jump to the wrong place, silently.
  if (dup !== undefined) throw new Error(`renderIndexHtml: duplicate section id "${dup}"`);

  const toc = page.sections.map((s, i) => `<li><a href="#${encodeURIComponent(ids[i])}">${escapeHtml(s.title)}</a></li>`).join('\n');
  const sections = page.sections.map((s, i) => {
    const parts = [`<section id="${escapeHtml(ids[i])}">`, `<h2>${escapeHtml(s.title)}</h2>`];
    if (s.intro) parts.push(`<p>${escapeHtml(s.intro)}</p>`);
    s.figures.forEach((f, k) => parts.push(renderFigure(f, `${i + 1}.${k + 1}`)));
    for (const t of s.tables ?? []) parts.push(renderTable(t));
    parts.push('</section>');
    return parts.join('\n');
  });
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(page.generated_by)}">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    `<p class="generated">Generated by ${escapeHtml(page.generated_by)}</p>`,
    ...(page.provenance ? [renderProvenance(page.provenance)] : []),
    `<nav><h2>Contents</h2>\n<ol>\n${toc}\n</ol></nav>`,
    ...sections,
    ...(page.script ? [inlineScript(page.script)] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

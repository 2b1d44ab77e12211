/**
 * Writing a report folder: each section's figures as OUT/img/NAME.svg, .png and .json (the data
 * behind the chart), and OUT/index.html with provenance and the page script. Shared by
 * `hetsim report` (scenario sets) and `hetsim sweep report` (sweep results).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { presetRoot } from '../systems/preset-registry.js';
import type { SectionSpec } from '../systems/report-spec.js';
import { VERSION } from '../systems/version.js';
import { writeFileAtomic } from './atomic-write.js';
import { renderChartSvg } from './charts.js';
import { reportClientScript } from './client-script.js';
import { renderIndexHtml, type Provenance, type ReportFigure, type ReportSection } from './html.js';
import { svgToPng } from './png.js';

/** The commit of the checkout hetsim runs from (`git` in the package root), or nothing outside a git checkout. */
function gitCommit(): { commit?: string } {
  const root = presetRoot();
  if (!existsSync(join(root, '.git'))) return {};
  const r = spawnSync('git', ['-C', root, 'describe', '--always', '--dirty', '--abbrev=12'], { encoding: 'utf8', timeout: 5000 });
  return r.status === 0 && r.stdout.trim() ? { commit: r.stdout.trim() } : {};
}

/** `hetsim …` as typed (arguments with spaces or quotes quoted). */
function commandLine(): string {
  const q = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return ['hetsim', ...process.argv.slice(2).map(q)].join(' ');
}

/** Now, or SOURCE_DATE_EPOCH (seconds) for a reproducible page. */
function reportDate(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const d = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function provenance(): Provenance {
  return { version: VERSION, ...gitCommit(), command: commandLine(), date: reportDate() };
}

/** Renders and writes every figure, then the page; returns the page's path and the figure count. */
export async function writeReport(out: string, title: string, specs: { spec: SectionSpec; system: string }[], pngScale = 1): Promise<{ path: string; figures: number }> {
  const sections: ReportSection[] = [];
  let count = 0;
  for (const { spec, system } of specs) {
    const figures: ReportFigure[] = [];
    for (const f of spec.figures) {
      const svg = renderChartSvg(f.chart);
      await writeFileAtomic(join(out, 'img', `${f.name}.svg`), svg);
      await writeFileAtomic(join(out, 'img', `${f.name}.png`), svgToPng(svg, { scale: pngScale }));
      // the data behind the chart: what it plots, its caption and the tables beside it
      const data = { name: f.name, caption: f.caption, kind: f.chart.kind, input: f.chart.input, tables: f.tables ?? [], system, version: VERSION };
      await writeFileAtomic(join(out, 'img', `${f.name}.json`), `${JSON.stringify(data, null, 1)}\n`);
      figures.push({ svg, caption: f.caption, png: `img/${f.name}.png`, svgFile: `img/${f.name}.svg`, json: `img/${f.name}.json`, tables: f.tables });
    }
    count += figures.length;
    sections.push({ id: spec.id, title: spec.title, intro: spec.intro, figures, tables: spec.tables });
  }
  const path = join(out, 'index.html');
  await writeFileAtomic(path, renderIndexHtml({ title, generated_by: `hetsim ${VERSION}`, sections, provenance: provenance(), script: reportClientScript() }));
  return { path, figures: count };
}

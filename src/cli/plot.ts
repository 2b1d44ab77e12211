/** `--plot out.svg|out.png`: the roofline figure of one or more results (D3, rendered headless). */
import { HetsimError } from '../errors.js';
import type { RooflineResult } from '../systems/roofline/types.js';

export function plotTitle(r: RooflineResult): string {
  const gen = r.stage === 'generate' ? `+${r.gen}` : '';
  return `${r.model} on ${r.hardware}: ${r.stage} B=${r.batch} S=${r.seq}${gen} ${r.bits}${r.flash ? ' flash' : ''}${r.tp > 1 ? ` tp${r.tp}` : ''}`;
}

export async function renderPlot(results: RooflineResult[]): Promise<string> {
  const { renderRooflineSvg } = await import('../report/index.js');
  const first = results[0];
  return renderRooflineSvg({
    title: plotTitle(first),
    roofs: first.roofs,
    series: results.map((r) => ({ label: results.length > 1 ? `${r.mode} ${r.stage}` : r.mode, rows: r.layers })),
  });
}

export async function writePlot(path: string, results: RooflineResult[]): Promise<void> {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.svg') && !lower.endsWith('.png')) {
    throw new HetsimError('config_invalid', `expected a file name ending in .svg or .png, got ${JSON.stringify(path)}`, '--plot');
  }
  const svg = await renderPlot(results);
  const { svgToPng, writeFileAtomic } = await import('../report/index.js');
  await writeFileAtomic(path, lower.endsWith('.png') ? svgToPng(svg) : svg);
}

/**
 * The roofline system's report section: one plot per scenario, titled with the model's and the
 * device's own names and subtitled with the config, with its totals and most expensive rows right
 * after it. A config that does not fit device memory is flagged in the title and the table.
 */
import { loadDevice, loadModel } from '../preset-registry.js';
import type { FigureSpec, SectionSpec, TableSpec as ReportTable } from '../report-spec.js';
import type { ReportEntry } from '../system.js';
import type { RooflineResult } from './types.js';

export interface RooflineScenarioResult {
  id: string;
  caption: string;
  results: RooflineResult[];
}

/** Preset ids → display names (`h200` → `NVIDIA H200 SXM`); the id where a preset cannot be read. */
export interface Names {
  model: (id: string) => string;
  device: (id: string) => string;
}

const GB = 1e9;

function ms(t: number): string {
  return (t * 1e3).toFixed(3);
}

/** `does not fit: 161 GB of 141 GB (+14%)`, or null when it fits or the device has no capacity. */
export function overflowNote(r: RooflineResult): string | null {
  const m = r.memory;
  if (m.fits !== false || m.capacity === null) return null;
  return `does not fit: ${(m.total / GB).toFixed(1)} GB of ${(m.capacity / GB).toFixed(1)} GB (+${((m.total / m.capacity - 1) * 100).toFixed(0)}%)`;
}

/** The config a figure shows, in one line (every key that changes the numbers). */
export function configLine(r: RooflineResult, names: Names, modes: string[]): string {
  const stage = r.stage === 'generate' ? `generate ${r.seq} + ${r.gen ?? 0} tokens` : `${r.stage}, ${r.seq} ${r.stage === 'decode' ? 'cached' : 'prompt'} tokens`;
  return [
    `${names.model(r.model)} (${r.model})`,
    `${names.device(r.hardware)} (${r.hardware})${r.tp > 1 ? ` × ${r.tp}, tensor parallel` : ''}`,
    stage,
    `batch ${r.batch}`,
    r.bits,
    r.flash ? 'FlashAttention' : 'no FlashAttention',
    `mode${modes.length > 1 ? 's' : ''} ${modes.join(' vs ')}`,
  ].join(' · ');
}

export function rooflineFigure(s: RooflineScenarioResult, names: Names): FigureSpec {
  const first = s.results[0];
  const flag = s.results.map(overflowNote).find((n) => n !== null);
  const input = {
    title: `${names.model(first.model)} on ${names.device(first.hardware)}: ${first.stage} roofline${flag ? ` — ⚠ ${flag}` : ''}`,
    subtitle: configLine(first, names, s.results.map((r) => r.mode)),
    roofs: first.roofs,
    series: s.results.map((r) => ({ label: r.mode, rows: r.layers })),
  };
  return { name: s.id, caption: s.caption, chart: { kind: 'roofline-plot', input }, tables: [rooflineTotalsTable(s), rooflineTopRowsTable(s)] };
}

/**
 * Where the time goes, row by row, communication included: a TP all-reduce has no OPs, so the
 * roofline plot cannot show it, and on a tensor-parallel config it can be a large share.
 */
export function rooflineTimeFigure(s: RooflineScenarioResult, names: Names): FigureSpec {
  const first = s.results[0];
  const rows = [...new Set(s.results.flatMap((r) => r.layers.map((l) => `${l.stage}|${l.name}`)))];
  const label = (k: string) => (first.stage === 'generate' ? k.replace('|', ' ') : k.split('|')[1]);
  const time = (r: RooflineResult, k: string) => r.layers.filter((l) => `${l.stage}|${l.name}` === k).reduce((t, l) => t + l.time_s, 0) * 1e6;
  return {
    name: `${s.id}-time`,
    caption: `${s.caption}: time per row (one decoder block, once-per-model rows once), communication included`,
    chart: {
      kind: 'bar',
      input: {
        title: `${names.model(first.model)} on ${names.device(first.hardware)}: where the time goes, row by row`,
        subtitle: configLine(first, names, s.results.map((r) => r.mode)),
        yLabel: 'time per row (µs)',
        categories: rows.map(label),
        groups: s.results.map((r) => ({ label: r.mode, values: rows.map((k) => time(r, k)) })),
        logY: true,
        width: Math.min(1000, Math.max(760, 26 * rows.length * s.results.length)),
      },
    },
  };
}

export function rooflineTotalsTable(s: RooflineScenarioResult): ReportTable {
  const rows = s.results.map((r) => [
    r.mode,
    ms(r.totals.time_s),
    r.phases ? ms(r.phases.prefill.time_s) : '',
    r.phases ? ms(r.phases.decode.time_s) : '',
    (r.totals.ops / 1e12).toFixed(3),
    (r.totals.memory_access / GB).toFixed(3),
    (r.memory.total / GB).toFixed(2),
    r.memory.fits === null ? 'n/a' : r.memory.fits ? 'yes' : `NO (${overflowNote(r)!.replace('does not fit: ', '')})`,
  ]);
  return {
    caption: `${s.id}: stage totals per mode (times per device)`,
    columns: ['mode', 'time (ms)', 'prefill (ms)', 'decode (ms)', 'TOPs', 'GB moved', 'memory (GB)', 'fits'],
    rows,
  };
}

/** The five most expensive rows of each mode: where the time goes. */
export function rooflineTopRowsTable(s: RooflineScenarioResult): ReportTable {
  const rows: (string | number)[][] = [];
  for (const r of s.results) {
    const ranked = [...r.layers].sort((a, b) => b.time_s - a.time_s).slice(0, 5);
    for (const l of ranked) rows.push([r.mode, l.stage, l.name, l.bound, l.arithmetic_intensity.toFixed(2), (l.time_s * 1e6).toFixed(2)]);
  }
  return { caption: `${s.id}: most expensive rows (one block; lm_head etc. once)`, columns: ['mode', 'stage', 'layer', 'bound', 'AI (OP/B)', 'time (us)'], rows };
}

/** Display names of the presets the results name (a path or an unreadable preset keeps its id). */
async function presetNames(results: RooflineResult[]): Promise<Names> {
  const model = new Map<string, string>();
  const device = new Map<string, string>();
  for (const r of results) {
    if (!model.has(r.model)) model.set(r.model, await loadModel(r.model).then((m) => m.name, () => r.model));
    if (!device.has(r.hardware)) device.set(r.hardware, await loadDevice(r.hardware).then((d) => d.name, () => r.hardware));
  }
  return { model: (id) => model.get(id) ?? id, device: (id) => device.get(id) ?? id };
}

/** A sweep entry is drawn as one roofline scenario per swept value (each with every mode). */
export async function rooflineSection(entries: ReportEntry<RooflineResult>[]): Promise<SectionSpec> {
  const scenarios: RooflineScenarioResult[] = entries.flatMap((e) =>
    e.sweep
      ? e.sweep.points.map((results, v) => ({ id: `${e.id}-${e.sweep!.key}-${String(e.sweep!.values[v])}`, caption: `${e.caption} (${e.sweep!.key} ${String(e.sweep!.values[v])})`, results }))
      : [{ id: e.id, caption: e.caption, results: e.results }],
  );
  const names = await presetNames(scenarios.flatMap((s) => s.results));
  const calibrated = [...new Set(scenarios.flatMap((s) => s.results.filter((r) => r.mode === 'calibrated').map((r) => names.device(r.hardware))))];
  return {
    id: 'roofline',
    title: 'Roofline analyzer',
    intro:
      'Per-layer roofline of LLM prefill, decode and generate. llm-viewer reproduces LLM-Viewer 472f71f exactly (quirks included); ideal is the corrected model (GQA, FlashAttention without S² traffic, causal attention, SwiGLU by the intermediate size, lm_head, TP all-reduces, MoE); calibrated is the achievable roofline, each device fitted to kernels measured on that device' +
      (calibrated.length ? ` (here: ${calibrated.join(', ')}).` : '.'),
    figures: scenarios.flatMap((s) => [rooflineFigure(s, names), ...(s.results.some((r) => r.layers.some((l) => l.bound === 'communication')) ? [rooflineTimeFigure(s, names)] : [])]),
    tables: [],
  };
}

/**
 * NeuPIMs' report section, as chart specs: mode comparison (bars + speedups vs the paper), a stage
 * Gantt chart, and sweeps (speedup per swept value).
 */
import type { BarChartInput, FigureSpec, GanttInput, GanttSpan, LineChartInput, SectionSpec, TableSpec as ReportTable } from '../report-spec.js';
import type { ReportEntry } from '../system.js';
import type { NeupimsResult } from './neupims-result.js';

export interface NeupimsScenarioResult {
  id: string;
  caption: string;
  results: NeupimsResult[];
}

/** Throughput ratios of the paper's abstract (ASPLOS '24; shared/specs/neupims.md §1). */
const PAPER_SPEEDUP: Record<string, number> = { 'npu-only': 2.4, 'npu-pim-naive': 1.6, gpu: 3 };

/** The config behind a figure: model, parallelism, batch, and how much was simulated cycle by cycle. */
export function neupimsConfigLine(r: NeupimsResult, withBatch = true): string {
  return [`${r.model}`, `TP ${r.tp}${r.pp > 1 ? ` × PP ${r.pp}` : ''}`, ...(withBatch ? [`batch ${r.batch}`] : []), `${r.layers} decoder layers per device, ${r.simulated_layers} simulated cycle by cycle (the rest extrapolated from the steady state)`].join(' · ');
}

/** A utilisation this mode does not model reads n/a, not 0.0% (the GPU baseline is a roofline; npu-only has no PIM). */
export function utilisationCell(r: NeupimsResult, unit: 'npu' | 'pim' | 'dram_bandwidth'): string {
  const modelled = r.mode !== 'gpu' && !(unit === 'pim' && r.mode === 'npu-only');
  return modelled ? `${(r.utilization[unit] * 100).toFixed(1)}%` : 'n/a';
}

export function neupimsModeBars(s: NeupimsScenarioResult): BarChartInput {
  return {
    title: `${s.results[0].model}, batch ${s.results[0].batch}: decode throughput per mode`,
    subtitle: neupimsConfigLine(s.results[0]),
    yLabel: 'tokens/s (one device)',
    categories: s.results.map((r) => r.mode),
    groups: [{ label: 'tokens/s', values: s.results.map((r) => r.tokens_per_s) }],
  };
}

/** What each stage of the sub-batch-interleaved schedule runs, NPU | PIM (stage-scheduler.ts). */
const STAGE_MEANING: Record<string, string> = {
  A: 'QKV SB1 | –',
  B: 'QKV SB2 | MHA SB1',
  C: 'proj+FFN SB1, next QKV SB1 | MHA SB2',
  D: 'proj+FFN SB2, next QKV SB2 | MHA SB1',
  E: 'proj+FFN SB1 | MHA SB2',
  F: 'proj+FFN SB2 | –',
};

/** `1 GHz`, `225 MHz`: the NPU clock the cycles count. */
function clockLabel(mhz: number): string {
  return mhz >= 1000 ? `${mhz / 1000} GHz` : `${mhz} MHz`;
}

/** NPU and PIM busy spans of each simulated stage of the neupims-mode result. */
export function neupimsGantt(r: NeupimsResult & { config?: { npu: { freq_mhz: number } } }): GanttInput {
  const spans: GanttSpan[] = [];
  for (const g of r.gantt) {
    spans.push({ lane: 'NPU', start: g.start, end: g.npu_end, label: g.stage });
    spans.push({ lane: 'PIM', start: g.start, end: g.pim_end, label: g.stage });
    spans.push({ lane: 'stage', start: g.start, end: g.end, label: g.stage });
  }
  return {
    title: `${r.model} ${r.mode}: NPU and PIM busy time per sub-batch-interleaving stage (layers 0–${r.simulated_layers - 1})`,
    subtitle: neupimsConfigLine(r),
    lanes: ['stage', 'NPU', 'PIM'],
    spans,
    xLabel: `NPU cycles (${clockLabel(r.config?.npu.freq_mhz ?? 1000)})`,
    xUnit: 'cycles',
    legendTitle: 'stage',
    legend: [...new Set(r.gantt.map((g) => g.stage))].map((stage) => ({ label: stage, describe: STAGE_MEANING[stage] })),
  };
}

export function neupimsSpeedupTable(s: NeupimsScenarioResult): ReportTable {
  const np = s.results.find((r) => r.mode === 'neupims');
  const rows: (string | number)[][] = [];
  for (const r of s.results) {
    if (r.mode === 'neupims' || !np) continue;
    const ours = np.tokens_per_s / r.tokens_per_s;
    const paper = PAPER_SPEEDUP[r.mode];
    rows.push([r.mode, ours.toFixed(2), paper === undefined ? '' : paper.toFixed(1), paper === undefined ? '' : `${((ours / paper - 1) * 100).toFixed(0)}%`]);
  }
  return { caption: `${s.id}: NeuPIMs throughput speedup over each baseline`, columns: ['baseline', 'hetsim', 'paper', 'difference'], rows };
}

export function neupimsModeTable(s: NeupimsScenarioResult): ReportTable {
  return {
    caption: `${s.id}: per mode`,
    columns: ['mode', 'tokens/s', 'step (ms)', 'layer cycles', 'stage cycles', 'NPU util', 'PIM util', 'DRAM BW util'],
    rows: s.results.map((r) => [
      r.mode,
      Math.round(r.tokens_per_s),
      (r.step_seconds * 1e3).toFixed(3),
      Math.round(r.layer_cycles),
      Object.entries(r.stage_cycles)
        .map(([k, v]) => `${k} ${Math.round(v ?? 0)}`)
        .join(' '),
      utilisationCell(r, 'npu'),
      utilisationCell(r, 'pim'),
      utilisationCell(r, 'dram_bandwidth'),
    ]),
  };
}

const INTRO =
  'Batched GPT-3 decoding on one NeuPIMs device (NPU with 8 128×128 systolic arrays + 32-channel HBM2-PIM), simulated cycle by cycle, against NPU-only, naive NPU+PIM (single row buffer, blocked mode, no sub-batch interleaving) and a GPU roofline on the same requests.';

export interface NeupimsSweepResult {
  id: string;
  caption: string;
  /** The swept scenario key (e.g. `batch`) and its values. */
  key: string;
  values: unknown[];
  /** results[b][m]: batch index b, mode index m (same order as `modes`). */
  modes: string[];
  results: NeupimsResult[][];
}

/** NeuPIMs' speedup over each baseline at each batch size, beside the paper's headline ratio. */
export function neupimsSweepChart(s: NeupimsSweepResult): BarChartInput {
  const np = s.modes.indexOf('neupims');
  const baselines = s.modes.filter((m) => m !== 'neupims');
  return {
    title: `${s.results[0][0].model}: NeuPIMs speedup by ${s.key === 'batch' ? 'batch size' : s.key}`,
    subtitle: `${neupimsConfigLine(s.results[0][0], false)} · one run per ${s.key} value`,
    yLabel: 'throughput ratio (NeuPIMs / baseline)',
    referenceY: { value: 1, label: '1× (no speedup)' },
    categories: s.values.map((v) => `${s.key} ${String(v)}`),
    groups: baselines.map((m) => ({
      label: `vs ${m} (paper ${PAPER_SPEEDUP[m] ?? '?'}×)`,
      values: s.results.map((row) => row[np].tokens_per_s / row[s.modes.indexOf(m)].tokens_per_s),
    })),
  };
}

/** Tokens/s of every mode against the swept key (numeric values on a log axis), one line per mode. */
export function neupimsSweepLines(s: NeupimsSweepResult): LineChartInput | null {
  if (!s.values.every((v) => typeof v === 'number' && v > 0)) return null;
  return {
    title: `${s.results[0][0].model}: decode throughput by ${s.key === 'batch' ? 'batch size' : s.key}, one line per mode`,
    subtitle: neupimsConfigLine(s.results[0][0], false),
    xLabel: s.key,
    yLabel: 'tokens/s (one device)',
    series: s.modes.map((m, mi) => ({ label: m, points: s.results.map((row, b) => ({ x: s.values[b] as number, y: row[mi].tokens_per_s })) })),
    logX: true,
    logY: true,
  };
}

export function neupimsSweepTable(s: NeupimsSweepResult): ReportTable {
  return {
    caption: `${s.id}: tokens/s per mode and ${s.key} (${s.results[0][0].simulated_layers} layer${s.results[0][0].simulated_layers === 1 ? '' : 's'} simulated cycle by cycle per point)`,
    columns: [s.key, ...s.modes],
    rows: s.results.map((row, b) => [s.values[b] as string | number, ...row.map((r) => Math.round(r.tokens_per_s))]),
  };
}

/**
 * Entries without a sweep: mode bars and the neupims-mode Gantt each, then a speedup chart per
 * sweep that compares neupims with a baseline; tables in the same order.
 */
export function neupimsReport(entries: ReportEntry<NeupimsResult>[]): SectionSpec {
  const scenarios = entries.filter((e) => !e.sweep).map((e) => ({ id: e.id, caption: e.caption, results: e.results }));
  const sweeps = entries.flatMap((e) => (e.sweep ? [{ id: e.id, caption: e.caption, key: e.sweep.key, values: e.sweep.values, modes: e.modes, results: e.sweep.points }] : []));
  const figures: FigureSpec[] = [];
  const tables: ReportTable[] = [];
  for (const s of scenarios) {
    figures.push({ name: `${s.id}-modes`, caption: `${s.caption}: decode throughput of each mode on the same requests`, chart: { kind: 'bar', input: neupimsModeBars(s) }, tables: [neupimsSpeedupTable(s), neupimsModeTable(s)] });
    const np = s.results.find((r) => r.mode === 'neupims' && r.gantt.length > 0);
    if (np) figures.push({ name: `${s.id}-gantt`, caption: `${s.caption}: NPU and PIM busy time per sub-batch-interleaving stage`, chart: { kind: 'gantt', input: neupimsGantt(np) } });
  }
  for (const s of sweeps) {
    if (s.modes.includes('neupims') && s.modes.length > 1) {
      figures.push({ name: `${s.id}-sweep`, caption: `${s.caption}: NeuPIMs speedup over each baseline by ${s.key === 'batch' ? 'batch size' : s.key}`, chart: { kind: 'bar', input: neupimsSweepChart(s) } });
    }
    const lines = neupimsSweepLines(s);
    if (lines) figures.push({ name: `${s.id}-throughput`, caption: `${s.caption}: tokens/s of each mode`, chart: { kind: 'line', input: lines }, tables: [neupimsSweepTable(s)] });
    else tables.push(neupimsSweepTable(s));
  }
  return { id: 'neupims', title: 'NeuPIMs: NPU + dual-row-buffer HBM-PIM', intro: INTRO, figures, tables };
}

/** The roofline system's report section: one plot + totals table per scenario, as chart specs. */
import type { FigureSpec, SectionSpec, TableSpec as ReportTable } from '../report-spec.js';
import type { ReportEntry } from '../system.js';
import type { RooflineResult } from './types.js';

export interface RooflineScenarioResult {
  id: string;
  caption: string;
  results: RooflineResult[];
}

const GB = 1e9;

function ms(t: number): string {
  return (t * 1e3).toFixed(3);
}

export function rooflineFigure(s: RooflineScenarioResult): FigureSpec {
  const first = s.results[0];
  const input = {
    title: `${first.model} on ${first.hardware}: ${first.stage}, B=${first.batch}, S=${first.seq}${first.gen ? `+${first.gen}` : ''}, ${first.bits}${first.tp > 1 ? `, TP=${first.tp}` : ''}`,
    roofs: first.roofs,
    series: s.results.map((r) => ({ label: r.mode, rows: r.layers })),
  };
  return { name: s.id, caption: s.caption, chart: { kind: 'roofline-plot', input } };
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
    r.memory.fits === null ? 'n/a' : r.memory.fits ? 'yes' : 'NO',
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

/** A sweep entry is drawn as one roofline scenario per swept value (each with every mode). */
export function rooflineSection(entries: ReportEntry<RooflineResult>[]): SectionSpec {
  const scenarios: RooflineScenarioResult[] = entries.flatMap((e) =>
    e.sweep
      ? e.sweep.points.map((results, v) => ({ id: `${e.id}-${e.sweep!.key}-${String(e.sweep!.values[v])}`, caption: `${e.caption} (${e.sweep!.key} ${String(e.sweep!.values[v])})`, results }))
      : [{ id: e.id, caption: e.caption, results: e.results }],
  );
  const figures = scenarios.map(rooflineFigure);
  return {
    id: 'roofline',
    title: 'Roofline analyzer',
    intro:
      'Per-layer roofline of LLM prefill, decode and generate. llm-viewer reproduces LLM-Viewer 472f71f exactly (quirks included); ideal is the corrected model (GQA, FlashAttention without S² traffic, causal attention, SwiGLU by the intermediate size, lm_head, TP all-reduces, MoE); calibrated is the achievable roofline fitted to measured H200 kernels.',
    figures,
    tables: scenarios.flatMap((s) => [rooflineTotalsTable(s), rooflineTopRowsTable(s)]),
  };
}

/** Human and CSV renderings of roofline results (JSON is the contract; these are views of it). */
import type { LayerRow, RooflineResult, RooflineSummary } from './types.js';

const ROW_COLUMNS = ['stage', 'name', 'ops', 'load_weight', 'load_act', 'store_act', 'load_kv_cache', 'store_kv_cache', 'memory_access', 'arithmetic_intensity', 'bound', 'time_s'] as const;

export function si(x: number, unit = ''): string {
  if (x === 0) return `0${unit ? ' ' + unit : ''}`;
  const prefixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  let v = Math.abs(x);
  while (v >= 1000 && i < prefixes.length - 1) {
    v /= 1000;
    i++;
  }
  return `${(Math.sign(x) * v).toPrecision(4)} ${prefixes[i]}${unit}`.trim();
}

export function seconds(t: number): string {
  if (t >= 1) return `${t.toPrecision(4)} s`;
  if (t >= 1e-3) return `${(t * 1e3).toPrecision(4)} ms`;
  return `${(t * 1e6).toPrecision(4)} us`;
}

/**
 * `--summary`: the result without its per-layer rows (totals, phases, memory and the request), key
 * order kept. A sweep that needs only totals writes ≈ 14× less (a generate config: 660 B instead of
 * 9 KB); LLM-Viewer's analyze_generate_task returns totals only, too.
 */
export function withoutLayers(r: RooflineResult): RooflineSummary {
  const { layers: _rows, ...summary } = r;
  return summary;
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(results: RooflineResult[]): string {
  const head = ['model', 'hardware', 'mode', 'stage_request', 'batch', 'seq', 'bits', 'flash', 'tp', ...ROW_COLUMNS];
  const lines = [head.join(',')];
  for (const r of results) {
    for (const row of r.layers) {
      const cells = [r.model, r.hardware, r.mode, r.stage, r.batch, r.seq, r.bits, r.flash, r.tp, ...ROW_COLUMNS.map((c) => row[c as keyof LayerRow])];
      lines.push(cells.map(csvCell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** A table of the rows and the totals; `rows: false` (`--summary`) prints the totals only. */
export function toTable(r: RooflineResult, { rows = true }: { rows?: boolean } = {}): string {
  const head = ['stage', 'layer', 'OPs', 'memory', 'AI (OP/B)', 'bound', 'time'];
  const body = r.layers.map((l) => [l.stage, l.name, si(l.ops, 'OP'), si(l.memory_access, 'B'), l.arithmetic_intensity.toPrecision(4), l.bound, seconds(l.time_s)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i >= 2 && i !== 5)).join('  ');
  const gen = r.stage === 'generate' ? `, gen ${r.gen}` : '';
  const out = [
    `${r.model} on ${r.hardware} — ${r.stage}, batch ${r.batch}, seq ${r.seq}${gen}, ${r.bits}${r.flash ? ', flash' : ''}${r.tp > 1 ? `, tp ${r.tp}` : ''} [${r.mode}]`,
    'Rows are one decoder block (× layers in the totals) except embedding/final_norm/lm_head (once).',
    '',
    ...(rows ? [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), ''] : []),
    `total: ${si(r.totals.ops, 'OP')}, ${si(r.totals.memory_access, 'B')} moved, ${seconds(r.totals.time_s)}`,
  ];
  if (r.phases) out.push(`  prefill ${seconds(r.phases.prefill.time_s)}, decode ${seconds(r.phases.decode.time_s)} (${r.gen} steps)`);
  const m = r.memory;
  const cap = m.capacity === null ? 'capacity unknown' : `capacity ${si(m.capacity, 'B')} → ${m.fits ? 'fits' : 'DOES NOT FIT'}`;
  out.push(`memory: weights ${si(m.weights, 'B')} + KV ${si(m.kv_cache, 'B')} + activations ${si(m.activations, 'B')} = ${si(m.total, 'B')}; ${cap}`);
  return `${out.join('\n')}\n`;
}

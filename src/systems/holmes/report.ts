/**
 * Holmes' report section: a per-rank Gantt of one iteration (forward, backward, P2P waits, bubbles,
 * DP sync, optimizer) for each entry, a bar chart of TFLOPS/GPU per placement, and a table of the
 * breakdown.
 */
import type { FigureSpec, SectionSpec, TableSpec } from '../report-spec.js';
import type { ReportEntry } from '../system.js';
import type { HolmesResult } from './holmes-result.js';

/** What each span of the per-rank timeline is. */
const TASKS = [
  { label: 'forward', describe: 'micro-batch forward' },
  { label: 'backward', describe: 'backward (with selective recompute)' },
  { label: 'p2p wait', describe: 'waiting on a pipeline send/receive' },
  { label: 'bubble', describe: 'pipeline fill/drain idle' },
  { label: 'dp-sync', describe: 'gradient reduce-scatter / param all-gather' },
  { label: 'optimizer', describe: 'optimizer step' },
];

/** The config behind a Holmes figure. */
export function holmesConfigLine(r: HolmesResult): string {
  const p = r.parallelism;
  return `${r.model} · ${r.gpus} GPUs · TP ${p.tp} × PP ${p.pp} × DP ${p.dp} · ${r.micro_batches} micro-batches · stages ${r.stages.map((s) => `${s.layers} layers on ${s.cluster}`).join(', ')} · ${r.transport} transports`;
}

export function holmesGantt(r: HolmesResult): FigureSpec['chart'] {
  return {
    kind: 'gantt',
    input: {
      title: `${r.model}, ${r.placement} placement: one training iteration per rank (a rank is one TP group)`,
      subtitle: holmesConfigLine(r),
      lanes: r.gantt.lanes,
      spans: r.gantt.spans.map((s) => ({ lane: r.gantt.lanes[s.lane], start: s.start, end: s.end, label: s.label })),
      xLabel: 'time in the iteration',
      xUnit: 's',
      legendTitle: 'task',
      legend: TASKS,
    },
  };
}

export function holmesReport(entries: ReportEntry<HolmesResult>[]): SectionSpec {
  const figures: FigureSpec[] = [];
  const tables: TableSpec[] = [];
  for (const e of entries) {
    const results = e.sweep ? e.sweep.points.flat() : e.results;
    for (const r of e.results) figures.push({ name: `holmes-${e.id}-${r.placement}-gantt`, caption: `${e.caption}: ${r.placement} placement, per-rank timeline`, chart: holmesGantt(r) });
    const table: TableSpec = {
      caption: `${e.id}: iteration breakdown of the critical rank`,
      columns: ['placement', 'transport', 'iteration (s)', 'samples/s', 'TFLOPS/GPU', 'compute (s)', 'DP exposed (s)', 'PP bubble (s)', 'P2P (s)', 'stages'],
      rows: results.map((r) => [
        r.placement,
        r.transport,
        r.iteration_s.toFixed(3),
        r.samples_per_s.toFixed(1),
        r.tflops_per_gpu.toFixed(1),
        r.breakdown.compute_s.toFixed(3),
        r.breakdown.dp_exposed_s.toFixed(3),
        r.breakdown.pp_bubble_s.toFixed(3),
        r.breakdown.p2p_s.toFixed(3),
        r.stages.map((s) => `${s.layers}@${s.cluster}`).join(' / '),
      ]),
    };
    figures.push({
      name: `holmes-${e.id}-tflops`,
      caption: `${e.caption}: TFLOPS per GPU (Megatron 96-form) per placement`,
      chart: { kind: 'bar', input: { title: `TFLOPS per GPU by placement: ${results[0]?.model ?? ''}`, subtitle: results[0] ? holmesConfigLine(results[0]) : undefined, yLabel: 'TFLOPS / GPU (96·B·s·l·h² form)', categories: results.map((r) => r.placement), groups: [{ label: 'TFLOPS/GPU', values: results.map((r) => r.tflops_per_gpu) }] } },
      tables: [table],
    });
  }
  return { id: 'holmes', title: 'Holmes: training across heterogeneous NICs', intro: 'One simulated training iteration per placement; the Gantt shows each pipeline rank of the first and last DP replica.', figures, tables };
}

/**
 * SkipPipe's report section: per-node Gantt timeline (forward / backward / loss / idle), the path
 * diagram (streams × path positions, node and stage), and the schedule comparison.
 */
import type { FigureSpec, GanttInput, GanttSpan, HeatmapInput, SectionSpec, TableSpec } from '../report-spec.js';
import type { ReportEntry } from '../system.js';
import type { SkippipeResult } from './result.js';

export function skippipeGantt(r: SkippipeResult): GanttInput {
  const spans: GanttSpan[] = [];
  const lanes = r.nodes.map((n) => `node ${n.node} · stage ${n.stage}`);
  for (const n of r.nodes) {
    const mine = r.timeline.filter((s) => s.node === n.node).sort((a, b) => a.start - b.start);
    let at = 0;
    for (const s of mine) {
      if (s.start > at + 1e-9) spans.push({ lane: lanes[n.node], start: at, end: s.start, label: 'idle' });
      spans.push({ lane: lanes[n.node], start: s.start, end: s.end, label: s.kind });
      at = s.end;
    }
    if (at < r.iteration_s - 1e-9) spans.push({ lane: lanes[n.node], start: at, end: r.iteration_s, label: 'idle' });
  }
  return {
    title: `${r.schedule} schedule: one training iteration per node (${r.iteration_s.toFixed(1)} s)`,
    subtitle: skippipeConfigLine(r),
    lanes,
    spans,
    xLabel: 'time in the iteration',
    xUnit: 's',
    legendTitle: 'task',
    legend: [
      { label: 'forward', describe: 'a microbatch through this stage' },
      { label: 'backward', describe: 'its backward (1.5× forward)' },
      { label: 'loss', describe: 'loss at the stage-0 node' },
      { label: 'idle', describe: 'waiting (transfers, collisions)' },
    ],
  };
}

/** The config behind a SkipPipe figure. */
export function skippipeConfigLine(r: SkippipeResult, withSource = true): string {
  const stages = r.partitions.map((p) => p.length);
  const hops = Math.max(...r.paths.map((p) => p.length));
  return `${r.nodes.length} nodes · ${stages.length} stages [${stages.join(', ')}] · paths of ${hops} stages · ${r.microbatches} microbatches${withSource ? ` · schedule from ${r.source}` : ''}`;
}

/** The path diagram as a chart: stages × streams, each cell the hop at which the stream visits that stage (blank: skipped). */
export function pathChart(r: SkippipeResult): HeatmapInput {
  const stageOf = new Map(r.nodes.map((n) => [n.node, n.stage]));
  const stages = r.partitions.map((_, i) => i);
  return {
    title: `${r.schedule} paths: at which hop each stream visits each stage`,
    subtitle: `${skippipeConfigLine(r)} · a stream returns to its stage-0 node for the loss, then the backward retraces the path`,
    xLabel: 'stream: its stage-0 node × microbatches it carries',
    yLabel: 'stage',
    xs: r.paths.map((p, i) => `${i}: node ${p[0]} × ${r.path_microbatches[i]}`),
    ys: stages.map((s) => `stage ${s}`),
    values: stages.map((st) => r.paths.map((p) => {
      const k = p.findIndex((node) => stageOf.get(node) === st);
      return k < 0 ? null : k + 1;
    })),
    unit: 'hop',
    missing: '·',
    width: Math.max(760, 52 * r.paths.length + 200),
  };
}

export function pathDiagram(r: SkippipeResult, caption: string): TableSpec {
  const stageOf = new Map(r.nodes.map((n) => [n.node, n.stage]));
  const width = Math.max(...r.paths.map((p) => p.length));
  return {
    caption,
    columns: ['stream', 'microbatches', ...[...Array(width).keys()].map((k) => `hop ${k}`)],
    rows: r.paths.map((p, i) => [i, r.path_microbatches[i], ...p.map((x) => `${x} (s${stageOf.get(x)})`)]),
  };
}

export function skippipeReport(entries: ReportEntry<SkippipeResult>[]): SectionSpec {
  const figures: FigureSpec[] = [];
  const tables: TableSpec[] = [];
  for (const e of entries) {
    const rs = e.results;
    const full = rs.find((r) => r.schedule === 'full');
    const comparison: TableSpec = {
      caption: `${e.id}: schedules compared`,
      columns: ['schedule', 'iteration (s)', 'vs full', 'utilization mean', 'collisions', 'wait (s)', 'microbatches', 'layer coverage min–max'],
      rows: rs.map((r) => [
        r.schedule,
        r.iteration_s.toFixed(2),
        full ? `${((r.iteration_s / full.iteration_s - 1) * 100).toFixed(1)}%` : '',
        `${(r.utilization.mean * 100).toFixed(1)}%`,
        r.collisions,
        r.collision_wait_s.toFixed(1),
        r.microbatches,
        `${Math.min(...r.layer_coverage).toFixed(2)}–${Math.max(...r.layer_coverage).toFixed(2)}`,
      ]),
    };
    if (rs.length > 0) {
      figures.push({
        name: `${e.id}-schedules`,
        caption: `${e.caption}: simulated iteration time per schedule`,
        chart: { kind: 'bar', input: { title: 'Iteration time per schedule', subtitle: skippipeConfigLine(rs[0], false), yLabel: 'iteration time (s)', categories: rs.map((r) => r.schedule), groups: [{ label: 'iteration (s)', values: rs.map((r) => r.iteration_s) }] } },
        tables: [comparison],
      });
    } else tables.push(comparison);
    const best = rs.find((r) => r.schedule === 'skippipe') ?? rs[rs.length - 1];
    if (best) {
      figures.push({ name: `${e.id}-gantt`, caption: `${e.caption}: per-node timeline of the ${best.schedule} schedule`, chart: { kind: 'gantt', input: skippipeGantt(best) } });
      figures.push({
        name: `${e.id}-paths`,
        caption: `${e.caption}: ${best.schedule} path diagram`,
        chart: { kind: 'heatmap', input: pathChart(best) },
        tables: [pathDiagram(best, `${e.id}: ${best.schedule} paths (stream × hop: node (stage)); each path returns to its stage-0 node for the loss, then the backward retraces it`)],
      });
    }
  }
  return {
    id: 'skippipe',
    title: 'SkipPipe: partial and reordered pipelines on a geo-distributed network',
    intro:
      'One training iteration on nodes spread over 12 cloud regions: full pipelines (DT-FM-like) against microbatches that visit only P of the stages on collision-aware paths, simulated event by event (latency + bytes/bandwidth + a fixed per-hop overhead).',
    figures,
    tables,
  };
}

/**
 * The `--json` result of `hetsim simulate` for Holmes: the contract keys at top level (placement,
 * iteration_s, samples_per_s, tflops_per_gpu, stages, breakdown), the flat metrics, and the
 * per-rank Gantt spans the report draws.
 */
import type { GroupTransport } from '../../hw/net/fabric.js';
import type { MetricSpec } from '../system.js';
import { tflopsPerGpu } from './flops.js';
import type { Placement } from './scenario.js';
import type { HolmesRun } from './simulate-holmes.js';
import type { Span } from './step-sim.js';

export const HOLMES_METRICS = [
  { name: 'iteration_s', unit: 's', better: 'lower', describe: 'one training iteration (forward, backward, DP sync and optimizer step)' },
  { name: 'samples_per_s', unit: 'samples/s', better: 'higher', describe: 'global batch / iteration time' },
  { name: 'tflops_per_gpu', unit: 'TFLOP/s', better: 'higher', describe: "Megatron's 96·B·s·l·h²(1 + s/6h + V/16lh) per iteration / (iteration × GPUs)" },
  { name: 'tflops_per_gpu_core', unit: 'TFLOP/s', better: 'higher', describe: "Megatron core's num_floating_point_operations (72-coefficient form) / (iteration × GPUs)" },
  { name: 'compute_s', unit: 's', better: 'lower', describe: 'compute time of the critical worker (forward, backward, recompute, optimizer)' },
  { name: 'dp_exposed_s', unit: 's', better: 'lower', describe: 'DP gradient/parameter sync not hidden by compute (critical worker)' },
  { name: 'pp_bubble_s', unit: 's', better: 'lower', describe: 'pipeline bubble and waiting for slower peers (critical worker)' },
  { name: 'p2p_s', unit: 's', better: 'lower', describe: 'waiting on pipeline sends and receives in flight (critical worker)' },
] as const satisfies readonly MetricSpec[];

export type HolmesMetric = (typeof HOLMES_METRICS)[number]['name'];

export interface HolmesResult {
  system: 'holmes';
  mode: Placement;
  placement: Placement;
  model: string;
  transport: string;
  gpus: number;
  parallelism: { tp: number; pp: number; dp: number };
  micro_batches: number;
  iteration_s: number;
  samples_per_s: number;
  tflops_per_gpu: number;
  tflops_per_gpu_core: number;
  /** iteration_s includes the optimizer step and the parameter all-gather. */
  iteration_includes_optimizer: true;
  stages: { cluster: string; layers: number; nodes: number; dp_transport: GroupTransport; fwd_ms: number; bwd_ms: number }[];
  p2p_transport: GroupTransport | 'none';
  breakdown: { compute_s: number; dp_exposed_s: number; pp_bubble_s: number; p2p_s: number };
  flops: { megatron_96_per_iteration: number; megatron_core_per_iteration: number; executed_per_iteration: number };
  /** Per-rank timeline: lanes are workers (stage, DP replica) of the first and last replica. */
  gantt: { lanes: string[]; spans: { lane: number; start: number; end: number; label: Span['label'] }[] };
  sim: { events: number; critical_worker: string };
}

export function laneName(r: HolmesRun, id: number): string {
  const w = r.layout.workers[id];
  return `stage ${w.stage} · dp ${w.replica} · rank ${w.rank} (${r.topo.nodes[w.node].clusterName} node ${w.node})`;
}

export function holmesResult(r: HolmesRun, model: string, transport: string, gbs: number): HolmesResult {
  const it = r.step.iteration_s;
  const ids = [...new Set(r.step.spans.map((s) => s.worker))].sort((a, b) => a - b);
  const { worker, ...bd } = r.step.critical;
  return {
    system: 'holmes',
    mode: r.placement,
    placement: r.placement,
    model,
    transport,
    gpus: r.layout.gpus,
    parallelism: { tp: r.layout.tp, pp: r.layout.pp, dp: r.layout.dp },
    micro_batches: r.microBatches,
    iteration_s: it,
    samples_per_s: gbs / it,
    tflops_per_gpu: tflopsPerGpu(r.flops96, it, r.layout.gpus),
    tflops_per_gpu_core: tflopsPerGpu(r.flops72, it, r.layout.gpus),
    iteration_includes_optimizer: true,
    stages: r.stages.map((s) => ({ cluster: s.cluster, layers: s.layers, nodes: s.nodes, dp_transport: s.dp_transport, fwd_ms: s.fwd_s * 1e3, bwd_ms: s.bwd_s * 1e3 })),
    p2p_transport: r.p2p_transport,
    breakdown: bd,
    flops: { megatron_96_per_iteration: r.flops96, megatron_core_per_iteration: r.flops72, executed_per_iteration: r.executedFlops },
    gantt: { lanes: ids.map((id) => laneName(r, id)), spans: r.step.spans.map((s) => ({ lane: ids.indexOf(s.worker), start: s.start, end: s.end, label: s.label })) },
    sim: { events: r.step.events, critical_worker: laneName(r, worker) },
  };
}

export function holmesMetrics(r: HolmesResult): Record<HolmesMetric, number> {
  return {
    iteration_s: r.iteration_s,
    samples_per_s: r.samples_per_s,
    tflops_per_gpu: r.tflops_per_gpu,
    tflops_per_gpu_core: r.tflops_per_gpu_core,
    compute_s: r.breakdown.compute_s,
    dp_exposed_s: r.breakdown.dp_exposed_s,
    pp_bubble_s: r.breakdown.pp_bubble_s,
    p2p_s: r.breakdown.p2p_s,
  };
}

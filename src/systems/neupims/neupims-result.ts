/**
 * The `--json` result of `hetsim simulate` for the NeuPIMs system (plain JSON; src/report consumes
 * it for the stage Gantt chart and the mode-comparison bar chart).
 */
import type { Mode } from './scenario.js';
import type { StageName } from './stage-scheduler.js';

import type { MetricSpec } from '../system.js';

/** The flat metrics every NeuPIMs result carries (`metrics[name]`), in this order. */
export const NEUPIMS_METRICS = [
  { name: 'tokens_per_s', unit: 'tokens/s', better: 'higher', describe: 'decode throughput of one device: batch tokens per step time' },
  { name: 'step_seconds', unit: 's', better: 'lower', describe: 'one decode step of all the device\'s layers' },
  { name: 'step_cycles', unit: 'cycles', better: 'lower', describe: 'the same step in NPU cycles' },
  { name: 'layer_cycles', unit: 'cycles', better: 'lower', describe: 'steady-state cycles per decoder layer' },
  { name: 'npu_utilization', unit: 'ratio', better: 'higher', describe: 'systolic-array busy cycles / simulated cycles' },
  { name: 'pim_utilization', unit: 'ratio', better: 'higher', describe: 'PIM MACs / peak PIM MACs over the simulated cycles' },
  { name: 'dram_bandwidth_utilization', unit: 'ratio', better: 'higher', describe: 'external-bus bytes / peak bus bytes' },
  { name: 'vector_utilization', unit: 'ratio', better: 'higher', describe: 'vector-unit busy cycles / (cycles × units)' },
  { name: 'channel_imbalance', unit: 'ratio', better: 'lower', describe: 'max / mean PIM busy cycles over channels (measured)' },
] as const satisfies readonly MetricSpec[];

export type NeupimsMetric = (typeof NEUPIMS_METRICS)[number]['name'];

export function neupimsMetrics(r: NeupimsResult): Record<NeupimsMetric, number> {
  return {
    tokens_per_s: r.tokens_per_s,
    step_seconds: r.step_seconds,
    step_cycles: r.step_cycles,
    layer_cycles: r.layer_cycles,
    npu_utilization: r.utilization.npu,
    pim_utilization: r.utilization.pim,
    dram_bandwidth_utilization: r.utilization.dram_bandwidth,
    vector_utilization: r.utilization.vector,
    channel_imbalance: r.channel_imbalance.measured,
  };
}

/** One bar of a Gantt chart: a stage of one layer, with its NPU and PIM busy spans. */
export interface GanttStage {
  stage: StageName;
  layer: number;
  start: number;
  end: number;
  npu_end: number;
  pim_end: number;
}

export interface NeupimsResult {
  system: 'neupims';
  mode: Mode;
  model: string;
  tp: number;
  pp: number;
  batch: number;
  /** Layers in the decode step on this device (layers / pp) and how many were simulated cycle by cycle. */
  layers: number;
  simulated_layers: number;
  /** Steady-state cycles per stage (C and D averaged over simulated layers); A/B/E only without interleaving. */
  stage_cycles: Partial<Record<StageName, number>>;
  /** Steady-state cycles per decoder layer (C + D with interleaving, A + B + E without). */
  layer_cycles: number;
  /** Cycles of each simulated layer (interleaved: the C + D pair that ends it; first/last include A, B / E, F). */
  per_layer_cycles: number[];
  /** Cycles of the whole decode step on this device (all its layers). */
  step_cycles: number;
  step_seconds: number;
  /** Throughput of one pipeline stage: batch tokens per step time (PP stages overlap batches). */
  tokens_per_s: number;
  utilization: { npu: number; pim: number; dram_bandwidth: number; vector: number };
  /** DRAM/PIM commands issued during the simulated layers, by type. */
  dram_commands: Record<string, number>;
  /** max/mean over channels: estimated MHA latency (placement) and measured PIM busy cycles. */
  channel_imbalance: { estimated: number; measured: number };
  gantt: GanttStage[];
  /** Multi-step runs: one entry per decode step. */
  steps?: { step: number; mean_seq_len: number; step_cycles: number; tokens_per_s: number }[];
  /** Simulation effort (deterministic: no wall-clock time here, so same config → same bytes). */
  sim: { events: number };
}

/**
 * The `--json` result of `hetsim simulate` for the NeuPIMs system (plain JSON; src/report consumes
 * it for the stage Gantt chart and the mode-comparison bar chart).
 */
import type { Mode } from './scenario.js';
import type { StageName } from './stage-scheduler.js';

export const NEUPIMS_METRICS = ['step_cycles', 'layer_cycles', 'tokens_per_s', 'utilization.npu', 'utilization.pim', 'utilization.dram_bandwidth'] as const;

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

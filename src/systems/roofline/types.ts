/** The roofline analyzer's request and result shapes (the `--json` contract in docs/roofline.md; system, config, metrics and version are added by result.ts). */
import type { Dtype } from '../../hw/device.js';

export type Stage = 'prefill' | 'decode' | 'generate';
export type RooflineMode = 'ideal' | 'calibrated' | 'llm-viewer';
export type Bound = 'compute' | 'memory';

export interface Bits {
  w: number;
  a: number;
  kv: number;
}

export interface RooflineRequest {
  model: string;
  hardware: string;
  stage: Stage;
  batch: number;
  /** prefill: prompt length; decode: cached tokens (LLM-Viewer's meaning); generate: prompt length. */
  seq: number;
  /** generate only: tokens generated after the prompt. */
  gen: number;
  bits: Bits;
  flash: boolean;
  tp: number;
  mode: RooflineMode;
}

/** One operator of one decoder block (or `lm_head`, once per model), LLM-Viewer's row schema. */
export interface LayerRow {
  name: string;
  /** Which stage the row belongs to (prefill/decode); generate results carry both. */
  stage: 'prefill' | 'decode';
  ops: number;
  load_weight: number;
  load_act: number;
  store_act: number;
  load_kv_cache: number;
  store_kv_cache: number;
  memory_access: number;
  arithmetic_intensity: number;
  bound: Bound | 'communication' | 'latency';
  time_s: number;
  /** Dtype whose peak bounds the row (ideal/calibrated). */
  dtype?: Dtype;
  /** Inter-device communication time included in time_s (TP all-reduce rows). */
  comm_s?: number;
}

export interface Totals {
  ops: number;
  memory_access: number;
  time_s: number;
}

export interface MemoryFootprint {
  weights: number;
  kv_cache: number;
  activations: number;
  total: number;
  /** Device capacity (B), null where the preset has none (LLM-Viewer's table). */
  capacity: number | null;
  fits: boolean | null;
}

export interface RooflineResult {
  model: string;
  hardware: string;
  mode: RooflineMode;
  stage: Stage;
  batch: number;
  seq: number;
  gen?: number;
  bits: string;
  flash: boolean;
  tp: number;
  /**
   * prefill/decode: one decoder block's rows, then the once-per-model rows (lm_head; ideal and calibrated
   * add embedding and final_norm). generate: the prefill rows, then the decode rows summed over all steps.
   */
  layers: LayerRow[];
  totals: Totals;
  /** generate only: the two phases' totals. */
  phases?: { prefill: Totals; decode: Totals };
  memory: MemoryFootprint;
  /** Device roofs used, for plots: bandwidth (B/s) and the peak per dtype (OP/s). */
  roofs: { bandwidth: number; peaks: Partial<Record<Dtype, number>> };
}

/** A result without its per-layer rows (`--summary`). */
export type RooflineSummary = Omit<RooflineResult, 'layers'>;

/**
 * All four modes on the same requests, and NeuPIMs' throughput speedups over each baseline
 * (the paper's headline: 3× GPU, 2.4× NPU-only, 1.6× naive NPU+PIM; spec §1). Feeds the
 * mode-comparison bar chart.
 */
import type { NeupimsResult } from './neupims-result.js';
import type { LiveRequest } from './request-trace.js';
import { MODES, type Mode, type Scenario } from './scenario.js';
import { simulateNeupims } from './simulate-neupims.js';

export interface ModeBar {
  mode: Mode;
  tokens_per_s: number;
  step_cycles: number;
  layer_cycles: number;
}

export interface ModeComparison {
  model: string;
  batch: number;
  bars: ModeBar[];
  /** tokens/s of neupims ÷ tokens/s of the baseline. */
  speedup: { 'npu-only': number; 'npu-pim-naive': number; gpu: number };
  results: NeupimsResult[];
}

export function compareModes(s: Scenario, reqs: readonly LiveRequest[], modes: readonly Mode[] = MODES): ModeComparison {
  const results = modes.map((mode) => simulateNeupims(s, reqs, { mode }).result);
  const tps = (m: Mode): number => results.find((r) => r.mode === m)?.tokens_per_s ?? NaN;
  const np = tps('neupims');
  return {
    model: results[0]?.model ?? s.model,
    batch: s.batch,
    bars: results.map((r) => ({ mode: r.mode, tokens_per_s: r.tokens_per_s, step_cycles: r.step_cycles, layer_cycles: r.layer_cycles })),
    speedup: { 'npu-only': np / tps('npu-only'), 'npu-pim-naive': np / tps('npu-pim-naive'), gpu: np / tps('gpu') },
    results,
  };
}

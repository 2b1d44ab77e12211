/** The `--json` result of a FlightLLM run: the contract keys at top level, the details beside them. */
import type { MetricSpec } from '../system.js';
import type { GpuBaseline } from './baselines.js';
import type { BucketStorage } from './length-buckets.js';
import type { ResourceUse } from './resources.js';
import type { Eq3Row } from './tiling-report.js';
import type { FlightRun, PhaseStats } from './simulate.js';

export const FLIGHTLLM_METRICS = [
  { name: 'slrs', unit: 'count', better: 'higher', describe: 'SLRs (cores) that ran' },
  { name: 'prefill_tokens', unit: 'tokens', better: 'higher', describe: 'prompt tokens (before bucket padding)' },
  { name: 'decode_tokens', unit: 'tokens', better: 'higher', describe: 'generated tokens' },
  { name: 'prefill_ms', unit: 'ms', better: 'lower', describe: 'prefill of the (bucket-padded) prompt' },
  { name: 'decode_ms_per_token', unit: 'ms', better: 'lower', describe: 'mean decode step over the generated tokens (the decode_step time when decode is 0)' },
  { name: 'decode_step_ms', unit: 'ms', better: 'lower', describe: 'one decode step at decode_step (default: at the prompt length)' },
  { name: 'decode_tokens_per_s', unit: 'tokens/s', better: 'higher', describe: '1000 / decode_ms_per_token (batch 1)' },
  { name: 'power_w', unit: 'W', better: 'lower', describe: "board power from the device preset (absent where the preset publishes none)" },
  { name: 'tokens_per_joule', unit: 'tokens/J', better: 'higher', describe: 'decode tokens/s ÷ board power (absent where the power is unknown)' },
  { name: 'tokens_per_s_per_kusd', unit: 'tokens/s/k$', better: 'higher', describe: 'decode tokens/s per 1000 USD of board price (absent when the price is unknown)' },
  { name: 'hbm_bandwidth_utilization', unit: 'ratio', better: 'higher', describe: 'HBM bytes moved / (time × nominal peak), prefill and all decode steps' },
  { name: 'dsp_utilization', unit: 'ratio', better: 'higher', describe: 'INT8 MACs / (time × MM-mode MACs per cycle of all SLRs), prefill and all decode steps' },
  { name: 'decode_step_hbm_utilization', unit: 'ratio', better: 'higher', describe: 'the same HBM ratio for the decode_step step alone' },
  { name: 'instructions', unit: 'count', better: 'lower', describe: 'instructions of the prefill program plus one decode step (all SLRs)' },
  { name: 'bucket_storage_ratio', unit: 'ratio', better: 'higher', describe: 'instruction storage per exact length / per length bucket, lengths 1..max' },
] as const satisfies readonly MetricSpec[];

export type FlightMetric = (typeof FLIGHTLLM_METRICS)[number]['name'];

export interface FlightResult {
  system: 'flightllm';
  mode: 'simulate';
  device: string;
  model: string;
  slrs: number;
  prefill_tokens: number;
  decode_tokens: number;
  prefill_ms: number;
  decode_ms_per_token: number;
  decode_step_ms: number;
  decode_tokens_per_s: number;
  /** null where the device preset publishes no board power (VHK158): unknown, not zero. */
  power_w: number | null;
  tokens_per_joule: number | null;
  hbm_bandwidth_utilization: number;
  dsp_utilization: number;
  clock_mhz: number;
  mpe: { mm_macs_per_cycle: number; mv_macs_per_cycle: number; mv: { n: number; k: number }; mv_dsp_share: number };
  prefill: Omit<PhaseStats, 'events'> & { padded_tokens: number };
  decode_step: Omit<PhaseStats, 'events'> & { context: number; padded_context: number };
  decode: FlightRun['decode'];
  /** Eq. 3 per linear for the decode step's MV tiles. */
  eq3_mv: Eq3Row[];
  resources: ResourceUse;
  length_buckets: BucketStorage | null;
  baselines: GpuBaseline[];
  price_usd: number | null;
  warnings: string[];
  sim: { events: number };
}

/** The flat metrics; a quantity the device's preset cannot give (power, price) is left out rather than written as 0. */
export function flightMetrics(r: FlightResult): Partial<Record<FlightMetric, number>> {
  return {
    slrs: r.slrs,
    prefill_tokens: r.prefill_tokens,
    decode_tokens: r.decode_tokens,
    prefill_ms: r.prefill_ms,
    decode_ms_per_token: r.decode_ms_per_token,
    decode_step_ms: r.decode_step_ms,
    decode_tokens_per_s: r.decode_tokens_per_s,
    ...(r.power_w !== null && { power_w: r.power_w }),
    ...(r.tokens_per_joule !== null && { tokens_per_joule: r.tokens_per_joule }),
    ...(r.price_usd !== null && r.price_usd > 0 && { tokens_per_s_per_kusd: (1000 * r.decode_tokens_per_s) / r.price_usd }),
    hbm_bandwidth_utilization: r.hbm_bandwidth_utilization,
    dsp_utilization: r.dsp_utilization,
    decode_step_hbm_utilization: r.decode_step.hbmUtilization,
    instructions: r.prefill.instructions + r.decode_step.instructions,
    ...(r.length_buckets && { bucket_storage_ratio: r.length_buckets.ratio }),
  };
}

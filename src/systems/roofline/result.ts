/**
 * The roofline result as every system's result looks: the analyzer's output plus `system`, the
 * resolved request as `config`, the flat `metrics` and `version`. Light imports only: the
 * `--input` batch path builds one per line.
 */
import { VERSION } from '../version.js';
import type { MetricSpec } from '../system.js';
import type { RooflineRequest, RooflineResult } from './types.js';

export const ROOFLINE_METRICS = [
  { name: 'time_s', unit: 's', better: 'lower', describe: 'time of the stage per device (generate: prefill + every decode step)' },
  { name: 'tokens_per_s', unit: 'tokens/s', better: 'higher', describe: 'prefill: prompt tokens per second; decode: batch / step time; generate: batch × gen / total time' },
  { name: 'ops', unit: 'OP', better: 'lower', describe: 'operations per device' },
  { name: 'memory_access', unit: 'B', better: 'lower', describe: 'bytes moved to and from device memory' },
  { name: 'arithmetic_intensity', unit: 'OP/B', better: 'higher', describe: 'ops / memory_access' },
  { name: 'memory_total', unit: 'B', better: 'lower', describe: 'weights + KV cache + activations held per device' },
] as const satisfies readonly MetricSpec[];

export type RooflineMetric = (typeof ROOFLINE_METRICS)[number]['name'];

export type RooflineSystemResult<R extends object = RooflineResult> = { system: 'roofline' } & R & {
  config: RooflineRequest;
  metrics: Record<RooflineMetric, number>;
  version: string;
};

function tokens(r: RooflineResult): number {
  const t = r.totals.time_s;
  if (r.stage === 'prefill') return (r.batch * r.seq) / t;
  if (r.stage === 'decode') return r.batch / t;
  return (r.batch * (r.gen ?? 0)) / t;
}

export function rooflineMetrics(r: RooflineResult): Record<RooflineMetric, number> {
  return {
    time_s: r.totals.time_s,
    tokens_per_s: tokens(r),
    ops: r.totals.ops,
    memory_access: r.totals.memory_access,
    arithmetic_intensity: r.totals.memory_access > 0 ? r.totals.ops / r.totals.memory_access : 0,
    memory_total: r.memory.total,
  };
}

/** `r` (or its summary without layers) with the common result keys; the analyzer's keys keep their order. */
export function asSystemResult<R extends Omit<RooflineResult, 'layers'>>(r: R, full: RooflineResult, req: RooflineRequest): RooflineSystemResult<R> {
  return { system: 'roofline', ...r, config: req, metrics: rooflineMetrics(full), version: VERSION };
}

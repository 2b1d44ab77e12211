/**
 * FlightLLM as a system: a scenario YAML (`system: flightllm`, scenario.ts) compiled into
 * instruction streams per SLR and executed on the event kernel (compiler.ts, executor.ts).
 */
import { HetsimError } from '../../errors.js';
import { macsPerCycle } from '../../hw/fpga/mpe.js';
import { readScenarioSource, withOverrides } from '../scenario-file.js';
import type { LoadedScenario, SystemDescriptor } from '../system.js';
import { VERSION } from '../version.js';
import { gpuBaselines } from './baselines.js';
import { bucketStorage } from './length-buckets.js';
import { flightReport } from './report.js';
import { resolveFlight, type Resolved } from './resolve.js';
import { FLIGHTLLM_METRICS, flightMetrics, type FlightMetric, type FlightResult } from './result.js';
import { parseFlightScenario, scenarioSchema, type FlightScenarioFile } from './scenario.js';
import { simulateFlight } from './simulate.js';
import { eq3MvReport } from './tiling-report.js';
import { flightText } from './text.js';

export interface FlightScenario extends LoadedScenario {
  readonly config: FlightScenarioFile;
  readonly resolved: Resolved;
}

export type FlightSystemResult = FlightResult & { config: FlightScenarioFile; metrics: Partial<Record<FlightMetric, number>>; version: string };

const TRACE_DETAILS = ['decode', 'prefill'] as const;

export async function runFlight(s: Resolved, opts: { trace?: boolean; tracePhase?: 'decode' | 'prefill' } = {}): Promise<{ result: FlightResult; trace: ReturnType<typeof simulateFlight>['trace'] }> {
  const run = simulateFlight(s, opts);
  const f = s.file;
  const decodeMs = run.decode.tokens > 0 ? run.decode.ms / run.decode.tokens : run.step.ms;
  const tps = 1000 / decodeMs;
  const power = s.device.power_w ?? null;
  const price = s.device.price_usd ?? null;
  const totalS = (run.prefill.ms + run.decode.ms) / 1e3;
  const totalBytes = run.prefill.bytes.weight + run.prefill.bytes.kv + run.prefill.bytes.act + run.decode.bytes;
  const peakMacs = s.slrs * macsPerCycle(s.compile.mm) * f.design.freq_mhz * 1e6;
  const meanCtx = run.decode.tokens > 0 ? f.prefill + run.decode.tokens / 2 : run.step.context;
  const { events: _pe, ...prefill } = run.prefill;
  const { events: _se, ...step } = run.step;
  const result: FlightResult = {
    system: 'flightllm',
    mode: 'simulate',
    device: s.device.id,
    model: s.model.id,
    slrs: s.slrs,
    prefill_tokens: f.prefill,
    decode_tokens: f.decode,
    prefill_ms: run.prefill.ms,
    decode_ms_per_token: decodeMs,
    decode_step_ms: run.step.ms,
    decode_tokens_per_s: tps,
    power_w: power,
    tokens_per_joule: power ? tps / power : null,
    hbm_bandwidth_utilization: totalBytes / (totalS * s.device.hbmPeakBps),
    dsp_utilization: (run.prefill.macs + run.decode.macs) / (totalS * peakMacs),
    clock_mhz: f.design.freq_mhz,
    mpe: { mm_macs_per_cycle: macsPerCycle(s.compile.mm), mv_macs_per_cycle: macsPerCycle(s.compile.mv), mv: { n: s.compile.mv.n, k: s.compile.mv.k }, mv_dsp_share: macsPerCycle(s.compile.mv) / macsPerCycle(s.compile.mm) },
    prefill,
    decode_step: step,
    decode: run.decode,
    eq3_mv: eq3MvReport(s.compile, s.slrBytesPerCycle),
    resources: s.resources,
    length_buckets: f.length_buckets.enabled ? bucketStorage(s.compile, s.maxLen, f.length_buckets.prefill, f.length_buckets.decode) : null,
    baselines: await gpuBaselines(s.model.id, meanCtx, { tokens_per_s: tps, power_w: power, price_usd: price }),
    price_usd: price,
    warnings: s.warnings,
    sim: { events: run.prefill.events + run.step.events },
  };
  return { result, trace: run.trace };
}

export const flightllmSystem: SystemDescriptor<FlightScenario, FlightSystemResult> = {
  id: 'flightllm',
  title: 'FlightLLM: LLM inference on FPGAs (Alveo U280, Versal VHK158)',
  describe: 'instruction-level FlightLLM: CSD-chain sparse MPE, MM/MV modes, per-SLR LD/ST/MM/MV/MISC/SYS streams on decoupled units',
  modes: ['simulate'],
  scenarioSchema,
  flags: {
    prefill: { key: 'prefill', type: 'positive-int', describe: "prompt tokens (default: the scenario's)" },
    decode: { key: 'decode', type: 'non-negative-int', describe: "generated tokens (default: the scenario's)" },
    'decode-step': { key: 'decode_step', type: 'positive-int', describe: 'time one decode step at this context (the demo decode_token_C cases)' },
    slrs: { key: 'slrs', type: 'positive-int', describe: "SLRs that run (default: all of the device's)" },
  },
  traceDetails: TRACE_DETAILS,
  metrics: FLIGHTLLM_METRICS,
  async load(ref, overrides, base) {
    const src = await readScenarioSource(ref, base);
    const raw = withOverrides(src.raw, overrides);
    const file = parseFlightScenario(raw, src.path ? `flightllm scenario ${src.path}` : 'flightllm scenario');
    return { config: file, path: src.path, resolved: await resolveFlight(file) };
  },
  async run(s, options = {}) {
    const mode = options.mode ?? 'simulate';
    if (mode !== 'simulate') throw new HetsimError('config_invalid', `expected simulate, got '${mode}'`, 'mode');
    const phase = (options.traceDetail ?? 'decode') as 'decode' | 'prefill';
    const { result, trace } = await runFlight(s.resolved, { trace: options.trace ?? false, tracePhase: phase });
    if (options.trace && trace) options.sink?.trace?.(trace);
    return { ...result, config: s.config, metrics: flightMetrics(result), version: VERSION };
  },
  text: flightText,
  cost: (s) => (s.config.prefill / 128 + s.config.decode_samples) * (s.config.slrs ?? 1),
  report: flightReport,
};

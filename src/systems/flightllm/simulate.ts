/**
 * A FlightLLM run: the prefill program and decode-step programs compiled per SLR and executed on
 * the event kernel. Decode steps run at their bucketed contexts; `decode_samples` of the distinct
 * bucket contexts are simulated instruction by instruction and the steps between them are
 * interpolated linearly in the context (a decode step's work is affine in its context).
 */
import type { ChromeTrace } from '../../sim/index.js';
import { compileDecodeStep, compilePrefill } from './compiler.js';
import { Executor, type ExecStats } from './executor.js';
import type { Resolved } from './resolve.js';

export interface PhaseStats {
  ms: number;
  /** Bytes by traffic type, MACs, instructions, simulated events. */
  bytes: { weight: number; kv: number; act: number };
  macs: number;
  instructions: number;
  events: number;
  /** Busy fraction per unit, mean over SLRs. */
  unitBusy: Record<string, number>;
  hbmUtilization: number;
  dspUtilization: number;
}

export interface FlightRun {
  prefill: PhaseStats & { tokens: number; padded_tokens: number };
  /** Decode step at `decode_step` (or at the first decode context). */
  step: PhaseStats & { context: number; padded_context: number };
  /** All decode steps together (interpolated between the sampled contexts). */
  decode: { tokens: number; ms: number; bytes: number; macs: number; sampled_contexts: number[]; padded_tokens: number };
  trace: ChromeTrace | null;
}

const UNIT_NAMES = ['LD', 'ST', 'MM', 'MV', 'MISC', 'SYS'];

export const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;

function phase(r: Resolved, st: ExecStats): PhaseStats {
  const ms = st.endPs / 1e9;
  const busy: Record<string, number> = {};
  UNIT_NAMES.forEach((u, i) => (busy[u] = st.endPs > 0 ? st.busyPs.reduce((a, s) => a + s[i], 0) / (st.busyPs.length * st.endPs) : 0));
  const bytes = st.bytes.weight + st.bytes.kv + st.bytes.act;
  const secs = st.endPs / 1e12;
  const peakMacs = r.slrs * r.compile.mm.m * r.compile.mm.k * r.compile.mm.n * r.file.design.freq_mhz * 1e6;
  return {
    ms,
    bytes: st.bytes,
    macs: st.macs,
    instructions: st.instructions,
    events: st.events,
    unitBusy: busy,
    hbmUtilization: secs > 0 ? bytes / (secs * r.device.hbmPeakBps) : 0,
    dspUtilization: secs > 0 ? st.macs / (secs * peakMacs) : 0,
  };
}

function execute(r: Resolved, programs: ReturnType<typeof compileDecodeStep>, trace: boolean): ExecStats {
  return new Executor(programs.map((p) => p.instrs), { ...r.exec, trace }).run();
}

/** Distinct values of `xs`, up to `n` of them evenly spread, first and last always included. */
function samplePoints(xs: number[], n: number): number[] {
  if (xs.length <= n) return xs;
  if (n === 1) return [xs[Math.floor(xs.length / 2)]];
  return [...new Set(Array.from({ length: n }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (n - 1))]))];
}

export function simulateFlight(r: Resolved, opts: { trace?: boolean; tracePhase?: 'prefill' | 'decode' } = {}): FlightRun {
  const f = r.file;
  const b = f.length_buckets;
  const padPrefill = b.enabled ? roundUp(f.prefill, b.prefill) : f.prefill;
  const padCtx = (c: number): number => (b.enabled ? roundUp(c, b.decode) : c);
  const tracePrefill = opts.trace === true && opts.tracePhase === 'prefill';
  const pre = execute(r, compilePrefill(r.compile, padPrefill), tracePrefill);

  const stepCache = new Map<number, ExecStats>();
  const stepAt = (ctx: number, trace = false): ExecStats => {
    const hit = stepCache.get(ctx);
    if (hit && !trace) return hit;
    const st = execute(r, compileDecodeStep(r.compile, ctx), trace);
    stepCache.set(ctx, st);
    return st;
  };
  const stepCtx = f.decode_step ?? f.prefill;
  const step = stepAt(padCtx(stepCtx), opts.trace === true && !tracePrefill);

  // decode step i (0-based) attends to prefill + i cached tokens
  const contexts = Array.from({ length: f.decode }, (_, i) => padCtx(f.prefill + i));
  const distinct = [...new Set(contexts)];
  const samples = samplePoints(distinct, f.decode_samples);
  const sampled = samples.map((c) => ({ c, st: stepAt(c) }));
  const interp = (c: number, get: (s: ExecStats) => number): number => {
    if (sampled.length === 1) return get(sampled[0].st);
    let j = sampled.findIndex((p) => p.c >= c);
    if (j <= 0) j = j === 0 ? 1 : sampled.length - 1;
    const a = sampled[j - 1], z = sampled[j];
    const t = (c - a.c) / (z.c - a.c);
    return get(a.st) + t * (get(z.st) - get(a.st));
  };
  let decMs = 0, decBytes = 0, decMacs = 0;
  for (const c of contexts) {
    decMs += interp(c, (s) => s.endPs / 1e9);
    decBytes += interp(c, (s) => s.bytes.weight + s.bytes.kv + s.bytes.act);
    decMacs += interp(c, (s) => s.macs);
  }
  const stepStats = phase(r, step);
  return {
    prefill: { ...phase(r, pre), tokens: f.prefill, padded_tokens: padPrefill },
    step: { ...stepStats, context: stepCtx, padded_context: padCtx(stepCtx) },
    decode: { tokens: f.decode, ms: decMs, bytes: decBytes, macs: decMacs, sampled_contexts: samples, padded_tokens: contexts.reduce((a, c, i) => a + c - (f.prefill + i), 0) },
    trace: (tracePrefill ? pre.trace : step.trace) ?? null,
  };
}

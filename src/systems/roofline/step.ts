/**
 * The building blocks of a roofline analysis, shared by single steps (analyze.ts) and generate
 * (generate.ts): one prefill or decode step's rows, their totals, the activation bytes that follow
 * from the rows, the memory footprint and the result object. No entry point lives here: analyze.ts
 * validates a request and runs it; generate.ts sums decode steps in closed form.
 */
import type { DeviceSpec } from '../../hw/device.js';
import { decoderBlockOps, modelOnceOps, weightBytes, type StepShape } from '../../workload/decoder-ops.js';
import type { ModelSpec } from '../../workload/model.js';
import { calibrationOf, makeEvaluator, type TimeTerms } from './evaluate.js';
import { lvMaxOps } from './llm-viewer.js';
import { llmViewerStep } from './llm-viewer-step.js';
import type { LayerRow, MemoryFootprint, RooflineRequest, RooflineResult, Totals } from './types.js';

export function bitsLabel(r: RooflineRequest): string {
  return `w${r.bits.w}a${r.bits.a}kv${r.bits.kv}`;
}

/** One prefill or decode step: a block's rows, then the once-per-model rows. */
export interface StepResult {
  rows: LayerRow[];
  /** How many leading rows belong to one decoder block (multiplied by the layer count). */
  blockRows: number;
  /** Each row's time as max(terms) + extra (see evaluate.ts); filled only when asked for. */
  terms: TimeTerms[];
  totals: Totals;
}

export function sumTotals(rows: LayerRow[], blockRows: number, layers: number): Totals {
  let ops = 0;
  let mem = 0;
  let t = 0;
  for (let i = 0; i < rows.length; i++) {
    const k = i < blockRows ? layers : 1;
    ops += rows[i].ops * k;
    mem += rows[i].memory_access * k;
    t += rows[i].time_s * k;
  }
  return { ops, memory_access: mem, time_s: t };
}

/**
 * One step's rows. `withTerms` also returns each row's time terms; `attentionOnly` may return just
 * the context-dependent attention rows (what generate needs of its second decode step).
 */
export type StepFn = (stage: 'prefill' | 'decode', seq: number, flash: boolean, withTerms?: boolean, attentionOnly?: boolean) => StepResult;

export function stepFn(r: RooflineRequest, m: ModelSpec, dev: DeviceSpec): StepFn {
  if (r.mode === 'llm-viewer') {
    const { maxOps } = lvMaxOps(dev, r.bits);
    return (stage, seq, flash, withTerms, attentionOnly) => llmViewerStep(m, dev, stage, r.batch, seq, r.bits, flash, maxOps, withTerms, attentionOnly);
  }
  const ev = makeEvaluator(dev, r.bits, r.tp, r.mode);
  const expand = r.mode === 'calibrated' && calibrationOf(dev).kernel_stack.unfused_attention_expands_kv;
  return (stage, seq, flash, withTerms) => {
    const shape: StepShape = { stage, batch: r.batch, seq, w: r.bits.w, a: r.bits.a, kv: r.bits.kv, flash, tp: r.tp, expandKvUnfused: expand };
    const terms: TimeTerms[] = [];
    const sink = withTerms ? terms : undefined;
    const block = decoderBlockOps(m, shape).map((o) => ev.row(o, stage, sink));
    const once = modelOnceOps(m, shape).map((o) => ev.row(o, stage, sink));
    const rows = [...block, ...once];
    return { rows, blockRows: block.length, terms, totals: sumTotals(rows, block.length, m.layers) };
  };
}

/**
 * How a step's activation bytes follow from its rows' activation traffic (load_act in, store_act
 * out). LLM-Viewer: Σ of one block's store_act. Otherwise: the residual stream plus the largest
 * operator's inputs and outputs (both live at once).
 */
export interface ActivationRule {
  sumBlockStores: boolean;
  residual: number;
}

export function activationRule(r: RooflineRequest, m: ModelSpec, stage: 'prefill' | 'decode'): ActivationRule {
  if (r.mode === 'llm-viewer') return { sumBlockStores: true, residual: 0 };
  const tokens = stage === 'prefill' ? r.batch * r.seq : r.batch;
  return { sumBlockStores: false, residual: tokens * m.hidden * (r.bits.a / 8) };
}

/** The activation bytes so far (`act`), with row `i` added. */
export function addRowActivation(rule: ActivationRule, act: number, i: number, blockRows: number, loadAct: number, storeAct: number): number {
  if (rule.sumBlockStores) return i < blockRows ? act + storeAct : act;
  return Math.max(act, rule.residual + loadAct + storeAct);
}

export function stepActivation(r: RooflineRequest, m: ModelSpec, stage: 'prefill' | 'decode', blockRows: number, rows: ArrayLike<Pick<LayerRow, 'load_act' | 'store_act'>>): number {
  const rule = activationRule(r, m, stage);
  let act = 0;
  for (let i = 0; i < rows.length; i++) act = addRowActivation(rule, act, i, blockRows, rows[i].load_act, rows[i].store_act);
  return act;
}

export function activationOfStep(r: RooflineRequest, m: ModelSpec, s: StepResult): number {
  return stepActivation(r, m, s.rows[0].stage, s.blockRows, s.rows);
}

/**
 * Memory footprint with the given peak activation bytes. For llm-viewer mode a prefill step of
 * the same (batch, seq, bits) may be passed to avoid recomputing it.
 */
export function memoryOf(r: RooflineRequest, m: ModelSpec, dev: DeviceSpec, activations: number, context: number, prefill?: StepResult): MemoryFootprint {
  let weights: number;
  let kv: number;
  if (r.mode === 'llm-viewer') {
    // LLM-Viewer: weights and KV from the prefill block (no lm_head/embedding).
    const pre = prefill ?? llmViewerStep(m, dev, 'prefill', r.batch, r.seq, r.bits, false, 1);
    weights = 0;
    kv = 0;
    for (let i = 0; i < pre.blockRows; i++) {
      weights += pre.rows[i].load_weight * m.layers;
      kv += pre.rows[i].store_kv_cache * m.layers;
    }
  } else {
    weights = weightBytes(m, r.bits, r.tp);
    const kvHeads = Math.max(1, m.kvHeads / r.tp);
    kv = 2 * m.layers * context * r.batch * kvHeads * m.headDim * (r.bits.kv / 8);
  }
  const total = weights + kv + activations;
  const capacity = dev.capacity ?? null;
  return { weights, kv_cache: kv, activations, total, capacity, fits: capacity === null ? null : total <= capacity };
}

/** The result object, built in one literal (key order is the JSON contract's). */
export function makeResult(r: RooflineRequest, m: ModelSpec, dev: DeviceSpec, body: Pick<RooflineResult, 'flash' | 'layers' | 'totals' | 'memory'> & { phases?: RooflineResult['phases'] }): RooflineResult {
  const out: RooflineResult = {
    model: m.id,
    hardware: dev.id,
    mode: r.mode,
    stage: r.stage,
    batch: r.batch,
    seq: r.seq,
    bits: bitsLabel(r),
    flash: body.flash,
    tp: r.tp,
    roofs: { bandwidth: dev.bandwidth, peaks: dev.peak },
    layers: body.layers,
    totals: body.totals,
    memory: body.memory,
  };
  if (r.stage === 'generate') {
    out.gen = r.gen;
    out.phases = body.phases;
  }
  return out;
}

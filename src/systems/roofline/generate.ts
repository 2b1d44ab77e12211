/**
 * generate = prefill(S) + decode steps with c = S … S+G−1 cached tokens.
 *
 * Only the attention rows depend on c, and every field of theirs is affine in c (OPs, bytes and
 * each time term). A row's time is max(terms) + extra, a convex piecewise-linear function of c,
 * so the sum over the G steps is exact in closed form: find which term is on top over each run
 * of c and sum that line arithmetically. The step at c = S and the attention rows at c = S+1
 * give the slopes, so a 128-step generate costs about as much as two single steps.
 */
import type { DeviceSpec } from '../../hw/device.js';
import type { ModelSpec } from '../../workload/model.js';
import { activationOfStep, activationRule, addRowActivation, makeResult, memoryOf, sumTotals, type StepFn } from './step.js';
import type { RooflineRequest, RooflineResult, Totals } from './types.js';

const CONTEXT_DEPENDENT = new Set(['qk_matmul', 'sv_matmul', 'softmax', 'fused_attention']);

/** Σ_{c=lo}^{hi} (a·(c−c0) + b), with c counted from c0 so the numbers stay small. */
function sumLine(a: number, b: number, lo: number, hi: number, c0: number): number {
  const n = hi - lo + 1;
  return a * (((lo - c0 + hi - c0) * n) / 2) + b * n;
}

// Scratch for sumMaxOfLines: slope and value at c0 of each of a row's time terms (2 or 3), and
// the part of the sum where each is on top. Reused (the analysis is synchronous): this runs for
// every attention row of every generate task, mostly cold, where fresh arrays and objects cost
// more than the arithmetic.
const SLOPE: number[] = [0, 0, 0, 0];
const START: number[] = [0, 0, 0, 0];
const ON_TOP: number[] = [0, 0, 0, 0];

/**
 * Σ_{c=lo}^{hi} max_j(SLOPE[j]·(c−c0) + START[j]) over the first n lines. Returns the total and
 * leaves in ON_TOP[j] the sum over the steps where line j is on top (to attribute the bound).
 */
function sumMaxOfLines(n: number, lo: number, hi: number, c0: number): number {
  for (let k = 0; k < n; k++) ON_TOP[k] = 0;
  let c = lo;
  let total = 0;
  while (c <= hi) {
    const x = c - c0;
    let j = 0;
    let vj = SLOPE[0] * x + START[0];
    for (let k = 1; k < n; k++) {
      const vk = SLOPE[k] * x + START[k];
      if (vk > vj || (vk === vj && SLOPE[k] > SLOPE[j])) {
        j = k;
        vj = vk;
      }
    }
    // Line j stays on top until a steeper line overtakes it.
    let end = hi;
    for (let k = 0; k < n; k++) {
      if (k === j || SLOPE[k] <= SLOPE[j]) continue;
      const cross = (START[j] - START[k]) / (SLOPE[k] - SLOPE[j]) + c0; // where they meet
      const last = Math.ceil(cross) - 1; // the last integer c where j is still ≥ k
      if (last < end) end = Math.max(c, last);
    }
    const sum = sumLine(SLOPE[j], START[j], c, end, c0);
    total += sum;
    ON_TOP[j] += sum;
    c = end + 1;
  }
  return total;
}

export function analyzeGenerate(r: RooflineRequest, m: ModelSpec, dev: DeviceSpec, step: StepFn): RooflineResult {
  // LLM-Viewer's analyze_generate_task does not forward use_flashattention (§4, bug 10).
  const flash = r.mode === 'llm-viewer' ? false : r.flash;
  const G = r.gen;
  const S = r.seq;
  const hi = S + G - 1;
  const pre = step('prefill', S, flash);
  const s0 = step('decode', S, flash, true);
  const s1 = step('decode', S + 1, flash, true, true);
  const rows = s0.rows;
  // Row i of s0 ↔ its twin at c = S+1 (attention rows only; the others do not change with c; both
  // steps list them in the same order), and the activation bytes of the first and the last step
  // (each row's traffic is affine in c), before rows become G-step sums.
  const twin: number[] = [];
  const rule = activationRule(r, m, 'decode');
  let firstAct = 0;
  let lastAct = 0;
  let next = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let j = -1;
    if (i < s0.blockRows && CONTEXT_DEPENDENT.has(row.name)) {
      for (let k = next; k < s1.rows.length; k++) {
        if (s1.rows[k].name === row.name) {
          j = k;
          next = k + 1;
          break;
        }
      }
    }
    twin.push(j);
    const r1 = j < 0 ? row : s1.rows[j];
    const loadAct = row.load_act + (r1.load_act - row.load_act) * (G - 1);
    const storeAct = row.store_act + (r1.store_act - row.store_act) * (G - 1);
    firstAct = addRowActivation(rule, firstAct, i, s0.blockRows, row.load_act, row.store_act);
    lastAct = addRowActivation(rule, lastAct, i, s0.blockRows, loadAct, storeAct);
  }
  // The step-S rows become the G-step sums in place (each step's rows are fresh objects).
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const j = twin[i];
    if (j >= 0) {
      const r1 = s1.rows[j];
      row.ops = sumLine(r1.ops - row.ops, row.ops, S, hi, S);
      row.load_weight = sumLine(r1.load_weight - row.load_weight, row.load_weight, S, hi, S);
      row.load_act = sumLine(r1.load_act - row.load_act, row.load_act, S, hi, S);
      row.store_act = sumLine(r1.store_act - row.store_act, row.store_act, S, hi, S);
      row.load_kv_cache = sumLine(r1.load_kv_cache - row.load_kv_cache, row.load_kv_cache, S, hi, S);
      row.store_kv_cache = sumLine(r1.store_kv_cache - row.store_kv_cache, row.store_kv_cache, S, hi, S);
      row.memory_access = sumLine(r1.memory_access - row.memory_access, row.memory_access, S, hi, S);
      const t0 = s0.terms[i];
      const t1 = s1.terms[j];
      const n = t0.terms.length;
      for (let q = 0; q < n; q++) {
        SLOPE[q] = t1.terms[q] - t0.terms[q];
        START[q] = t0.terms[q];
      }
      row.time_s = sumMaxOfLines(n, S, hi, S) + sumLine(t1.extra - t0.extra, t0.extra, S, hi, S);
      let top = 0;
      for (let q = 1; q < n; q++) if (ON_TOP[q] > ON_TOP[top]) top = q;
      row.bound = t0.kinds[top];
    } else {
      row.ops *= G;
      row.load_weight *= G;
      row.load_act *= G;
      row.store_act *= G;
      row.load_kv_cache *= G;
      row.store_kv_cache *= G;
      row.memory_access *= G;
      row.time_s *= G;
      if (row.comm_s !== undefined) row.comm_s *= G;
    }
    row.arithmetic_intensity = row.memory_access > 0 ? row.ops / row.memory_access : 0;
  }
  const decodeTotals = sumTotals(rows, s0.blockRows, m.layers);
  const totals: Totals = {
    ops: pre.totals.ops + decodeTotals.ops,
    memory_access: pre.totals.memory_access + decodeTotals.memory_access,
    time_s: pre.totals.time_s + decodeTotals.time_s,
  };
  const activations = Math.max(activationOfStep(r, m, pre), firstAct, lastAct);
  const context = r.mode === 'llm-viewer' ? S : S + G;
  return makeResult(r, m, dev, {
    flash,
    layers: pre.rows.concat(rows),
    totals,
    phases: { prefill: pre.totals, decode: decodeTotals },
    memory: memoryOf(r, m, dev, activations, context, pre),
  });
}


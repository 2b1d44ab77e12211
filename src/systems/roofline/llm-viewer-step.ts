/** LLM-Viewer's roofline_analyze (§3) applied to its rows, and its totals (§4). */
import type { DeviceSpec } from '../../hw/device.js';
import type { ModelSpec } from '../../workload/model.js';
import type { StepResult } from './step.js';
import { llmViewerStage } from './llm-viewer.js';
import type { TimeTerms } from './evaluate.js';
import type { Bits, LayerRow } from './types.js';

const KINDS: LayerRow['bound'][] = ['compute', 'memory'];

export function llmViewerStep(m: ModelSpec, dev: DeviceSpec, stage: 'prefill' | 'decode', B: number, S: number, bits: Bits, flash: boolean, maxOps: number, withTerms = false, attentionOnly = false): StepResult {
  const { rows, blockRows } = llmViewerStage(m, dev, stage, B, S, bits, flash, attentionOnly);
  const bw = dev.bandwidth;
  const turning = maxOps / bw;
  const terms: TimeTerms[] = [];
  let ops = 0;
  let mem = 0;
  let time = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const memory_access = r.load_weight + r.load_act + r.store_act + r.load_kv_cache + r.store_kv_cache;
    const ai = r.ops / memory_access;
    const memoryBound = ai < turning;
    const performance = memoryBound ? ai * bw : maxOps;
    const time_s = r.ops / performance;
    r.stage = stage;
    r.memory_access = memory_access;
    r.arithmetic_intensity = ai;
    r.bound = memoryBound ? 'memory' : 'compute';
    r.time_s = time_s;
    if (withTerms) terms.push({ terms: [r.ops / maxOps, memory_access / bw], kinds: KINDS, extra: 0 });
    const k = i < blockRows ? m.layers : 1;
    ops += r.ops * k;
    mem += memory_access * k;
    time += time_s * k;
  }
  return { rows, blockRows, terms, totals: { ops, memory_access: mem, time_s: time } };
}

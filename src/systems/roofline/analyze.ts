/**
 * The roofline analyzer: one request (model, device, stage, batch, seq, bits, flash, tp, mode)
 * → per-layer rows, stage totals and the memory footprint. The entry point: it validates a request
 * and runs it; the step, activation, memory and result helpers live in step.ts.
 */
import { HetsimError } from '../../errors.js';
import type { DeviceSpec } from '../../hw/device.js';
import type { ModelSpec } from '../../workload/model.js';
import { analyzeGenerate } from './generate.js';
import { activationOfStep, makeResult, memoryOf, stepFn } from './step.js';
import type { RooflineRequest, RooflineResult } from './types.js';

export function checkRequest(r: RooflineRequest, m: ModelSpec): void {
  if (m.heads % r.tp !== 0) {
    throw new HetsimError('config_invalid', `--tp ${r.tp} must divide the model's ${m.heads} attention heads`, 'tp');
  }
  if (r.mode === 'llm-viewer' && r.tp !== 1) {
    throw new HetsimError('config_invalid', 'llm-viewer mode has no tensor parallelism (LLM-Viewer 472f71f); use --mode ideal', 'tp');
  }
}

/**
 * Validates a request against its model and device (every HetsimError the analysis can raise is
 * raised here) and returns the function that computes it. Batch callers prepare every request
 * before writing any output, so a bad line never leaves a partial result stream.
 */
export function prepare(r: RooflineRequest, m: ModelSpec, dev: DeviceSpec): () => RooflineResult {
  checkRequest(r, m);
  const step = stepFn(r, m, dev);
  return () => {
    if (r.stage === 'generate') return analyzeGenerate(r, m, dev, step);
    const s = step(r.stage, r.seq, r.flash);
    const context = r.stage === 'prefill' || r.mode === 'llm-viewer' ? r.seq : r.seq + 1;
    const memory = memoryOf(r, m, dev, activationOfStep(r, m, s), context, r.stage === 'prefill' ? s : undefined);
    return makeResult(r, m, dev, { flash: r.flash, layers: s.rows, totals: s.totals, memory });
  };
}

export function analyze(r: RooflineRequest, m: ModelSpec, dev: DeviceSpec): RooflineResult {
  return prepare(r, m, dev)();
}

/**
 * Turning operator costs into roofline rows: ideal (datasheet roofs) and calibrated (the device's
 * fitted efficiency model), plus TP all-reduces over the device interconnect.
 */
import { HetsimError } from '../../errors.js';
import type { DeviceSpec } from '../../hw/device.js';
import { kernelTimeTerms, type EfficiencyModel, type KernelClass } from '../../hw/gpu/efficiency-model.js';
import { bytesOf, type OpCost } from '../../workload/kernels.js';
import { matmulPeak, vectorPeak } from './peaks.js';
import type { Bits, LayerRow, RooflineMode } from './types.js';

/**
 * A row's time as `max(terms) + extra`, each term labelled with the bound it stands for. Every
 * term is affine in the context length during decode, which lets generate sum decode steps in
 * closed form (src/systems/roofline/generate.ts).
 */
export interface TimeTerms {
  terms: number[];
  kinds: LayerRow['bound'][];
  extra: number;
}

export interface Evaluator {
  mode: RooflineMode;
  row(op: OpCost, stage: 'prefill' | 'decode', terms?: TimeTerms[]): LayerRow;
}

/** Ring all-reduce: each device sends and receives 2(N−1)/N of the buffer, plus the link latency. */
export function ringAllReduceSeconds(bytes: number, n: number, bandwidth: number, latency: number): number {
  return (2 * (n - 1) * bytes) / (n * bandwidth) + latency;
}

/** Kernel classes a calibration may lack, and the measured class that behaves most like them. */
const FALLBACK_CLASS: Partial<Record<KernelClass, KernelClass>> = { embedding: 'elementwise' };

export function argMax(xs: number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
  return best;
}

export function timeOf(t: TimeTerms): number {
  return t.terms[argMax(t.terms)] + t.extra;
}

export function calibrationOf(dev: DeviceSpec): EfficiencyModel {
  if (dev.calibration === undefined) {
    throw new HetsimError('config_invalid', `hardware '${dev.id}' has no calibration; fit one with \`hetsim calibrate --measurements FILE --hardware ${dev.id} -o FILE.yaml\` or use --mode ideal`, 'mode');
  }
  // Validated against efficiency-model-schema.ts when the preset was loaded.
  return dev.calibration as EfficiencyModel;
}

export function makeEvaluator(dev: DeviceSpec, bits: Bits, tp: number, mode: 'ideal' | 'calibrated'): Evaluator {
  const mm = matmulPeak(dev, bits);
  const vec = vectorPeak(dev, bits);
  const bw = dev.bandwidth;
  if (tp > 1 && dev.interconnect === undefined) {
    throw new HetsimError('config_invalid', `hardware '${dev.id}' has no interconnect {bandwidth, latency}; --tp ${tp} needs one`, 'tp');
  }
  const cal = mode === 'calibrated' ? calibrationOf(dev) : undefined;
  const timeTerms = (op: OpCost, bytes: number): TimeTerms => {
    if (op.cls === 'allreduce') {
      const ic = dev.interconnect!;
      return { terms: [ringAllReduceSeconds(op.comm_bytes, tp, ic.bandwidth, ic.latency)], kinds: ['communication'], extra: 0 };
    }
    const peak = (op.matmul ? mm : vec).opsPerS;
    const dequant = op.dequant_ops / vec.opsPerS;
    const p = cal ? (cal.classes[op.cls as KernelClass] ?? cal.classes[FALLBACK_CLASS[op.cls as KernelClass] as KernelClass]) : undefined;
    if (p) {
      return {
        terms: kernelTimeTerms(p, { ops: op.ops, bytes, peak, bandwidth: bw }),
        kinds: ['latency', 'compute', 'memory'],
        extra: dequant,
      };
    }
    return { terms: [op.ops / peak + dequant, bytes / bw], kinds: ['compute', 'memory'], extra: 0 };
  };
  return {
    mode,
    row(op, stage, sink) {
      const memory_access = bytesOf(op);
      const tt = timeTerms(op, memory_access);
      sink?.push(tt);
      const time = timeOf(tt);
      const row: LayerRow = {
        name: op.name,
        stage,
        ops: op.ops,
        load_weight: op.load_weight,
        load_act: op.load_act,
        store_act: op.store_act,
        load_kv_cache: op.load_kv_cache,
        store_kv_cache: op.store_kv_cache,
        memory_access,
        arithmetic_intensity: memory_access > 0 ? op.ops / memory_access : 0,
        bound: tt.kinds[argMax(tt.terms)],
        time_s: time,
      };
      if (op.cls === 'allreduce') row.comm_s = time;
      else row.dtype = (op.matmul ? mm : vec).dtype;
      return row;
    },
  };
}

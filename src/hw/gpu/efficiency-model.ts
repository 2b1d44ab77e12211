/**
 * The achievable roofline: a small, explainable efficiency model per kernel class, fitted from
 * measured kernel timings by `hetsim calibrate` (src/systems/roofline/calibrate.ts) and stored in
 * a hardware preset under `calibration:`.
 *
 *   time = max(floor, overhead + max(ops / (peak · compute_eff), bytes / (bandwidth · memory_eff)))
 *
 * - floor: the shortest a kernel of this class ever takes (launch, grid sync, tail) — small
 *   decode GEMVs and elementwise ops sit on it.
 * - overhead: fixed cost added to the roofline time (prologue/epilogue, partial waves).
 * - compute_eff / memory_eff: achieved fractions of the datasheet peak and bandwidth.
 * Four numbers per class; no shape-keyed tables, so it generalises to unseen model sizes.
 */

export const KERNEL_CLASSES = [
  'gemm',
  'attention_prefill',
  'attention_decode',
  'bmm',
  'softmax',
  'norm',
  'elementwise',
  'activation',
  'embedding',
] as const;
export type KernelClass = (typeof KERNEL_CLASSES)[number];

export interface ClassParams {
  floor_us: number;
  overhead_us: number;
  compute_eff: number;
  memory_eff: number;
  /** Number of measurements the class was fitted on. */
  samples: number;
  /** Median |relative error| on those measurements. */
  fit_median_error: number;
}

/** Validated by efficiency-model-schema.ts when a preset is loaded (kept apart: zod is slow to import). */
export interface EfficiencyModel {
  method: 'per-class-roofline-v1';
  /** What data the numbers were fitted on (file, device, model shapes). */
  fitted_on: string;
  /** How the software stack the measurements came from runs kernels. */
  kernel_stack: {
    /** Unfused attention reads K/V expanded to all query heads (eager repeat_kv). */
    unfused_attention_expands_kv: boolean;
  };
  classes: Partial<Record<KernelClass, ClassParams>>;
}

export interface KernelWork {
  ops: number;
  bytes: number;
  /** Datasheet peak of the dtype/unit the kernel runs on, OP/s. */
  peak: number;
  /** Datasheet memory bandwidth, B/s. */
  bandwidth: number;
}

type Params = Pick<ClassParams, 'floor_us' | 'overhead_us' | 'compute_eff' | 'memory_eff'>;

/** The model's three terms in seconds: [floor, overhead + compute, overhead + memory]; the time is their max. */
export function kernelTimeTerms(p: Params, w: KernelWork): [number, number, number] {
  const o = p.overhead_us * 1e-6;
  return [p.floor_us * 1e-6, o + w.ops / (w.peak * p.compute_eff), o + w.bytes / (w.bandwidth * p.memory_eff)];
}

/** Predicted seconds for one kernel with class parameters `p`. */
export function predictKernelSeconds(p: Params, w: KernelWork): number {
  const [floor, compute, memory] = kernelTimeTerms(p, w);
  return Math.max(floor, compute, memory);
}

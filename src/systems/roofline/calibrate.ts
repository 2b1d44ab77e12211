/**
 * Fitting the per-class efficiency model (src/hw/gpu/efficiency-model.ts) to measured kernels,
 * and scoring a device's calibration against measurements (per op and per assembled layer).
 *
 * The fit minimises Σ|log(predicted/measured)| per kernel class — a relative-error objective, so
 * 10 µs decode kernels weigh as much as 20 ms prefill GEMMs — by a coarse grid then coordinate
 * refinement. Deterministic: no random restarts.
 */
import type { DeviceSpec } from '../../hw/device.js';
import { KERNEL_CLASSES, predictKernelSeconds, type ClassParams, type EfficiencyModel, type KernelClass } from '../../hw/gpu/efficiency-model.js';
import { bytesOf } from '../../workload/kernels.js';
import { layerGroups, measurementCost, type MeasurementFile } from './measurements.js';
import { matmulPeak, vectorPeak } from './peaks.js';

export interface Sample {
  index: number;
  model: string;
  cls: KernelClass;
  ops: number;
  bytes: number;
  peak: number;
  measured_s: number;
}

type Params = Pick<ClassParams, 'floor_us' | 'overhead_us' | 'compute_eff' | 'memory_eff'>;

export function samplesOf(file: MeasurementFile, dev: DeviceSpec, expandKv: boolean): Sample[] {
  const bits = { w: 16, a: 16, kv: 16 };
  const mm = matmulPeak(dev, bits).opsPerS;
  const vec = vectorPeak(dev, bits).opsPerS;
  const out: Sample[] = [];
  file.ops.forEach((meas, index) => {
    const cost = measurementCost(meas, file, expandKv, `ops[${index}]`);
    if (!cost || cost.cls === 'allreduce') return;
    out.push({ index, model: meas.model, cls: cost.cls, ops: cost.ops, bytes: bytesOf(cost), peak: cost.matmul ? mm : vec, measured_s: meas.us * 1e-6 });
  });
  return out;
}

/** Microbenchmark anchors: achieved fractions of peak FLOP/s and bandwidth on the same device. */
export interface Anchors {
  compute_eff: number;
  memory_eff: number;
  /** Weight of the pull toward the anchors, per sample. */
  weight: number;
}

function loss(p: Params, xs: Sample[], bw: number, anchors?: Anchors): number {
  let s = 0;
  for (const x of xs) s += Math.abs(Math.log(predictKernelSeconds(p, { ops: x.ops, bytes: x.bytes, peak: x.peak, bandwidth: bw }) / x.measured_s));
  if (anchors) {
    // Where the data cannot tell overhead from efficiency (e.g. GEMVs of one size), prefer the
    // efficiencies the device's own streaming/GEMM microbenchmarks achieve.
    s += anchors.weight * xs.length * (Math.abs(Math.log(p.compute_eff / anchors.compute_eff)) + Math.abs(Math.log(p.memory_eff / anchors.memory_eff)));
  }
  return s;
}

function range(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let v = lo; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

const KEYS = ['floor_us', 'overhead_us', 'compute_eff', 'memory_eff'] as const;
const BOUNDS: Record<(typeof KEYS)[number], [number, number]> = {
  floor_us: [0, 200],
  overhead_us: [0, 100],
  compute_eff: [0.02, 1.2],
  memory_eff: [0.02, 1.2],
};

export function fitClass(xs: Sample[], bw: number, anchors?: Anchors): Params {
  let best: Params = { floor_us: 0, overhead_us: 0, compute_eff: 1, memory_eff: 1 };
  let bestLoss = Infinity;
  for (const floor_us of range(0, 40, 2))
    for (const overhead_us of range(0, 16, 2))
      for (const compute_eff of range(0.1, 1.0, 0.1))
        for (const memory_eff of range(0.1, 1.1, 0.1)) {
          const p = { floor_us, overhead_us, compute_eff, memory_eff };
          const l = loss(p, xs, bw, anchors);
          if (l < bestLoss) [best, bestLoss] = [p, l];
        }
  // Coordinate refinement with shrinking steps.
  const step = { floor_us: 1, overhead_us: 1, compute_eff: 0.05, memory_eff: 0.05 };
  for (let round = 0; round < 6; round++) {
    let improved = true;
    while (improved) {
      improved = false;
      for (const k of KEYS) {
        for (const dir of [-1, 1]) {
          const v = Math.min(BOUNDS[k][1], Math.max(BOUNDS[k][0], best[k] + dir * step[k]));
          const p = { ...best, [k]: v };
          const l = loss(p, xs, bw, anchors);
          if (l < bestLoss - 1e-12) [best, bestLoss, improved] = [p, l, true];
        }
      }
    }
    for (const k of KEYS) step[k] /= 2;
  }
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return { floor_us: round(best.floor_us, 3), overhead_us: round(best.overhead_us, 3), compute_eff: round(best.compute_eff, 4), memory_eff: round(best.memory_eff, 4) };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface FitOptions {
  /** Fit only on these models' measurements (default: all). */
  models?: string[];
  expandKv?: boolean;
  anchors?: Anchors;
  fittedOn: string;
}

/** Pull toward the microbenchmark anchors; 0.1 per sample: chosen by fitting Llama-2-7B and scoring Llama-2-70B (README). */
export const ANCHOR_WEIGHT = 0.1;

/** Anchors from the measurement file's `peaks` block, when it has both a GEMM and a read figure. */
export function anchorsFrom(file: MeasurementFile, dev: DeviceSpec): Anchors | undefined {
  const gemm = file.peaks?.gemm_bf16_tflops?.median ?? file.peaks?.gemm_fp16_tflops?.median;
  const read = file.peaks?.read_GBps?.median;
  const peak = matmulPeak(dev, { w: 16, a: 16, kv: 16 }).opsPerS;
  if (gemm === undefined || read === undefined) return undefined;
  return { compute_eff: (gemm * 1e12) / peak, memory_eff: (read * 1e9) / dev.bandwidth, weight: ANCHOR_WEIGHT };
}

export function fitEfficiencyModel(file: MeasurementFile, dev: DeviceSpec, opts: FitOptions): EfficiencyModel {
  const expandKv = opts.expandKv ?? true;
  const all = samplesOf(file, dev, expandKv);
  const train = opts.models ? all.filter((s) => opts.models!.includes(s.model)) : all;
  const classes: EfficiencyModel['classes'] = {};
  for (const cls of KERNEL_CLASSES) {
    const xs = train.filter((s) => s.cls === cls);
    if (xs.length === 0) continue;
    const p = fitClass(xs, dev.bandwidth, opts.anchors);
    const errs = xs.map((x) => Math.abs(predictKernelSeconds(p, { ...x, bandwidth: dev.bandwidth }) / x.measured_s - 1));
    classes[cls] = { ...p, samples: xs.length, fit_median_error: Math.round(median(errs) * 1e4) / 1e4 };
  }
  return { method: 'per-class-roofline-v1', fitted_on: opts.fittedOn, kernel_stack: { unfused_attention_expands_kv: expandKv }, classes };
}

export interface CalibrationScore {
  model: string;
  ops: number;
  op_median_error: number;
  layers: number;
  layer_median_error: number;
  /** Pure datasheet roofline on the same set, for scale. */
  roofline_op_median_error: number;
  roofline_layer_median_error: number;
  by_class: Partial<Record<KernelClass, { n: number; median_error: number }>>;
}

/** Per-op and per-layer-sum median |relative error| of `cal` on each model's measurements. */
export function scoreCalibration(file: MeasurementFile, dev: DeviceSpec, cal: EfficiencyModel): CalibrationScore[] {
  const samples = samplesOf(file, dev, cal.kernel_stack.unfused_attention_expands_kv);
  const pred = new Map<number, number>();
  const pure = new Map<number, number>();
  for (const s of samples) {
    const p = cal.classes[s.cls];
    const w = { ops: s.ops, bytes: s.bytes, peak: s.peak, bandwidth: dev.bandwidth };
    pred.set(s.index, p ? predictKernelSeconds(p, w) : Math.max(s.ops / s.peak, s.bytes / dev.bandwidth));
    pure.set(s.index, Math.max(s.ops / s.peak, s.bytes / dev.bandwidth));
  }
  const groups = layerGroups(file);
  const models = [...new Set(samples.map((s) => s.model))];
  return models.map((model) => {
    const xs = samples.filter((s) => s.model === model);
    const err = (m: Map<number, number>, s: Sample) => Math.abs(m.get(s.index)! / s.measured_s - 1);
    const gs = groups.filter((g) => g.model === model && g.members.every((i) => pred.has(i)));
    const layerErr = (m: Map<number, number>) =>
      gs.map((g) => {
        const p = g.members.reduce((a, i) => a + m.get(i)!, 0);
        const meas = g.members.reduce((a, i) => a + file.ops[i].us * 1e-6, 0);
        return Math.abs(p / meas - 1);
      });
    const by_class: CalibrationScore['by_class'] = {};
    for (const cls of KERNEL_CLASSES) {
      const c = xs.filter((s) => s.cls === cls);
      if (c.length) by_class[cls] = { n: c.length, median_error: median(c.map((s) => err(pred, s))) };
    }
    return {
      model,
      ops: xs.length,
      op_median_error: median(xs.map((s) => err(pred, s))),
      layers: gs.length,
      layer_median_error: median(layerErr(pred)),
      roofline_op_median_error: median(xs.map((s) => err(pure, s))),
      roofline_layer_median_error: median(layerErr(pure)),
      by_class,
    };
  });
}

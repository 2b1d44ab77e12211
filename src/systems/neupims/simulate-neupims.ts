/**
 * Scenario + mode → NeupimsResult. Modes (spec §8), all on the same requests:
 *  - `neupims`: dual row buffers, fused COMPS_READRES, sub-batch interleaving, placement from the trace (clb);
 *  - `npu-pim-naive`: single row buffer (blocked mode), COMP×n + READRES, no interleaving, round-robin placement;
 *  - `npu-only`: plain HBM, attention on the NPU (HBM-bound), no interleaving;
 *  - `gpu`: A100 roofline of the same step (gpu-roofline.ts).
 * Full-depth steps are extrapolated from `steady_state_layers` simulated layers (see `extrapolate`;
 * test/systems/neupims/steady-state.test.ts shows it matches a full run).
 */
import { performance } from 'node:perf_hooks';
import { HetsimError } from '../../errors.js';
import { placeAll, channelImbalance } from './channel-placement.js';
import { gpuLayerSeconds, type GpuBaseline } from './gpu-roofline.js';
import { layersPerDevice, type NeupimsModel } from './model-shapes.js';
import type { GanttStage, NeupimsResult } from './neupims-result.js';
import { kvShape, runStep, type StepConfig, type StepRaw, type TraceDetail } from './run-step.js';
import { geometryOf, npuConfigOf, type Mode, type Scenario } from './scenario.js';
import type { LiveRequest } from './request-trace.js';
import type { StageName, StageRecord } from './stage-scheduler.js';
import type { ChromeTrace } from '../../sim/index.js';

export interface SimulateOptions {
  mode?: Mode;
  /** The gpu mode's baseline; defaults to the loaded scenario's. */
  gpu?: GpuBaseline;
  trace?: boolean;
  traceDetail?: TraceDetail;
}

export interface Extrapolated {
  stage: Partial<Record<StageName, number>>;
  layer: number;
  perLayer: number[];
  step: number;
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * Steady-state stage cycles and the full-depth step from the simulated stages. The first layers
 * carry a warm-up (refresh phase, row-buffer and pipeline state), so the steady state is the LAST
 * simulated layer — C + D of the last pair with interleaving, A + B + E without — and the step is
 * the simulated cycles plus that steady layer for every layer not simulated.
 */
export function extrapolate(records: readonly StageRecord[], interleaved: boolean, layers: number, simLayers: number): Extrapolated {
  const dur = (n: StageName): number[] => records.filter((r) => r.name === n).map((r) => r.end - r.start);
  const last = (xs: number[]): number => (xs.length ? xs[xs.length - 1] : 0);
  const measured = records.length ? records[records.length - 1].end - records[0].start : 0;
  const names: StageName[] = interleaved ? ['A', 'B', 'C', 'D', 'E', 'F'] : ['A', 'B', 'E'];
  const stage: Partial<Record<StageName, number>> = {};
  for (const n of names) if (dur(n).length) stage[n] = last(dur(n));
  let perLayer: number[];
  if (interleaved) {
    const d = dur('D');
    perLayer = dur('C').map((x, i) => x + d[i]);
    // one simulated layer has no C/D pair: its whole A–F is the best per-layer figure we have
    if (perLayer.length === 0) perLayer = [measured];
  } else {
    const b = dur('B');
    const e = dur('E');
    perLayer = dur('A').map((x, i) => x + b[i] + e[i]);
  }
  const layer = last(perLayer);
  const step = measured + Math.max(0, layers - simLayers) * layer;
  return { stage, layer, perLayer, step };
}

function stepConfig(s: Scenario, m: NeupimsModel, mode: Mode, trace: boolean, growth: number): StepConfig {
  const layers = s.layers === 'all' ? layersPerDevice(m) : s.layers;
  const interleave = mode === 'neupims';
  // interleaving needs ≥ 2 simulated layers for a C/D pair
  const want = s.steady_state_layers === 0 ? layers : Math.min(layers, Math.max(s.steady_state_layers, interleave ? 2 : 1));
  return {
    model: m,
    npu: npuConfigOf(s),
    geo: geometryOf(s),
    pimMode: mode === 'neupims' ? 'dual' : mode === 'npu-pim-naive' ? 'single' : 'dram',
    interleave,
    npuAttention: mode === 'npu-only',
    simLayers: want,
    trace,
    growth,
  };
}

/** Same lengths, placed as the scenario asks (`auto`: the mode's own policy; spec §8: naive uses round-robin). */
export function placeForMode(reqs: readonly LiveRequest[], mode: Mode, s: Scenario, m: NeupimsModel): LiveRequest[] {
  const policy = s.placement === 'auto' ? (mode === 'npu-pim-naive' ? 'rr' : 'trace') : s.placement;
  if (policy === 'trace') return reqs.slice();
  const ch = placeAll(
    reqs.map((r) => r.seqLen),
    policy,
    geometryOf(s),
    kvShape(m),
  );
  return reqs.map((r, i) => ({ seqLen: r.seqLen, channel: ch[i] }));
}

export interface SimulateOutput {
  result: NeupimsResult;
  trace: ChromeTrace | null;
}

export function simulateNeupims(s: Scenario, requests: readonly LiveRequest[], opt: SimulateOptions = {}): SimulateOutput {
  const mode = opt.mode ?? s.mode;
  const m = s.shape;
  if (requests.length < s.batch) {
    throw new HetsimError('config_invalid', `batch ${s.batch} needs ${s.batch} requests, the trace has ${requests.length}`, 'batch');
  }
  const base = placeForMode(requests.slice(0, s.batch), mode, s, m);
  const stepsOut: NonNullable<NeupimsResult['steps']> = [];
  let first: { raw: StepRaw | null; ex: Extrapolated; cfg: StepConfig } | null = null;
  for (let k = 0; k < s.steps; k++) {
    const reqs = base.map((r) => ({ seqLen: r.seqLen + k, channel: r.channel }));
    const cfg = { ...stepConfig(s, m, mode, (opt.trace ?? false) && k === 0, s.steps - 1), traceDetail: opt.traceDetail };
    const layers = s.layers === 'all' ? layersPerDevice(m) : s.layers;
    let raw: StepRaw | null = null;
    let ex: Extrapolated;
    if (mode === 'gpu') {
      const gpu = opt.gpu ?? s.gpuBaseline;
      const layerCycles = gpuLayerSeconds(gpu, m.tp, reqs.map((r) => r.seqLen)) * cfg.npu.freqHz;
      ex = { stage: {}, layer: layerCycles, perLayer: [layerCycles], step: layers * layerCycles };
    } else {
      raw = runStep(cfg, reqs);
      ex = extrapolate(raw.records, cfg.interleave, layers, cfg.simLayers);
    }
    const meanLen = reqs.reduce((a, r) => a + r.seqLen, 0) / reqs.length;
    stepsOut.push({ step: k, mean_seq_len: meanLen, step_cycles: ex.step, tokens_per_s: (s.batch * cfg.npu.freqHz) / ex.step });
    if (k === 0) first = { raw, ex, cfg };
  }
  const { raw, ex, cfg } = first!;
  const layers = s.layers === 'all' ? layersPerDevice(m) : s.layers;
  const cyc = raw?.cycles ?? 0;
  const chans = cfg.geo.channels;
  const busy = raw?.pimBusyPerChannel ?? [];
  const busyMean = mean(busy);
  const result: NeupimsResult = {
    system: 'neupims',
    mode,
    model: m.id,
    tp: m.tp,
    pp: m.pp,
    batch: s.batch,
    layers,
    simulated_layers: mode === 'gpu' ? layers : cfg.simLayers,
    stage_cycles: ex.stage,
    layer_cycles: ex.layer,
    per_layer_cycles: ex.perLayer,
    step_cycles: ex.step,
    step_seconds: ex.step / cfg.npu.freqHz,
    tokens_per_s: (s.batch * cfg.npu.freqHz) / ex.step,
    utilization: {
      npu: cyc ? raw!.saBusyCycles / cyc : 0,
      // §2: peak 256 MAC/cycle/channel (a COMP of 16 MAC × 32 banks every 2 cycles)
      pim: cyc ? raw!.pimMacs / (cyc * chans * ((cfg.geo.compCoverage * cfg.geo.banksPerChannel) / 2)) : 0,
      // §2: 32 B/cycle/channel external bus (64 B per BL4 burst every 2 cycles)
      dram_bandwidth: cyc ? raw!.busBytes / (cyc * chans * 32) : 0,
      vector: cyc ? raw!.vectorBusyCycles / (cyc * cfg.npu.vectorUnits) : 0,
    },
    dram_commands: raw?.dramCommands ?? {},
    channel_imbalance: {
      estimated: mode === 'npu-only' || mode === 'gpu' ? 1 : channelImbalance(base.map((r) => r.seqLen), base.map((r) => r.channel), cfg.geo, kvShape(m)),
      measured: busyMean > 0 ? Math.max(...busy) / busyMean : 1,
    },
    gantt: (raw?.records ?? []).map((r): GanttStage => ({ stage: r.name, layer: r.layer, start: r.start, end: r.end, npu_end: r.npuEnd, pim_end: r.pimEnd })),
    sim: { events: raw?.events ?? 0 },
  };
  if (s.steps > 1) result.steps = stepsOut;
  return { result, trace: raw?.trace ?? null };
}

/**
 * One decode step of one device on the cycle-level models: NPU core + 32 HBM(-PIM) channels on one
 * discrete-event kernel, driven stage by stage. Simulates `simLayers` layers; the caller
 * extrapolates the steady state to the model's full depth (see `extrapolate`).
 */
import { Simulator } from '../../sim/index.js';
import { NpuCore } from '../../hw/npu/npu-core.js';
import { npuClock, type NpuConfig } from '../../hw/npu/npu-config.js';
import { HbmPimMemory } from './hbm-pim-memory.js';
import { KvAllocator, type KvShape, type PimGeometry } from './kv-layout.js';
import { MhaProgram, type MhaRequest } from './mha-program.js';
import { tpSlice, type NeupimsModel } from './model-shapes.js';
import type { PimMode } from './pim-channel-model.js';
import type { LiveRequest } from './request-trace.js';
import { interleavedPlan, npuOnlyPlan, runPlan, sequentialPlan, type StageRecord } from './stage-scheduler.js';
import type { ChromeTrace, StatsTree } from '../../sim/index.js';

export interface StepConfig {
  model: NeupimsModel;
  npu: NpuConfig;
  geo: PimGeometry;
  pimMode: PimMode;
  interleave: boolean;
  /** NPU-only: attention on the NPU, no PIM ops. */
  npuAttention: boolean;
  simLayers: number;
  trace: boolean;
  /**
   * What the Perfetto trace holds: `system` = NPU ops, stages and MHA phases; `gemv` adds each
   * channel's GEMV spans; `commands` adds every DRAM command (millions per layer: short runs only).
   */
  traceDetail?: TraceDetail;
  /** Extra tokens each request may grow by (multi-step runs reserve KV rows up front). */
  growth: number;
}

export type TraceDetail = 'system' | 'gemv' | 'commands';

export interface StepRaw {
  records: StageRecord[];
  cycles: number;
  saBusyCycles: number;
  vectorBusyCycles: number;
  pimMacs: number;
  busBytes: number;
  pimBusyPerChannel: number[];
  dramCommands: Record<string, number>;
  events: number;
  trace: ChromeTrace | null;
}

export function kvShape(m: NeupimsModel): KvShape {
  const { eTp, headsTp, kvHeadsTp } = tpSlice(m);
  return { eTp, headsTp, kvHeadsTp, headDim: m.headDim };
}

export function runStep(cfg: StepConfig, reqs: readonly LiveRequest[]): StepRaw {
  const sim = new Simulator({ trace: cfg.trace });
  const mem = new HbmPimMemory(sim, cfg.pimMode, cfg.geo, npuClock(cfg.npu));
  const npu = new NpuCore(sim, cfg.npu, mem, 0);
  const detail = cfg.traceDetail ?? 'gemv';
  // the DRAM model traces every command when the kernel records; keep that only when asked
  if (sim.trace && detail !== 'commands') for (const ch of mem.device.channels) ch.state.onIssue = null;
  const shape = kvShape(cfg.model);
  const alloc = new KvAllocator(cfg.geo, shape);
  const mreqs: MhaRequest[] = reqs.map((r, id) => ({
    id,
    seqLen: r.seqLen,
    channel: r.channel,
    rows: alloc.allocate(r.channel, r.seqLen + cfg.growth, `request ${id}`),
  }));
  const mha = cfg.npuAttention ? null : new MhaProgram(sim, mem.channelModels, npu.vector, shape, cfg.geo, cfg.npu.precisionBytes, npu.clock);
  const rowBytes = mem.rowBytes;
  const plan = cfg.npuAttention
    ? npuOnlyPlan(cfg.model, mreqs, cfg.simLayers, rowBytes)
    : cfg.interleave
      ? interleavedPlan(cfg.model, mreqs, cfg.simLayers, cfg.geo.channels, rowBytes)
      : sequentialPlan(cfg.model, mreqs, cfg.simLayers, rowBytes);
  if (sim.trace) {
    sim.trace.processName(0, 'NPU');
    sim.trace.threadName(0, 0, 'systolic arrays');
    sim.trace.threadName(0, 1, 'vector units');
    sim.trace.threadName(0, 9, 'stages');
    sim.trace.processName(1, 'PIM (all channels)');
  }
  const records = runPlan(sim, npu, mha, plan);
  const cycles = records.length > 0 ? records[records.length - 1].end : 0;
  // the counters come from the stats tree the components registered (npu, dram, pim, memory, sim)
  const st = sim.stats.collect();
  const num = (path: string): number => {
    const v = path.split('.').reduce<StatsTree | number | undefined>((n, k) => (typeof n === 'object' ? n[k] : undefined), st);
    return typeof v === 'number' ? v : 0;
  };
  const dram = st.dram as StatsTree;
  return {
    records,
    cycles,
    saBusyCycles: num('npu.saBusyCycles'),
    vectorBusyCycles: num('npu.vectorBusyCycles'),
    pimMacs: num('pim.macs'),
    busBytes: num('memory.busBytes'),
    pimBusyPerChannel: mem.channelModels.map((c) => num(`pim.perChannel.ch${c.channel}.busyCycles`)),
    dramCommands: { ...(dram.commands as Record<string, number>) },
    events: num('sim.events'),
    trace: sim.trace ? filterTrace(sim.trace.toJSON(), detail) : null,
  };
}

function filterTrace(t: ChromeTrace, detail: TraceDetail): ChromeTrace {
  if (detail !== 'system') return t;
  return { ...t, traceEvents: t.traceEvents.filter((e) => e.name !== 'GEMV') };
}

/**
 * Resolves a validated scenario into what the compiler and executor need: the FPGA device, the
 * model, the SLRs that run, MV parallelism (eq. 3 when `auto`), the channel groups, and the
 * resource check of the compiled design against the device (refused where the device publishes
 * its counts, reported with a warning where it does not).
 */
import { join } from 'node:path';
import { HetsimError } from '../../errors.js';
import { FLIGHTLLM_CHAIN, type NmN } from '../../hw/fpga/csd-chain.js';
import { loadFpgaDevice, type FpgaDevice } from '../../hw/fpga/fpga-device.js';
import { macsPerCycle, mvParallelismForBandwidth, type Parallelism } from '../../hw/fpga/mpe.js';
import { ClockDomain } from '../../sim/index.js';
import type { ModelSpec } from '../../workload/model.js';
import { loadModel, MODELS_DIR } from '../preset-registry.js';
import type { CompileConfig, LinearPlan } from './compile-config.js';
import type { ExecConfig } from './executor.js';
import { designResources, type ResourceUse } from './resources.js';
import { bitsOf, LINEAR_OPS, nOf, type FlightScenarioFile, type LinearName } from './scenario.js';

export const FPGA_DIR = join(MODELS_DIR, 'fpga');

/**
 * Context windows (max_position_embeddings of each model's Hugging Face config.json; the sources
 * named in models/llm/). A model not listed is limited by the design's MAX_LEN alone.
 */
const MODEL_CONTEXT: Record<string, number> = { 'llama-2-7b': 4096, 'llama-2-13b': 4096, 'opt-6.7b': 2048 };
/** Longest sequence the compiled design supports (demo config MAX_LEN). */
export const DESIGN_MAX_LEN = 2048;

export interface Resolved {
  file: FlightScenarioFile;
  device: FpgaDevice;
  model: ModelSpec;
  slrs: number;
  compile: CompileConfig;
  exec: Omit<ExecConfig, 'trace'>;
  resources: ResourceUse;
  warnings: string[];
  maxLen: number;
  /** HBM bytes per design cycle one SLR's channel group delivers (eq. 3's BW). */
  slrBytesPerCycle: number;
}

export async function resolveFlight(file: FlightScenarioFile): Promise<Resolved> {
  const [device, model] = await Promise.all([loadFpgaDevice(file.device, FPGA_DIR, 'device'), loadModel(file.model, 'model')]);
  const d = file.design;
  const slrs = file.slrs ?? device.slrs;
  if (slrs > device.slrs) throw new HetsimError('config_invalid', `${device.name} has ${device.slrs} SLRs; accepted: 1..${device.slrs}`, 'slrs');
  if (slrs * d.channels_per_slr > device.hbm.pseudo_channels) {
    throw new HetsimError('config_invalid', `${slrs} SLRs × ${d.channels_per_slr} channels exceed the ${device.hbm.pseudo_channels} HBM pseudo-channels; accepted: at most ${Math.floor(device.hbm.pseudo_channels / slrs)} per SLR`, 'design.channels_per_slr');
  }
  const maxLen = Math.min(DESIGN_MAX_LEN, MODEL_CONTEXT[model.id] ?? DESIGN_MAX_LEN);
  const total = file.prefill + file.decode;
  if (total > maxLen) throw new HetsimError('config_invalid', `prefill ${file.prefill} + decode ${file.decode} = ${total} tokens exceed the ${maxLen}-token limit (${model.id} context and the design's MAX_LEN ${DESIGN_MAX_LEN}); accepted: prefill + decode ≤ ${maxLen}`, 'decode');
  if (file.decode_step !== undefined && file.decode_step >= maxLen) throw new HetsimError('config_invalid', `context ${file.decode_step} is beyond the ${maxLen}-token limit; accepted: 1..${maxLen - 1}`, 'decode_step');

  const clock = new ClockDomain('flightllm', d.freq_mhz, 'design.freq_mhz');
  const channelBps = device.channelBps;
  const mm: Parallelism = { n: d.mm.n, k: d.mm.k, m: d.mm.m };
  // eq. 3 in MV mode: enough MACs to consume what the SLR's channels deliver per cycle at INT8 (dequantised) weights
  const slrBytesPerCycle = (d.channels_per_slr * channelBps * device.hbm.same_channel_efficiency) / (d.freq_mhz * 1e6);
  const mv: Parallelism = d.mv === 'auto' ? mvParallelismForBandwidth(slrBytesPerCycle, 1, mm.k, macsPerCycle(mm)) : { n: d.mv.n, k: d.mv.k, m: 1 };
  if (macsPerCycle(mv) > macsPerCycle(mm)) throw new HetsimError('config_invalid', `MV parallelism ${macsPerCycle(mv)} MAC/cycle exceeds the MPE's ${macsPerCycle(mm)} (MM mode); accepted: n × k ≤ ${macsPerCycle(mm)}`, 'design.mv');
  const linears = Object.fromEntries(LINEAR_OPS.map((op: LinearName) => [op, { bits: bitsOf(file, op), n: nOf(file, op) as NmN } satisfies LinearPlan])) as Record<LinearName, LinearPlan>;
  const compile: CompileConfig = {
    model,
    slrs,
    mm,
    mv,
    mvTileCols: d.mv_tile_cols,
    sfuLanes: d.sfu_lanes,
    weightBufBytes: d.weight_buffer_kib * 1024,
    actBufBytes: d.act_buffer_kib * 1024,
    globalBufBytes: d.global_buffer_kib * 1024,
    linears,
    sparse: file.sparsity.enabled,
    kvBytes: file.precision.kv_bits / 8,
    attnBlockDensity: file.sparsity.enabled ? file.sparsity.attention_block_density : 1,
    alwaysOnChip: file.always_on_chip,
  };
  const slrChannels = Array.from({ length: slrs }, (_, s) => Array.from({ length: d.channels_per_slr }, (_, i) => s * d.channels_per_slr + i));
  const exec = {
    clock,
    hbm: { channels: device.hbm.pseudo_channels, channelBps, sameEff: device.hbm.same_channel_efficiency, crossEff: device.hbm.cross_channel_efficiency },
    slrChannels,
    syncCycles: d.sync_cycles,
  };
  const { use, warnings } = designResources(file, device, slrs, mm, FLIGHTLLM_CHAIN.macsPerDsp);
  return { file, device, model, slrs, compile, exec, resources: use, warnings, maxLen, slrBytesPerCycle };
}

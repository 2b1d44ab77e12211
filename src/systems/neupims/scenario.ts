/**
 * NeuPIMs scenario YAML (`models/scenarios/neupims-*.yaml`): model, parallelism, batch, requests,
 * NPU and HBM-PIM parameters. Every object is strict: an unknown key is an error naming the key.
 * Defaults are the shipped reference configs (spec §2); each field cites its section.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readConfigFile } from '../../config/read-file.js';
import { validate } from '../../config/validate.js';
import { HetsimError } from '../../errors.js';
import { DEFAULT_NPU, type NpuConfig } from '../../hw/npu/npu-config.js';
import type { PimGeometry } from './kv-layout.js';
import { ACT_ROW, WEIGHT_ROWS } from './npu-programs.js';
import { loadDevice, loadModel } from '../preset-registry.js';
import type { GpuBaseline } from './gpu-roofline.js';
import { layersPerDevice, layerWeightBytes, neupimsModel, type NeupimsModel } from './model-shapes.js';

export const MODES = ['neupims', 'npu-pim-naive', 'npu-only', 'gpu'] as const;
export type Mode = (typeof MODES)[number];

const npuSchema = z
  .strictObject({
    sa_height: z.number().int().positive().default(128), // §2 core_height
    sa_width: z.number().int().positive().default(128), // §2 core_width
    sa_count: z.number().int().positive().default(8), // §2 "8 systolic arrays"
    freq_mhz: z.number().positive().default(1000), // §2 core_freq
    vector_units: z.number().int().positive().default(8), // §2 vector_core_count
    vector_lanes: z.number().int().positive().default(128), // §2 vector_core_width
    sram_kib: z.number().positive().default(134218), // §2 sram_size
    // `reference`: one vector instruction issued per cycle, rows overlapping without limit, as the public
    // simulator times them; `pipelines`: 8 units each running one row at a time (npu-config.ts)
    vector_issue: z.enum(['reference', 'pipelines']).default('reference'),
  })
  .default({ sa_height: 128, sa_width: 128, sa_count: 8, freq_mhz: 1000, vector_units: 8, vector_lanes: 128, sram_kib: 134218, vector_issue: 'reference' });

const memorySchema = z
  .strictObject({
    standard: z.literal('HBM2-PIM').default('HBM2-PIM'), // §2 HBM2 8 Gb x128 + NewtonSim PIM
    channels: z.number().int().positive().default(32), // §2
    banks_per_channel: z.number().int().positive().default(32), // §2 dram_banks_per_ch
    page_bytes: z.number().int().positive().default(1024), // §2 1 KB row per bank
    comp_coverage: z.number().int().positive().default(16), // §2 pim_comp_coverage
    // §10: 29,696 PIM tiles per channel for GPT3-7B/TP4; default = rows left after the weights
    kv_rows_per_channel: z.number().int().positive().optional(),
  })
  .default({ standard: 'HBM2-PIM', channels: 32, banks_per_channel: 32, page_bytes: 1024, comp_coverage: 16 });

const generateSchema = z.strictObject({
  dataset: z.string().min(1), // 'sharegpt' | 'alpaca' | path to a length TSV (§7)
  seed: z.number().int().default(1),
  placement: z.enum(['clb', 'rr']).default('clb'), // §6
});

export const scenarioSchema = z.strictObject({
  system: z.literal('neupims'),
  name: z.string().optional(),
  model: z.string().min(1),
  parallelism: z.strictObject({ tp: z.number().int().positive().optional(), pp: z.number().int().positive().optional() }).optional(),
  batch: z.number().int().positive(),
  requests: z.union([z.string().min(1), generateSchema]),
  mode: z.enum(MODES).default('neupims'),
  /**
   * Channel placement of the requests (§6): `auto` = the trace's channels for neupims and
   * round-robin for npu-pim-naive (§8: the naive baseline ran on rr traces); `trace`, `clb`, `rr` force one.
   */
  placement: z.enum(['auto', 'trace', 'clb', 'rr']).default('auto'),
  /** Decoder layers to simulate; 'all' = the device's share (layers / pp). */
  layers: z.union([z.literal('all'), z.number().int().positive()]).default('all'),
  /** Simulate this many leading layers cycle by cycle and extrapolate the steady state (0 = all). */
  steady_state_layers: z.number().int().min(0).default(4),
  /** Decode steps for a multi-step run (contexts grow by one token per step). */
  steps: z.number().int().positive().default(1),
  npu: npuSchema,
  memory: memorySchema,
  /**
   * The `gpu` mode's device: a hardware preset id or file, analysed by the roofline analyzer.
   * Default: A100 80 GB with its achievable roofline, fitted from measured A100 kernels (the only
   * A100 timings hetsim has; models/hardware/a100-80gb.yaml says which).
   */
  gpu: z
    .strictObject({
      hardware: z.string().min(1).default('a100-80gb'),
      mode: z.enum(['ideal', 'calibrated']).default('calibrated'),
      flash: z.boolean().default(true),
    })
    .default({ hardware: 'a100-80gb', mode: 'calibrated', flash: true }),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

export interface ParsedScenario extends ScenarioFile {
  /** Absolute path of the scenario file (requests resolve against it). */
  path: string;
}

/** A scenario with its presets resolved (resolveScenario / loadScenario). */
export interface Scenario extends ParsedScenario {
  /** The model's decoder shapes and parallelism as the simulator uses them. */
  shape: NeupimsModel;
  /** The `gpu` block resolved to a model and device (presets), for the gpu mode. */
  gpuBaseline: GpuBaseline;
}

export function npuConfigOf(s: ScenarioFile): NpuConfig {
  const n = s.npu;
  return {
    ...DEFAULT_NPU,
    saHeight: n.sa_height,
    saWidth: n.sa_width,
    saCount: n.sa_count,
    freqHz: n.freq_mhz * 1e6,
    vectorUnits: n.vector_units,
    vectorLanes: n.vector_lanes,
    sramBytes: n.sram_kib * 1024,
    vectorIssue: n.vector_issue,
  };
}

/**
 * §10: the weights take the low rows of every bank (3 GB = rows 0..3071 for GPT3-7B/TP4) and the
 * KV cache the row tiles above, up to the activation rows at the top (npu-programs.ts ACT_ROW).
 */
export function geometryOf(s: Scenario): PimGeometry {
  const mem = s.memory;
  const weightBytes = layersPerDevice(s.shape) * layerWeightBytes(s.shape);
  const weightRows = Math.ceil(weightBytes / (mem.channels * mem.banks_per_channel * mem.page_bytes));
  const kvBaseRow = Math.max(WEIGHT_ROWS, weightRows);
  if (kvBaseRow >= ACT_ROW) {
    const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
    const rowsBytes = ACT_ROW * mem.channels * mem.banks_per_channel * mem.page_bytes;
    throw new HetsimError(
      'config_invalid',
      `${s.shape.id}: one device's weights (${gb(weightBytes)} for ${layersPerDevice(s.shape)} layers at tp ${s.shape.tp}, pp ${s.shape.pp}) ` +
        `leave no room for the KV cache in the ${gb(rowsBytes)} of HBM-PIM rows below the activations; raise parallelism.tp or parallelism.pp`,
      'parallelism',
    );
  }
  return {
    channels: mem.channels,
    banksPerChannel: mem.banks_per_channel,
    pageBytes: mem.page_bytes,
    precisionBytes: 2,
    compCoverage: mem.comp_coverage,
    kvRowsPerChannel: mem.kv_rows_per_channel ?? Math.max(0, ACT_ROW - kvBaseRow),
    kvBaseRow,
  };
}

export function parseScenario(raw: unknown, path: string): ParsedScenario {
  return { ...validate(scenarioSchema, raw, `scenario ${path}`), path: resolve(path) };
}

/**
 * Resolves the model (any dense preset LLM, Hugging Face id or config.json path) to the simulator's
 * shapes and the `gpu:` block to preset model and device specs.
 */
export async function resolveScenario(s: ParsedScenario): Promise<Scenario> {
  const [model, device] = await Promise.all([loadModel(s.model, 'model'), loadDevice(s.gpu.hardware, 'gpu.hardware')]);
  return { ...s, shape: neupimsModel(model, s.parallelism), gpuBaseline: { model, device, mode: s.gpu.mode, flash: s.gpu.flash } };
}

/** `<scenario>` is a YAML path or an id under models/scenarios/ (e.g. `neupims-gpt3-7b`). */
export async function loadScenario(ref: string, root = process.cwd()): Promise<Scenario> {
  const candidates = [...new Set([ref, resolve(root, 'models/scenarios', `${ref}.yaml`), resolve(projectRoot(), 'models/scenarios', `${ref}.yaml`)])];
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new HetsimError('file_missing', `scenario '${ref}' not found (looked for ${candidates.join(', ')})`, 'scenario');
  return resolveScenario(parseScenario(await readConfigFile(path, 'scenario'), path));
}

/** Relative paths in a scenario resolve against the scenario's directory, then the project root. */
export function resolveDataPath(p: string, scenarioPath: string): string {
  if (isAbsolute(p)) return p;
  const tries = [resolve(dirname(scenarioPath), p), resolve(process.cwd(), p), resolve(projectRoot(), p)];
  return tries.find((t) => existsSync(t)) ?? tries[0];
}

/** The hetsim checkout (two levels above src/systems/neupims or dist/systems/neupims). */
export function projectRoot(): string {
  return resolve(dirname(new URL(import.meta.url).pathname), '../../..');
}

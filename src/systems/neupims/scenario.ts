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
import { npuConfigFromNode, npuNodeSchema, type NpuConfig } from '../../hw/npu/npu-config.js';
import { hbmPimConfigFromNode, hbmPimNodeSchema } from '../../hw/pim/memory-config.js';
import { rowElems, type PimGeometry } from './kv-layout.js';
import { ACT_ROW, WEIGHT_ROWS } from './npu-programs.js';
import { loadDevice, loadModel } from '../preset-registry.js';
import type { GpuBaseline } from './gpu-roofline.js';
import { layersPerDevice, layerWeightBytes, neupimsModel, type NeupimsModel } from './model-shapes.js';

export const MODES = ['neupims', 'npu-pim-naive', 'npu-only', 'gpu'] as const;
export type Mode = (typeof MODES)[number];

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
  // each component validates its own node (src/hw/npu/npu-config.ts, src/hw/pim/memory-config.ts)
  npu: npuNodeSchema,
  memory: hbmPimNodeSchema,
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
  return npuConfigFromNode(s.npu, 'npu');
}

/**
 * §10: the weights take the low rows of every bank (3 GB = rows 0..3071 for GPT3-7B/TP4) and the
 * KV cache the row tiles above, up to the activation rows at the top (npu-programs.ts ACT_ROW).
 */
export function geometryOf(s: Scenario): PimGeometry {
  const mem = s.memory;
  const hw = hbmPimConfigFromNode(mem, 'memory');
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
  // the KV rows sit between the weights and the activation rows: more would overwrite activations
  const kvMax = ACT_ROW - kvBaseRow;
  if (mem.kv_rows_per_channel !== undefined && mem.kv_rows_per_channel > kvMax) {
    throw new HetsimError(
      'config_invalid',
      `${mem.kv_rows_per_channel} KV rows per channel do not fit between the weights (rows 0..${kvBaseRow - 1}) and the activation rows (from ${ACT_ROW}); accepted: 1..${kvMax} (default ${kvMax})`,
      'memory.kv_rows_per_channel',
    );
  }
  const geo: PimGeometry = {
    channels: hw.channels,
    banksPerChannel: hw.banksPerChannel,
    pageBytes: hw.pageBytes,
    precisionBytes: 2,
    compCoverage: hw.compCoverage,
    kvRowsPerChannel: mem.kv_rows_per_channel ?? kvMax,
    kvBaseRow,
  };
  // §4: a key row holds whole heads (q·Kᵀ chunks are cut at head boundaries)
  if (rowElems(geo) % s.shape.headDim !== 0) {
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    const head = geo.precisionBytes * s.shape.headDim;
    const step = (64 * head) / gcd(64, head); // whole 64 B bursts and whole heads
    throw new HetsimError(
      'config_invalid',
      `a ${mem.page_bytes} B page holds ${rowElems(geo)} FP16 elements, not a whole number of ${s.shape.id}'s ${s.shape.headDim}-element heads; accepted: a multiple of ${step} B (${step}, ${2 * step}, …; default 1024)`,
      'memory.page_bytes',
    );
  }
  return geo;
}

export function parseScenario(raw: unknown, path: string): ParsedScenario {
  const file = validate(scenarioSchema, raw, `scenario ${path}`);
  // the components' builders reject what their schema lets through but they cannot model
  npuConfigFromNode(file.npu, 'npu');
  hbmPimConfigFromNode(file.memory, 'memory');
  return { ...file, path: resolve(path) };
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

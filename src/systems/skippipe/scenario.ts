/**
 * SkipPipe scenario YAML (models/scenarios/skippipe-*.yaml): nodes (region + compute speed), network
 * (a region table or explicit matrices), model (→ activation bytes and compute time), pipeline
 * (stages, P, memory slots, microbatches) and scheduler knobs. Strict: unknown keys are errors.
 */
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { validate } from '../../config/validate.js';
import { HetsimError } from '../../errors.js';
import { delayMatrix, linkMatrixFromExplicit, type LinkMatrix } from '../../hw/net/wan/link-matrix.js';
import { checkRegion, linkMatrixFromRegions, loadRegionTable, regionsOf, type RegionTable } from '../../hw/net/wan/region-table.js';
import { MODELS_DIR } from '../preset-registry.js';
import type { Problem } from './problem.js';
import { SCHEDULES } from './schedules.js';

const nodeSchema = z.strictObject({ region: z.string().min(1).optional(), speed: z.number().positive().default(1) });

export const scenarioSchema = z.strictObject({
  system: z.literal('skippipe'),
  name: z.string().optional(),
  schedule: z.enum(SCHEDULES).default('skippipe'),
  /** Node i sits at regions[i mod len] (a setting of the table or a region list), or one entry per node. */
  nodes: z.union([
    z.strictObject({
      count: z.number().int().positive(),
      regions: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
      /** Compute speed: forward time is divided by it (1 = the model's per-sample time). One value or one per node. */
      speed: z.union([z.number().positive(), z.array(z.number().positive())]).default(1),
    }),
    z.array(nodeSchema).min(1),
  ]),
  network: z.strictObject({
    /** A table id under models/networks/ or a path; or explicit per-node matrices below. */
    table: z.string().min(1).optional(),
    latency_ms: z.array(z.array(z.number())).optional(),
    bandwidth_GiBps: z.array(z.array(z.number())).optional(),
    /** Fixed cost per hop (CPU↔GPU copies etc.; the public code adds 0.13 + 0.2 + 0.02 s). */
    hop_overhead_s: z.number().nonnegative().default(0.35),
    /** Serialise transfers sharing a directed link (FIFO). */
    contention: z.boolean().default(false),
  }),
  model: z.strictObject({
    layers: z.number().int().positive(),
    hidden: z.number().int().positive(),
    sequence: z.number().int().positive(),
    bytes_per_element: z.number().positive().default(4),
    samples_per_microbatch: z.number().int().positive(),
    /** Forward seconds per sample per layer at speed 1; default: the region table's per-region value. */
    forward_s_per_sample_per_layer: z.number().positive().optional(),
    backward_factor: z.number().positive().default(1.5),
    loss_factor: z.number().nonnegative().default(0.25),
  }),
  pipeline: z.strictObject({
    stages: z.array(z.number().int()).min(2),
    path_length: z.number().int(),
    memory_slots: z.number().int(),
    microbatches_per_stage0_node: z.number().int().positive(),
    /** `full`: microbatches per pipeline (default: the iteration's microbatches split evenly; 9 = the public simulator's baseline). */
    full_microbatches_per_pipeline: z.number().int().positive().optional(),
  }),
  scheduler: z
    .strictObject({
      seed: z.number().int().default(1),
      /** Simulations the collision-aware (TC2) refinement may spend. */
      search_evaluations: z.number().int().positive().default(600),
    })
    .default({ seed: 1, search_evaluations: 600 }),
  /** Import a schedule instead of computing one (hetsim's export or a public SkipPipe schedule.json). */
  paths: z.string().min(1).optional(),
  /** Add wall-clock `scheduler_s` to the result (off: the default output is deterministic). */
  timings: z.boolean().default(false),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

export function parseScenario(raw: unknown, label: string): ScenarioFile {
  const s = validate(scenarioSchema, raw, label);
  const p = s.pipeline;
  const S = p.stages.length;
  p.stages.forEach((k, i) => {
    if (k < 1) throw new HetsimError('config_invalid', `stage ${i} has ${k} nodes; every stage needs at least 1 node`, `pipeline.stages[${i}]`);
  });
  if (p.path_length < 2 || p.path_length > S) throw new HetsimError('config_invalid', `expected 2 ≤ P ≤ ${S} (the number of stages), got ${p.path_length}`, 'pipeline.path_length');
  if (p.memory_slots < 1) throw new HetsimError('config_invalid', `expected a positive number of activation slots per node (1, 2, …), got ${p.memory_slots}`, 'pipeline.memory_slots');
  if (S > 13) throw new HetsimError('config_invalid', `at most 13 stages are supported, got ${S}`, 'pipeline.stages');
  return s;
}

function placementOf(s: ScenarioFile, table: RegionTable | null): { count: number; regions: string[] | null; speed: number[] } {
  if (Array.isArray(s.nodes)) {
    const regions = s.nodes.map((n, i) => {
      if (table && n.region === undefined) throw new HetsimError('config_invalid', `a node needs a region of the network table (${table.regions.join(', ')})`, `nodes[${i}].region`);
      if (!table && n.region !== undefined) throw new HetsimError('config_invalid', 'regions need network.table; with explicit matrices nodes have no region', `nodes[${i}].region`);
      if (table) checkRegion(table, n.region!, `nodes[${i}].region`);
      return n.region ?? '';
    });
    return { count: s.nodes.length, regions: table ? regions : null, speed: s.nodes.map((n) => n.speed) };
  }
  const n = s.nodes;
  const speed = typeof n.speed === 'number' ? new Array<number>(n.count).fill(n.speed) : n.speed;
  if (speed.length !== n.count) throw new HetsimError('config_invalid', `expected one speed per node (${n.count}), got ${speed.length}`, 'nodes.speed');
  if (!table) {
    if (n.regions !== undefined) throw new HetsimError('config_invalid', 'regions need network.table; with explicit matrices nodes have no region', 'nodes.regions');
    return { count: n.count, regions: null, speed };
  }
  const list = regionsOf(table, n.regions ?? 'geo-distributed', 'nodes.regions');
  return { count: n.count, regions: [...Array(n.count).keys()].map((i) => list[i % list.length]), speed };
}

/** The scenario resolved to the problem every part works on. */
export async function resolveProblem(s: ScenarioFile, scenarioPath: string | null): Promise<Problem> {
  const net = s.network;
  const explicit = net.latency_ms !== undefined || net.bandwidth_GiBps !== undefined;
  if (explicit === (net.table !== undefined)) {
    throw new HetsimError('config_invalid', 'give either table (a region table id or path) or both latency_ms and bandwidth_GiBps matrices', 'network');
  }
  const base = scenarioPath ? dirname(scenarioPath) : process.cwd();
  const tableRef = net.table && (net.table.includes('/') || net.table.endsWith('.json') ? resolve(base, net.table) : net.table);
  const table = tableRef ? await loadRegionTable(tableRef, join(MODELS_DIR, 'networks')) : null;
  const place = placementOf(s, table);
  let links: LinkMatrix;
  if (table) links = linkMatrixFromRegions(table, place.regions!);
  else {
    if (net.latency_ms === undefined || net.bandwidth_GiBps === undefined) throw new HetsimError('config_invalid', 'explicit networks need both latency_ms and bandwidth_GiBps', net.latency_ms === undefined ? 'network.latency_ms' : 'network.bandwidth_GiBps');
    links = linkMatrixFromExplicit(net.latency_ms, net.bandwidth_GiBps, 'network', place.count);
  }
  const m = s.model;
  const p = s.pipeline;
  const total = p.stages.reduce((a, b) => a + b, 0);
  if (total !== place.count) throw new HetsimError('config_invalid', `the stages hold ${total} nodes but there are ${place.count}`, 'pipeline.stages');
  if (m.layers % p.stages.length !== 0) throw new HetsimError('config_invalid', `${m.layers} layers do not split evenly over ${p.stages.length} stages; accepted: a multiple of ${p.stages.length}`, 'model.layers');
  const layersPerStage = m.layers / p.stages.length;
  const bytes = m.hidden * m.sequence * m.bytes_per_element * m.samples_per_microbatch;
  const forward = place.speed.map((sp, i) => {
    const perSample = m.forward_s_per_sample_per_layer ?? (place.regions && table?.compute_s_per_sample_per_layer?.[place.regions[i]]);
    if (perSample === undefined || perSample === null) throw new HetsimError('config_invalid', 'no compute time: give forward_s_per_sample_per_layer (the network table has none for this node)', 'model.forward_s_per_sample_per_layer');
    return (perSample * layersPerStage * m.samples_per_microbatch) / sp;
  });
  const serialisation = links.bandwidthBps.map((row, i) => row.map((bw, j) => (i === j ? 0 : bytes / bw)));
  return {
    nodes: place.count,
    stageSizes: p.stages,
    pathLength: p.path_length,
    memorySlots: p.memory_slots,
    microbatchesPerStage0Node: p.microbatches_per_stage0_node,
    fullMicrobatchesPerPipeline: p.full_microbatches_per_pipeline ?? null,
    delay: delayMatrix(links, bytes, net.hop_overhead_s),
    serialisation,
    contention: net.contention,
    forward,
    backwardFactor: m.backward_factor,
    lossFactor: m.loss_factor,
    layersPerStage,
    seed: s.scheduler.seed,
    searchEvaluations: s.scheduler.search_evaluations,
    regions: place.regions,
    links,
  };
}

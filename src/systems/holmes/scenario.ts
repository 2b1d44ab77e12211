/**
 * Holmes scenario YAML (`models/scenarios/holmes-*.yaml`): model, clusters of nodes (presets in
 * models/clusters/ with per-entry overrides), 3D parallelism, the training step's knobs, the
 * placement, the NIC rule across clusters and which transport parameter set to use. Strict:
 * unknown keys are errors naming the nearest valid key.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readConfigFile } from '../../config/read-file.js';
import { validate } from '../../config/validate.js';
import { HetsimError } from '../../errors.js';
import { nicNodeSchema, nodeTypeSchema, type ClusterSpec } from '../../hw/net/cluster.js';
import { ALGORITHMS, CROSS_NIC } from '../../hw/net/collectives.js';
import { TRANSPORT_SETS } from '../../hw/net/transport.js';
import { readdirSync } from 'node:fs';
import { MODELS_DIR, closeMatches } from '../preset-registry.js';

export const PLACEMENTS = ['megatron', 'holmes'] as const;
export type Placement = (typeof PLACEMENTS)[number];

const clusterEntrySchema = z.strictObject({
  name: z.string().min(1),
  /** Node type preset id (models/clusters/<id>.yaml); the keys below override it. */
  preset: z.string().min(1).optional(),
  nodes: z.number().int(),
  gpu: z.string().min(1).optional(),
  gpus_per_node: z.number().int().positive().optional(),
  intra: z.enum(['nvlink', 'pcie']).optional(),
  nic: nicNodeSchema.optional(),
  ethernet: z.strictObject({ kind: z.enum(['tcp-25', 'tcp-100']), count: z.number().int().positive() }).optional(),
});

export const scenarioSchema = z.strictObject({
  system: z.literal('holmes'),
  name: z.string().optional(),
  /** LLM preset (models/llm), e.g. megatron-gpt-7.5b. */
  model: z.string().min(1),
  clusters: z.array(clusterEntrySchema).min(1),
  /** Per-direction capacity of the Ethernet path between clusters, Gb/s (not published; assumed). */
  inter_cluster_gbps: z.number().positive().default(400),
  parallelism: z.strictObject({
    tp: z.number().int().positive().default(1),
    pp: z.number().int().positive().default(1),
    /** Data-parallel size; default: GPUs / (tp × pp). Given, tp × pp × dp must equal the GPU count. */
    dp: z.number().int().positive().optional(),
    /** Megatron sequence parallelism: TP all-reduces become reduce-scatter + all-gather; P2P sends 1/tp each. */
    sequence_parallel: z.boolean().default(false),
  }),
  training: z.strictObject({
    global_batch: z.number().int().positive(),
    micro_batch: z.number().int().positive(),
    seq: z.number().int().positive().default(2048),
    /** `selective` = Megatron's --recompute-activations (core attention only). */
    recompute: z.enum(['selective', 'full', 'none']).default('selective'),
    /** Megatron --overlap-grad-reduce: off in every published Holmes script. */
    overlap_grad_reduce: z.boolean().default(false),
    /** Gradient bucket size when overlapping (default: Megatron's 40M parameters); only with overlap_grad_reduce. */
    bucket_params: z.number().int().positive().optional(),
    /** Gradient dtype on the wire: fp16 for fp16 training without --accumulate-allreduce-grads-in-fp32. */
    grad_dtype: z.enum(['fp16', 'fp32']).default('fp16'),
    /** --use-distributed-optimizer: grads reduce-scattered, params all-gathered (else one all-reduce). */
    distributed_optimizer: z.boolean().default(true),
  }),
  /** Per-layer compute time from the roofline analyzer. */
  compute: z
    .strictObject({
      mode: z.enum(['ideal', 'calibrated']).default('calibrated'),
      /** Upper bound on a matmul's fraction of the tensor-core peak (1 = no cap). */
      mfu_cap: z.number().gt(0).max(1).default(1),
      flash: z.boolean().default(true),
    })
    .default({ mode: 'calibrated', mfu_cap: 1, flash: true }),
  placement: z.enum(PLACEMENTS).default('holmes'),
  /** Megatron placement only: the hostfile lists clusters one after the other, or alternates nodes. */
  hostfile: z.enum(['clustered', 'interleaved']).default('clustered'),
  /** Holmes' --hetero-device-types: NIC families in rank order (default: the clusters' order). */
  nic_order: z.array(z.enum(['ib', 'roce', 'tcp'])).optional(),
  /** Layers per pipeline stage: auto (Holmes: self-adapting; Megatron: even), even, or a list. */
  partition: z.union([z.enum(['auto', 'even']), z.array(z.number().int().positive())]).default('auto'),
  transport: z.enum(TRANSPORT_SETS).default('calibrated'),
  collective: z.enum(ALGORITHMS).default('ring'),
  cross_nic: z.enum(CROSS_NIC).default('tcp-fallback'),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

export const DEFAULT_BUCKET_PARAMS = 40_000_000;

export function parseScenario(raw: unknown, label: string): ScenarioFile {
  const f = validate(scenarioSchema, raw, `scenario ${label}`);
  // keys that would be silently inert are refused
  if (f.training.bucket_params !== undefined && !f.training.overlap_grad_reduce) {
    throw new HetsimError('config_invalid', 'gradient buckets exist only with training.overlap_grad_reduce: true (without it Megatron reduces one bucket); remove the key or enable the overlap', 'training.bucket_params');
  }
  if (f.collective === 'tree' && f.training.distributed_optimizer) {
    throw new HetsimError('config_invalid', "tree is an all-reduce algorithm; the distributed optimizer reduce-scatters and all-gathers (rings). Accepted: ring, or tree with training.distributed_optimizer: false", 'collective');
  }
  return f;
}

const CLUSTERS_DIR = join(MODELS_DIR, 'clusters');

async function readNodePreset(id: string, path: string): Promise<Record<string, unknown>> {
  const file = join(CLUSTERS_DIR, `${id}.yaml`);
  if (!existsSync(file)) {
    const ids = readdirSync(CLUSTERS_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
    const near = closeMatches(id, ids);
    throw new HetsimError('unknown_id', `unknown cluster node preset '${id}'; ${near.length ? `did you mean ${near.join(', ')}?` : `presets: ${ids.join(', ')}`}`, path);
  }
  return (await readConfigFile(file, 'cluster preset')) as Record<string, unknown>;
}

/** Cluster entries → cluster specs: preset body, then the entry's own keys, validated as a node type. */
export async function resolveClusters(s: ScenarioFile): Promise<ClusterSpec[]> {
  const out: ClusterSpec[] = [];
  for (const [i, c] of s.clusters.entries()) {
    const path = `clusters[${i}]`;
    const base = c.preset ? await readNodePreset(c.preset, `${path}.preset`) : {};
    const { name: _n, preset: _p, nodes, ...own } = c;
    const merged = { ...base, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) };
    if (merged.gpu === undefined) throw new HetsimError('config_invalid', `cluster '${c.name}' needs a node type: preset: <id under models/clusters> or gpu: + nic:`, `${path}.preset`);
    const type = validate(nodeTypeSchema, merged, `${path} (${c.preset ?? 'inline'})`);
    out.push({ name: c.name, nodes, type });
  }
  return out;
}

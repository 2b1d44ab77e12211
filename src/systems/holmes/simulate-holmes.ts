/**
 * A Holmes scenario end to end: clusters → topology and fabric, ranks → workers (placement),
 * layers → stages (partition), roofline → stage compute, then one event-driven iteration.
 */
import { Simulator } from '../../sim/index.js';
import type { DeviceSpec } from '../../hw/device.js';
import { buildTopology, type ClusterSpec, type Topology } from '../../hw/net/cluster.js';
import { alphaBetaSeconds } from '../../hw/net/collectives.js';
import { CALIBRATED_TRANSPORT } from '../../hw/net/calibrated-transport.js';
import { Fabric, type GroupTransport, type NicPolicy } from '../../hw/net/fabric.js';
import { IDEAL_TRANSPORT, type TransportSet } from '../../hw/net/transport.js';
import type { ModelSpec } from '../../workload/model.js';
import { computeModel, stageParams, type ComputeModel } from './compute-model.js';
import { megatronCoreFlops, megatronFlops96 } from './flops.js';
import { buildLayout, stageWorkers, type Layout } from './layout.js';
import { adaptivePartition, evenPartition } from './partition.js';
import { DEFAULT_BUCKET_PARAMS, type Placement, type ScenarioFile } from './scenario.js';
import { simulateStep, type StageWork, type StepResult } from './step-sim.js';
import { HetsimError } from '../../errors.js';

export interface Resolved {
  file: ScenarioFile;
  model: ModelSpec;
  clusters: ClusterSpec[];
  devices: Map<string, DeviceSpec>;
}

export interface StageInfo {
  cluster: string;
  layers: number;
  nodes: number;
  dp_transport: GroupTransport;
  fwd_s: number;
  bwd_s: number;
}

export interface HolmesRun {
  placement: Placement;
  topo: Topology;
  layout: Layout;
  stages: StageInfo[];
  p2p_transport: GroupTransport | 'none';
  microBatches: number;
  step: StepResult;
  flops96: number;
  flops72: number;
  executedFlops: number;
}

export function transportSet(name: ScenarioFile['transport']): TransportSet {
  return name === 'ideal' ? IDEAL_TRANSPORT : CALIBRATED_TRANSPORT;
}

/** Megatron with one global NCCL configuration, unless hierarchical collectives pick NICs per island. */
export function policyOf(placement: Placement, f: ScenarioFile): NicPolicy {
  return placement === 'megatron' && f.cross_nic === 'tcp-fallback' ? 'global' : 'per-group';
}

export function runHolmes(r: Resolved, placement: Placement, opts: { trace?: boolean; transport?: TransportSet } = {}): HolmesRun {
  const f = r.file;
  const topo = buildTopology(r.clusters, f.inter_cluster_gbps);
  const layout = buildLayout(f, topo, placement);
  const m = r.model;
  const { tp, pp, dp } = layout;
  if (pp > m.layers) throw new HetsimError('config_invalid', `pp ${pp} exceeds the model's ${m.layers} layers`, 'parallelism.pp');
  const sim = new Simulator({ trace: opts.trace ?? false });
  const gpu0 = r.devices.get(topo.nodes[0].gpu)!;
  const fab = new Fabric(sim, topo, { transport: opts.transport ?? transportSet(f.transport), nvlink: gpu0.interconnect ?? { bandwidth: 300e9, latency: 1e-6 } });
  const policy = policyOf(placement, f);
  const microBatches = f.training.global_batch / (f.training.micro_batch * dp);
  const gradB = f.training.grad_dtype === 'fp32' ? 4 : 2;

  // compute per stage: the slowest GPU type among the stage's nodes
  const models = new Map<string, ComputeModel>();
  const stageCompute = (stage: number): ComputeModel => {
    let worst: ComputeModel | undefined;
    for (const w of stageWorkers(layout, stage)) {
      const node = topo.nodes[w.node];
      const key = `${node.gpu}|${node.intra}`;
      if (!models.has(key)) models.set(key, computeModel(m, r.devices.get(node.gpu)!, f, node.intra));
      const c = models.get(key)!;
      if (!worst || c.layer.fwd_s + c.layer.bwd_s > worst.layer.fwd_s + worst.layer.bwd_s) worst = c;
    }
    return worst!;
  };
  const comp = Array.from({ length: pp }, (_, p) => stageCompute(p));
  const dpTransport = Array.from({ length: pp }, (_, p) => fab.transportOf(stageWorkers(layout, p).map((w) => w.node), policy));
  const work = (p: number, layers: number): StageWork => {
    const c = comp[p];
    const first = p === 0;
    const last = p === pp - 1;
    const params = stageParams(m, layers, p, pp);
    const perRank = params / tp;
    const bucket = f.training.bucket_params ?? DEFAULT_BUCKET_PARAMS;
    return {
      fwd_s: layers * c.layer.fwd_s + (first ? c.first.fwd_s : 0) + (last ? c.last.fwd_s : 0),
      bwd_s: layers * c.layer.bwd_s + (first ? c.first.bwd_s : 0) + (last ? c.last.bwd_s : 0),
      gradBytes: params * gradB,
      paramBytes: params * 2,
      optimizer_s: (perRank / (f.training.distributed_optimizer ? dp : 1)) * c.optimizerSPerParam,
      // Megatron core r0.6 DDP buckets only on the first pipeline stage, and only with the overlap
      buckets: f.training.overlap_grad_reduce && first ? Math.max(1, Math.ceil(perRank / bucket)) : 1,
    };
  };
  const layersPerStage = partitionOf(f, placement, m.layers, pp, (p, l) => {
    const w = work(p, l);
    const nodes = stageWorkers(layout, p).map((x) => x.node);
    const tr = dpTransport[p];
    const [tx] = fab.txRx(nodes[0], tr);
    const perNodeBw = tr === 'intra' ? tx.capacity / topo.nodes[nodes[0]].gpus : tx.capacity;
    const alpha = fab.latencyOf(tr, nodes[0]);
    const sync = alphaBetaSeconds('reduce-scatter', 'ring', dp, w.gradBytes, perNodeBw, alpha) + alphaBetaSeconds('all-gather', 'ring', dp, w.paramBytes, perNodeBw, alpha);
    return microBatches * (w.fwd_s + w.bwd_s) + w.optimizer_s + sync;
  });
  const stages = layersPerStage.map((l, p) => work(p, l));
  const p2pBytes = f.training.micro_batch * f.training.seq * m.hidden * 2 * (f.parallelism.sequence_parallel ? 1 : tp);
  const gantt = new Set<number>();
  if (pp <= 16) for (let p = 0; p < pp; p++) for (const d of new Set([0, dp - 1])) gantt.add(p * dp + d);
  const step = simulateStep(fab, sim, layout, stages, {
    microBatches,
    p2pBytes,
    policy,
    algorithm: f.collective,
    crossNic: f.cross_nic,
    overlap: f.training.overlap_grad_reduce,
    distributedOptimizer: f.training.distributed_optimizer,
    ganttWorkers: gantt,
    trace: opts.trace ?? false,
  });
  const gbs = f.training.global_batch;
  const stageInfo: StageInfo[] = layersPerStage.map((l, p) => {
    const nodes = [...new Set(stageWorkers(layout, p).map((w) => w.node))];
    const clusters = [...new Set(nodes.map((n) => topo.nodes[n].clusterName))];
    return { cluster: clusters.join('+'), layers: l, nodes: nodes.length, dp_transport: dpTransport[p], fwd_s: stages[p].fwd_s, bwd_s: stages[p].bwd_s };
  });
  let executed = 0;
  layersPerStage.forEach((l, p) => {
    const c = comp[p];
    executed += (l * c.layer.flops + (p === 0 ? c.first.flops : 0) + (p === pp - 1 ? c.last.flops : 0)) * tp * dp * microBatches;
  });
  const p2pTr = pp > 1 ? fab.transportOf([layout.workers[0].node, layout.workers[dp].node], policy) : 'none';
  return {
    placement,
    topo,
    layout,
    stages: stageInfo,
    p2p_transport: p2pTr,
    microBatches,
    step,
    flops96: megatronFlops96(m, gbs, f.training.seq),
    flops72: megatronCoreFlops(m, gbs, f.training.seq),
    executedFlops: executed,
  };
}

function partitionOf(f: ScenarioFile, placement: Placement, layers: number, pp: number, cost: (p: number, l: number) => number): number[] {
  const p = f.partition;
  if (Array.isArray(p)) {
    const sum = p.reduce((a, b) => a + b, 0);
    if (p.length !== pp || sum !== layers) {
      throw new HetsimError('config_invalid', `${p.length} stages summing to ${sum} layers; accepted: ${pp} positive integers (pp) summing to the model's ${layers} layers, or auto | even`, 'partition');
    }
    return p;
  }
  if (p === 'even' || placement === 'megatron') return evenPartition(layers, pp);
  return adaptivePartition(layers, pp, cost);
}

/**
 * Rank placement. Megatron lays global ranks out tp-dp-pp (tp fastest, pp outermost) over the
 * hostfile's GPU order; the hostfile lists the clusters one after the other (`clustered`) or
 * alternates their nodes (`interleaved`, DP groups then span clusters). Holmes first sorts the
 * physical ranks by NIC type in `--hetero-device-types` order (hetero_context.py), then uses the
 * same stage-major mesh (stable: the hostfile order survives within a NIC type), so each pipeline stage — and its DP group — stays in one cluster when
 * stage sizes divide cluster sizes.
 */
import { HetsimError } from '../../errors.js';
import type { Topology } from '../../hw/net/cluster.js';
import { FAMILY_OF, type NetFamily } from '../../hw/net/transport.js';
import type { Placement, ScenarioFile } from './scenario.js';

/** A TP group (one pipeline stage of one DP replica): the unit that computes and communicates. */
export interface Worker {
  id: number;
  stage: number;
  replica: number;
  node: number;
  /** Global rank of its first TP rank. */
  rank: number;
}

export interface Layout {
  tp: number;
  pp: number;
  dp: number;
  gpus: number;
  /** `workers[stage * dp + replica]`. */
  workers: Worker[];
}

/** Node index of every physical GPU slot, in the order ranks are assigned. */
function slotNodes(t: Topology, placement: Placement, hostfile: ScenarioFile['hostfile'], nicOrder: NetFamily[]): number[] {
  let nodes = t.nodes.map((n) => n.index);
  if (hostfile === 'interleaved') {
    const byCluster = t.clusters.map((_, ci) => t.nodes.filter((n) => n.cluster === ci).map((n) => n.index));
    nodes = [];
    for (let k = 0; nodes.length < t.nodes.length; k++) for (const list of byCluster) if (k < list.length) nodes.push(list[k]);
  }
  if (placement === 'holmes') {
    // a stable sort by NIC type: the hostfile order survives among nodes of one type
    const key = (i: number): number => nicOrder.indexOf(FAMILY_OF[t.nodes[i].nic]);
    nodes = nodes.map((n, pos) => ({ n, pos })).sort((a, b) => key(a.n) - key(b.n) || a.pos - b.pos).map((x) => x.n);
  }
  return nodes.flatMap((i) => Array.from({ length: t.nodes[i].gpus }, () => i));
}

export function nicOrderOf(s: ScenarioFile, t: Topology): NetFamily[] {
  const present = [...new Set(t.nodes.map((n) => FAMILY_OF[n.nic]))];
  if (!s.nic_order) return present;
  for (const [i, f] of s.nic_order.entries()) {
    if (!present.includes(f)) throw new HetsimError('config_invalid', `NIC type '${f}' is on no node; the clusters have ${present.join(', ')}`, `nic_order[${i}]`);
  }
  return [...s.nic_order, ...present.filter((f) => !s.nic_order!.includes(f))];
}

export function buildLayout(s: ScenarioFile, t: Topology, placement: Placement): Layout {
  const { tp, pp } = s.parallelism;
  const gpus = t.nodes.reduce((a, n) => a + n.gpus, 0);
  for (const [ci, c] of t.clusters.entries()) {
    if (tp > c.type.gpus_per_node || c.type.gpus_per_node % tp !== 0) {
      throw new HetsimError('config_invalid', `tp ${tp} must divide the ${c.type.gpus_per_node} GPUs of a node of cluster '${c.name}' (clusters[${ci}]): TP stays inside a node; accepted: a divisor of ${c.type.gpus_per_node}`, 'parallelism.tp');
    }
  }
  const dp = s.parallelism.dp ?? gpus / (tp * pp);
  if (!Number.isInteger(dp) || tp * pp * dp !== gpus) {
    const msg =
      s.parallelism.dp !== undefined
        ? `tp ${tp} × pp ${pp} × dp ${dp} = ${tp * pp * dp}, but the clusters have ${gpus} GPUs; accepted: tp × pp × dp = ${gpus}`
        : `tp ${tp} × pp ${pp} = ${tp * pp} does not divide the clusters' ${gpus} GPUs; accepted: tp × pp dividing ${gpus} (dp = ${gpus} / (tp × pp))`;
    throw new HetsimError('config_invalid', msg, s.parallelism.dp !== undefined ? 'parallelism.dp' : 'parallelism');
  }

  const { global_batch: gbs, micro_batch: mbs } = s.training;
  if (gbs % (mbs * dp) !== 0) {
    throw new HetsimError('config_invalid', `global batch ${gbs} is not a multiple of micro_batch ${mbs} × dp ${dp} = ${mbs * dp}; accepted: a multiple of ${mbs * dp}`, 'training.global_batch');
  }
  const slots = slotNodes(t, placement, s.hostfile, nicOrderOf(s, t));
  const workers: Worker[] = [];
  for (let stage = 0; stage < pp; stage++) {
    for (let replica = 0; replica < dp; replica++) {
      const rank = tp * (replica + dp * stage);
      workers.push({ id: workers.length, stage, replica, node: slots[rank], rank });
    }
  }
  return { tp, pp, dp, gpus, workers };
}

export function stageWorkers(l: Layout, stage: number): Worker[] {
  return l.workers.slice(stage * l.dp, (stage + 1) * l.dp);
}

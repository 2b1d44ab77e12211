/**
 * Collectives as alpha-beta phases of flows on the fabric. A group is a list of ranks (the node
 * each sits on; one entry per rank, ranks of a node adjacent in the ring). Ring all-reduce moves
 * 2(N−1)/N of the buffer across every node boundary in 2(N−1) steps; reduce-scatter and all-gather
 * half of that; tree all-reduce (double binary tree) moves ~2× the buffer per node in
 * 2·⌈log2 nodes⌉ inter-node steps. A group spanning clusters runs on TCP (`tcp-fallback`, Holmes'
 * rule) or `hierarchical`ly: reduce inside each cluster over its own NICs, exchange shards
 * between clusters over TCP, broadcast back.
 */
import type { GroupTransport, Fabric, NicPolicy } from './fabric.js';
import type { NetResource } from './flow-network.js';

export const COLLECTIVE_KINDS = ['all-reduce', 'reduce-scatter', 'all-gather'] as const;
export type CollectiveKind = (typeof COLLECTIVE_KINDS)[number];
export const ALGORITHMS = ['ring', 'tree'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];
export const CROSS_NIC = ['tcp-fallback', 'hierarchical'] as const;
export type CrossNic = (typeof CROSS_NIC)[number];

export interface FlowSpec {
  bytes: number;
  resources: NetResource[];
}

export interface Phase {
  transport: GroupTransport;
  latency_s: number;
  flows: FlowSpec[];
}

/** Closed-form alpha-beta time of one collective on N ranks with `bw` per rank (tests and docs). */
export function alphaBetaSeconds(kind: CollectiveKind | 'p2p', algo: Algorithm, n: number, bytes: number, bw: number, alpha: number): number {
  if (kind === 'p2p') return alpha + bytes / bw;
  if (n <= 1) return 0;
  if (kind !== 'all-reduce') return (n - 1) * alpha + ((n - 1) / n) * (bytes / bw);
  if (algo === 'tree') return 2 * Math.ceil(Math.log2(n)) * alpha + (2 * bytes) / bw;
  return 2 * (n - 1) * alpha + ((2 * (n - 1)) / n) * (bytes / bw);
}

/** Bytes across each node boundary per byte of buffer, and latency steps. */
function factors(kind: CollectiveKind, algo: Algorithm, n: number, nodes: number): { bytes: number; steps: number } {
  if (n <= 1) return { bytes: 0, steps: 0 };
  if (kind !== 'all-reduce') return { bytes: (n - 1) / n, steps: n - 1 };
  if (algo === 'tree' && nodes > 1) return { bytes: 2, steps: 2 * Math.ceil(Math.log2(nodes)) + 2 * (n / nodes - 1) };
  return { bytes: (2 * (n - 1)) / n, steps: 2 * (n - 1) };
}

function uniq(xs: readonly number[]): number[] {
  return [...new Set(xs)];
}

/** One flat phase of a collective over `ranks` with transport `tr`. */
function flatPhase(fab: Fabric, ranks: readonly number[], kind: CollectiveKind, algo: Algorithm, bytes: number, tr: GroupTransport): Phase {
  const nodes = uniq(ranks);
  const f = factors(kind, algo, ranks.length, nodes.length);
  const flows: FlowSpec[] = [];
  if (tr === 'intra') {
    // Every GPU of the group moves its share over its own link: the node's intra resource is the sum.
    flows.push({ bytes: ranks.length * f.bytes * bytes, resources: [fab.ports[nodes[0]].intra] });
  } else {
    for (const n of nodes) flows.push({ bytes: f.bytes * bytes, resources: fab.txRx(n, tr) });
    if (tr === 'tcp' && fab.crossesClusters(nodes)) {
      // The ring enters the next cluster and wraps back: one crossing each way.
      flows.push({ bytes: f.bytes * bytes, resources: [fab.interFwd] }, { bytes: f.bytes * bytes, resources: [fab.interBwd] });
    }
  }
  const latency = Math.max(...nodes.map((n) => fab.latencyOf(tr, n)));
  return { transport: tr, latency_s: f.steps * latency, flows };
}

/**
 * The phases of a collective of `bytes` per rank. `policy` picks flat transports (fabric.ts);
 * `crossNic` decides what a group spanning clusters does.
 */
export function collectivePlan(fab: Fabric, ranks: readonly number[], kind: CollectiveKind, bytes: number, algo: Algorithm, policy: NicPolicy, crossNic: CrossNic): Phase[] {
  if (ranks.length <= 1 || bytes <= 0) return [];
  const spans = fab.crossesClusters(ranks);
  if (!spans || crossNic === 'tcp-fallback') return [flatPhase(fab, ranks, kind, algo, bytes, fab.transportOf(ranks, policy))];
  // hierarchical: islands are the clusters; each island reduces over its own NICs (per-group rule)
  const islands = new Map<number, number[]>();
  for (const r of ranks) {
    const c = fab.topo.nodes[r].cluster;
    const list = islands.get(c);
    if (list) list.push(r);
    else islands.set(c, [r]);
  }
  const isl = [...islands.keys()].sort((a, b) => a - b).map((c) => islands.get(c)!);
  const I = isl.length;
  const inner = (k: CollectiveKind): Phase => {
    const phases = isl.map((g) => flatPhase(fab, g, k, 'ring', bytes, fab.transportOf(g, 'per-group')));
    return { transport: phases[0].transport, latency_s: Math.max(...phases.map((p) => p.latency_s)), flows: phases.flatMap((p) => p.flows) };
  };
  const outer = (k: CollectiveKind): Phase => {
    const f = k === 'all-reduce' ? (2 * (I - 1)) / I : (I - 1) / I;
    const flows: FlowSpec[] = [];
    let shardTotal = 0;
    for (const g of isl) {
      // each rank exchanges its 1/N_i shard with its peers in the other clusters
      const shard = bytes / g.length;
      const perNode = new Map<number, number>();
      for (const r of g) perNode.set(r, (perNode.get(r) ?? 0) + 1);
      for (const [n, k2] of perNode) flows.push({ bytes: f * k2 * shard, resources: fab.txRx(n, 'tcp') });
      shardTotal = Math.max(shardTotal, bytes);
    }
    flows.push({ bytes: f * shardTotal, resources: [fab.interFwd] }, { bytes: f * shardTotal, resources: [fab.interBwd] });
    const steps = k === 'all-reduce' ? 2 * (I - 1) : I - 1;
    return { transport: 'tcp', latency_s: steps * fab.opts.transport.tcp.latency_s, flows };
  };
  if (kind === 'all-reduce') return [inner('reduce-scatter'), outer('all-reduce'), inner('all-gather')];
  if (kind === 'reduce-scatter') return [inner('reduce-scatter'), outer('reduce-scatter')];
  return [outer('all-gather'), inner('all-gather')];
}

/** Runs phases one after another on the fabric's flow network; `done` when the last flow lands. */
export function runPhases(fab: Fabric, phases: readonly Phase[], done: () => void): void {
  const step = (i: number): void => {
    if (i >= phases.length) {
      done();
      return;
    }
    const p = phases[i];
    const latencyPs = Math.round(p.latency_s * 1e12);
    let left = p.flows.length;
    if (left === 0) {
      fab.flows.transfer(0, [], latencyPs, () => step(i + 1));
      return;
    }
    for (const fl of p.flows) fab.flows.transfer(fl.bytes, fl.resources, latencyPs, () => --left === 0 && step(i + 1));
  };
  step(0);
}

/** Point-to-point over the transport the pair's group gets; a cross-cluster pair also uses the inter-cluster link. */
export function p2pFlow(fab: Fabric, src: number, dst: number, bytes: number, policy: NicPolicy): { latency_s: number; flow: FlowSpec; transport: GroupTransport } {
  const tr = fab.transportOf([src, dst], policy);
  if (tr === 'intra') return { latency_s: fab.latencyOf(tr, src), flow: { bytes, resources: [fab.ports[src].intra] }, transport: tr };
  const [tx] = fab.txRx(src, tr);
  const [, rx] = fab.txRx(dst, tr);
  const res = [tx, rx];
  const cs = fab.topo.nodes[src].cluster;
  const cd = fab.topo.nodes[dst].cluster;
  if (cs !== cd) res.push(cs < cd ? fab.interFwd : fab.interBwd);
  return { latency_s: fab.latencyOf(tr, src), flow: { bytes, resources: res }, transport: tr };
}

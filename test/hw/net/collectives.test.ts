/** Alpha-beta collectives on the fabric, NIC selection, link sharing and hierarchical reduction. */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/sim/index.js';
import { buildTopology, type ClusterSpec, type NodeType } from '../../../src/hw/net/cluster.js';
import { alphaBetaSeconds, collectivePlan, runPhases, type Algorithm, type CollectiveKind, type CrossNic } from '../../../src/hw/net/collectives.js';
import { Fabric, type NicPolicy } from '../../../src/hw/net/fabric.js';
import { IDEAL_TRANSPORT } from '../../../src/hw/net/transport.js';

const node = (kind: NodeType['nic']['kind'], count: number): NodeType => ({ gpu: 'a100-80gb', gpus_per_node: 8, intra: 'nvlink', nic: { kind, count }, ethernet: { kind: 'tcp-100', count: 1 } });
const IB: NodeType = node('ib-hdr', 4);
const ROCE: NodeType = node('roce-100', 2);

function fabric(clusters: ClusterSpec[], sim = new Simulator()): { fab: Fabric; sim: Simulator } {
  return { fab: new Fabric(sim, buildTopology(clusters, 400), { transport: IDEAL_TRANSPORT, nvlink: { bandwidth: 300e9, latency: 1e-6 } }), sim };
}

function timeOf(clusters: ClusterSpec[], groups: number[][], kind: CollectiveKind, bytes: number, algo: Algorithm = 'ring', policy: NicPolicy = 'per-group', cross: CrossNic = 'tcp-fallback'): number {
  const { fab, sim } = fabric(clusters);
  let end = 0;
  for (const g of groups) runPhases(fab, collectivePlan(fab, g, kind, bytes, algo, policy, cross), () => (end = Math.max(end, sim.now / 1e12)));
  sim.run();
  return end;
}

const IB_NODE_BPS = 4 * 25e9 * 0.95; // 4 × HDR 200 Gb/s at the ideal efficiency

describe('collective costs', () => {
  it('ring all-reduce over 4 nodes (one rank each) matches the alpha-beta closed form', () => {
    const t = timeOf([{ name: 'ib', nodes: 4, type: IB }], [[0, 1, 2, 3]], 'all-reduce', 1e9);
    expect(t).toBeCloseTo(alphaBetaSeconds('all-reduce', 'ring', 4, 1e9, IB_NODE_BPS, 3e-6), 6);
  });

  it('reduce-scatter and all-gather each cost half a ring all-reduce in bytes', () => {
    const rs = timeOf([{ name: 'ib', nodes: 4, type: IB }], [[0, 1, 2, 3]], 'reduce-scatter', 1e9);
    expect(rs).toBeCloseTo(alphaBetaSeconds('reduce-scatter', 'ring', 4, 1e9, IB_NODE_BPS, 3e-6), 6);
    expect(timeOf([{ name: 'ib', nodes: 4, type: IB }], [[0, 1, 2, 3]], 'all-gather', 1e9)).toBeCloseTo(rs, 9);
  });

  it('tree all-reduce: 2 log2(nodes) latency steps, twice the buffer per node', () => {
    const t = timeOf([{ name: 'ib', nodes: 4, type: IB }], [[0, 1, 2, 3]], 'all-reduce', 1e9, 'tree');
    expect(t).toBeCloseTo(alphaBetaSeconds('all-reduce', 'tree', 4, 1e9, IB_NODE_BPS, 3e-6), 6);
  });

  it('several ranks of a group on one node cross the node boundary once (NCCL ring)', () => {
    const eight = [0, 0, 0, 0, 1, 1, 1, 1];
    const t = timeOf([{ name: 'ib', nodes: 2, type: IB }], [eight], 'all-reduce', 1e9);
    expect(t).toBeCloseTo((2 * 7 * 3e-6) + ((2 * 7) / 8) * (1e9 / IB_NODE_BPS), 6);
  });

  it('two groups on the same NICs at once share them: each takes twice as long', () => {
    const one = timeOf([{ name: 'ib', nodes: 2, type: IB }], [[0, 1]], 'all-gather', 1e9);
    const two = timeOf([{ name: 'ib', nodes: 2, type: IB }], [[0, 1], [0, 1]], 'all-gather', 1e9);
    expect((two - 3e-6) / (one - 3e-6)).toBeCloseTo(2, 6);
  });

  it('p2p closed form is latency plus bytes over bandwidth', () => {
    expect(alphaBetaSeconds('p2p', 'ring', 2, 1e9, 1e10, 1e-5)).toBeCloseTo(0.10001, 9);
  });
});

describe('NIC selection', () => {
  const hybrid: ClusterSpec[] = [
    { name: 'ib', nodes: 2, type: IB },
    { name: 'roce', nodes: 2, type: ROCE },
  ];
  it("Holmes' rule: a group inside one cluster uses its NICs, one spanning clusters falls back to TCP", () => {
    const { fab } = fabric(hybrid);
    expect(fab.transportOf([0, 1], 'per-group')).toBe('ib');
    expect(fab.transportOf([2, 3], 'per-group')).toBe('roce');
    expect(fab.transportOf([1, 2], 'per-group')).toBe('tcp');
    expect(fab.transportOf([3, 3], 'per-group')).toBe('intra');
  });
  it('one global NCCL config on a mixed cluster runs every inter-node group over TCP', () => {
    const { fab } = fabric(hybrid);
    expect(fab.transportOf([0, 1], 'global')).toBe('tcp');
    expect(fabric([{ name: 'ib', nodes: 2, type: IB }]).fab.transportOf([0, 1], 'global')).toBe('ib');
  });
  it('hierarchical: reduce-scatter inside each cluster over RDMA, exchange over TCP, all-gather back', () => {
    const { fab } = fabric(hybrid);
    const plan = collectivePlan(fab, [0, 1, 2, 3], 'all-reduce', 1e9, 'ring', 'per-group', 'hierarchical');
    expect(plan.map((p) => p.transport)).toEqual(['ib', 'tcp', 'ib']);
    const flat = timeOf(hybrid, [[0, 1, 2, 3]], 'all-reduce', 1e9);
    const hier = timeOf(hybrid, [[0, 1, 2, 3]], 'all-reduce', 1e9, 'ring', 'per-group', 'hierarchical');
    expect(hier).toBeLessThan(flat);
  });
});

/**
 * A topology's links as flow-network resources, and which transport a communication group uses:
 * Holmes' automatic NIC selection (a group inside one cluster uses that cluster's NICs, a group
 * spanning clusters falls back to TCP sockets) or one global NCCL configuration (the lowest common
 * transport for every group, what stock Megatron-LM must do on a mixed cluster).
 */
import type { Simulator } from '../../sim/index.js';
import { familiesOf, type NodeInfo, type Topology } from './cluster.js';
import { FlowNetwork, type NetResource } from './flow-network.js';
import { FAMILY_OF, NIC_PRESETS, PCIE_GEN4_BPS, PCIE_LATENCY_S, type NetFamily, type TransportSet } from './transport.js';

export type NicPolicy = 'per-group' | 'global';
/** The transport a group runs over: NVLink/PCIe inside a node, RDMA or TCP across nodes. */
export type GroupTransport = 'intra' | NetFamily;

export interface NodePorts {
  rdmaTx: NetResource;
  rdmaRx: NetResource;
  tcpTx: NetResource;
  tcpRx: NetResource;
  intra: NetResource;
}

export interface FabricOptions {
  transport: TransportSet;
  /** Per-GPU, per-direction NVLink bandwidth (B/s) and latency (s), from the GPU preset. */
  nvlink: { bandwidth: number; latency: number };
}

export class Fabric {
  readonly flows: FlowNetwork;
  readonly ports: NodePorts[];
  /** The inter-cluster Ethernet path, one resource per direction (lower → higher cluster index and back). */
  readonly interFwd: NetResource;
  readonly interBwd: NetResource;
  private readonly mixed: boolean;

  constructor(
    sim: Simulator,
    readonly topo: Topology,
    readonly opts: FabricOptions,
  ) {
    this.flows = new FlowNetwork(sim);
    this.mixed = familiesOf(topo).size > 1;
    this.ports = topo.nodes.map((n) => this.nodePorts(n));
    this.interFwd = this.flows.resource('inter-cluster.fwd', topo.interClusterBps);
    this.interBwd = this.flows.resource('inter-cluster.bwd', topo.interClusterBps);
  }

  private nodePorts(n: NodeInfo): NodePorts {
    const t = this.opts.transport;
    const fam = FAMILY_OF[n.nic];
    const rdma = n.nics * (NIC_PRESETS[n.nic].lineGbps / 8) * 1e9 * t[fam].efficiency;
    const tcp = n.ethernets * (NIC_PRESETS[n.ethernet].lineGbps / 8) * 1e9 * t.tcp.efficiency;
    const perGpu = n.intra === 'nvlink' ? this.opts.nvlink.bandwidth : PCIE_GEN4_BPS;
    const f = this.flows;
    // An Ethernet-only node's "RDMA" NICs are its TCP NICs: one set of ports serves both.
    const tcpTx = fam === 'tcp' ? f.resource(`node${n.index}.nic.tx`, rdma) : f.resource(`node${n.index}.eth.tx`, tcp);
    const tcpRx = fam === 'tcp' ? f.resource(`node${n.index}.nic.rx`, rdma) : f.resource(`node${n.index}.eth.rx`, tcp);
    return {
      rdmaTx: fam === 'tcp' ? tcpTx : f.resource(`node${n.index}.nic.tx`, rdma),
      rdmaRx: fam === 'tcp' ? tcpRx : f.resource(`node${n.index}.nic.rx`, rdma),
      tcpTx,
      tcpRx,
      intra: f.resource(`node${n.index}.intra`, perGpu * n.gpus),
    };
  }

  /** Holmes' rule (`per-group`) or one global NCCL config (`global`) for a group on these nodes. */
  transportOf(nodes: readonly number[], policy: NicPolicy): GroupTransport {
    const uniq = [...new Set(nodes)];
    if (uniq.length === 1) return 'intra';
    const clusters = new Set(uniq.map((i) => this.topo.nodes[i].cluster));
    if (policy === 'global' && this.mixed) return 'tcp';
    if (clusters.size > 1) return 'tcp';
    return FAMILY_OF[this.topo.nodes[uniq[0]].nic];
  }

  latencyOf(tr: GroupTransport, node: number): number {
    if (tr === 'intra') return this.topo.nodes[node].intra === 'nvlink' ? this.opts.nvlink.latency : PCIE_LATENCY_S;
    return this.opts.transport[tr].latency_s;
  }

  /** Transmit and receive resources of `node` for a transport. */
  txRx(node: number, tr: GroupTransport): [NetResource, NetResource] {
    const p = this.ports[node];
    if (tr === 'intra') return [p.intra, p.intra];
    return tr === 'tcp' ? [p.tcpTx, p.tcpRx] : [p.rdmaTx, p.rdmaRx];
  }

  crossesClusters(nodes: readonly number[]): boolean {
    return new Set(nodes.map((i) => this.topo.nodes[i].cluster)).size > 1;
  }
}

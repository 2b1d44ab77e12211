/**
 * Clusters of GPU nodes as config nodes (`models/clusters/*.yaml` presets and scenario entries)
 * and the flat node list the fabric is built from. Each node has NICs of one kind for RDMA or
 * TCP, plus a TCP Ethernet interface (NCCL Socket, `bond0` in Holmes' config); clusters are joined
 * by Ethernet/TCP only.
 */
import { z } from 'zod';
import { HetsimError } from '../../errors.js';
import { FAMILY_OF, NIC_KINDS, type IntraKind, type NicKind } from './transport.js';

const TCP_KINDS = ['tcp-25', 'tcp-100'] as const;

export const nicNodeSchema = z.strictObject({
  kind: z.enum(NIC_KINDS),
  /** NICs (HCAs) per node that NCCL uses: Holmes' config lists 4 on IB nodes, 2 on RoCE nodes. */
  count: z.number().int().positive(),
});

/** A node type: the body of a `models/clusters/*.yaml` preset. */
export const nodeTypeSchema = z.strictObject({
  name: z.string().optional(),
  source: z.string().optional(),
  /** GPU hardware preset id (models/hardware). */
  gpu: z.string().min(1),
  gpus_per_node: z.number().int().positive().default(8),
  /** Intra-node GPU link: NVLink (bandwidth from the GPU preset's interconnect) or PCIe Gen4 x16. */
  intra: z.enum(['nvlink', 'pcie']).default('nvlink'),
  nic: nicNodeSchema,
  /** The node's Ethernet interface for NCCL Socket (TCP) groups and inter-cluster traffic. */
  ethernet: z.strictObject({ kind: z.enum(TCP_KINDS), count: z.number().int().positive() }).default({ kind: 'tcp-100', count: 1 }),
});
export type NodeType = z.infer<typeof nodeTypeSchema>;

export interface ClusterSpec {
  name: string;
  nodes: number;
  type: NodeType;
}

export interface NodeInfo {
  index: number;
  cluster: number;
  clusterName: string;
  nic: NicKind;
  nics: number;
  ethernet: NicKind;
  ethernets: number;
  gpus: number;
  intra: IntraKind;
  gpu: string;
}

export interface Topology {
  clusters: ClusterSpec[];
  nodes: NodeInfo[];
  /** Per-direction capacity of the inter-cluster Ethernet path, B/s. */
  interClusterBps: number;
}

export function buildTopology(clusters: ClusterSpec[], interClusterGbps: number, path = 'clusters'): Topology {
  if (clusters.length === 0) throw new HetsimError('config_invalid', 'expected at least one cluster', path);
  const names = new Set<string>();
  const nodes: NodeInfo[] = [];
  clusters.forEach((c, ci) => {
    if (!Number.isInteger(c.nodes) || c.nodes < 1) {
      throw new HetsimError('config_invalid', `cluster '${c.name}' has ${c.nodes} nodes; accepted: an integer ≥ 1`, `${path}[${ci}].nodes`);
    }
    if (names.has(c.name)) throw new HetsimError('config_invalid', `cluster name '${c.name}' is used twice; names must be unique`, `${path}[${ci}].name`);
    names.add(c.name);
    for (let i = 0; i < c.nodes; i++) {
      nodes.push({
        index: nodes.length,
        cluster: ci,
        clusterName: c.name,
        nic: c.type.nic.kind,
        nics: c.type.nic.count,
        ethernet: c.type.ethernet.kind,
        ethernets: c.type.ethernet.count,
        gpus: c.type.gpus_per_node,
        intra: c.type.intra,
        gpu: c.type.gpu,
      });
    }
  });
  return { clusters, nodes, interClusterBps: (interClusterGbps * 1e9) / 8 };
}

/** NIC families present in the topology (one global NCCL config must serve all of them). */
export function familiesOf(t: Topology): Set<string> {
  return new Set(t.nodes.map((n) => FAMILY_OF[n.nic]));
}

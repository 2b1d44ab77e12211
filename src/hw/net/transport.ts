/**
 * Network transports of a GPU cluster: NIC kinds (line rates from vendor tables, hardware spec
 * "Interconnects and NICs") and the two parameter sets that turn a line rate into what a
 * collective achieves: `ideal` (near line rate) and `calibrated` (fitted, see calibrated-transport.ts).
 */
export const NIC_KINDS = ['ib-hdr', 'ib-ndr', 'roce-100', 'roce-200', 'roce-400', 'tcp-25', 'tcp-100'] as const;
export type NicKind = (typeof NIC_KINDS)[number];

/** Transport families: what NCCL runs over (IB verbs, RoCE v2 verbs, Socket) plus intra-node links. */
export type NetFamily = 'ib' | 'roce' | 'tcp';
export type IntraKind = 'nvlink' | 'pcie';

export interface NicPreset {
  kind: NicKind;
  family: NetFamily;
  /** Per-direction line rate of one NIC port, Gb/s. */
  lineGbps: number;
}

/** Line rates: IB HDR 200, NDR 400 Gb/s; RoCE v2 ports at 100/200/400 GbE; TCP over 25/100 GbE. */
export const NIC_PRESETS: Record<NicKind, NicPreset> = {
  'ib-hdr': { kind: 'ib-hdr', family: 'ib', lineGbps: 200 },
  'ib-ndr': { kind: 'ib-ndr', family: 'ib', lineGbps: 400 },
  'roce-100': { kind: 'roce-100', family: 'roce', lineGbps: 100 },
  'roce-200': { kind: 'roce-200', family: 'roce', lineGbps: 200 },
  'roce-400': { kind: 'roce-400', family: 'roce', lineGbps: 400 },
  'tcp-25': { kind: 'tcp-25', family: 'tcp', lineGbps: 25 },
  'tcp-100': { kind: 'tcp-100', family: 'tcp', lineGbps: 100 },
};

export const FAMILY_OF: Record<NicKind, NetFamily> = Object.fromEntries(NIC_KINDS.map((k) => [k, NIC_PRESETS[k].family])) as Record<NicKind, NetFamily>;

/** What one transport family achieves: a fraction of the NICs' line rate and a per-hop latency. */
export interface TransportParams {
  /** Achieved collective bandwidth / aggregate line rate of the node's NICs of this family. */
  efficiency: number;
  /** Per-hop latency (alpha), s. */
  latency_s: number;
  /** Where the number comes from. */
  source: string;
}

export type TransportSet = Record<NetFamily, TransportParams>;
export const TRANSPORT_SETS = ['ideal', 'calibrated'] as const;
export type TransportSetName = (typeof TRANSPORT_SETS)[number];

/**
 * `ideal`: what the hardware could do. RDMA (IB, RoCE v2 with GPUDirect) reaches ~95 % / ~90 % of
 * line rate in NCCL bus-bandwidth tests; kernel TCP sockets ~80 %. Latencies: IB ~0.8 µs HCA to
 * HCA (hardware spec, ib_send_lat) plus NCCL's per-step overhead; RoCE ~1.5–3 µs; TCP 10–50 µs
 * (hardware spec: rules of thumb).
 */
export const IDEAL_TRANSPORT: TransportSet = {
  ib: { efficiency: 0.95, latency_s: 3e-6, source: 'line rate; RDMA near line rate (hardware spec, IB rows)' },
  roce: { efficiency: 0.9, latency_s: 5e-6, source: 'line rate; RoCE v2 near line rate (hardware spec, RoCE row, rule of thumb)' },
  tcp: { efficiency: 0.8, latency_s: 30e-6, source: 'line rate; kernel sockets (hardware spec, TCP row, rule of thumb)' },
};

/** Intra-node links per GPU and direction: NVLink from the GPU preset's interconnect, PCIe Gen4 x16. */
export const PCIE_GEN4_BPS = 32e9;
export const PCIE_LATENCY_S = 1e-6;

/**
 * The `calibrated` transport set: achieved fraction of line rate per family, fitted ONLY to the
 * three 4-node GPT-3.6B points of Holmes (197 / 160 / 122 TFLOPS per GPU on all-IB / all-RoCE /
 * all-Ethernet nodes; third-party summary of arXiv 2312.03549, in the Holmes spec §3) by
 * src/systems/holmes/fit-transport.ts, on the shipped node presets (4 × IB HDR, 2 × RoCE 100 GbE,
 * 1 × 100 GbE per node, line rates assumed) with the mechanisms modelled first: no grad-reduce
 * overlap, fp16 gradients on the wire, the HCA count per node, the distributed optimizer's
 * reduce-scatter + all-gather, per-layer compute from the calibrated A100 roofline. What is left
 * (NCCL channels, socket threads, PCIe/HCA affinity, fabric congestion: not separable with three
 * points) is the efficiency below. Latencies are not fitted (the ideal set's). The 8-node points
 * and the hybrid runs are validation only.
 */
import { IDEAL_TRANSPORT, type TransportSet } from './transport.js';

const FITTED_ON = 'Holmes GPT-3.6B, 4 nodes × 8 A100, pure DP, GBS 512, mbs 4';

export const CALIBRATED_EFFICIENCY = { ib: 0.09948, roce: 0.2134, tcp: 0.2413 } as const;

export const CALIBRATED_TRANSPORT: TransportSet = {
  ib: { efficiency: CALIBRATED_EFFICIENCY.ib, latency_s: IDEAL_TRANSPORT.ib.latency_s, source: `${FITTED_ON}: all-IB 197 TFLOPS/GPU` },
  roce: { efficiency: CALIBRATED_EFFICIENCY.roce, latency_s: IDEAL_TRANSPORT.roce.latency_s, source: `${FITTED_ON}: all-RoCE 160 TFLOPS/GPU` },
  tcp: { efficiency: CALIBRATED_EFFICIENCY.tcp, latency_s: IDEAL_TRANSPORT.tcp.latency_s, source: `${FITTED_ON}: all-Ethernet 122 TFLOPS/GPU` },
};

/**
 * Fits the `calibrated` transport efficiencies (src/hw/net/calibrated-transport.ts) to the three
 * 4-node GPT-3.6B points, one family at a time: bisection on the efficiency until the simulated
 * TFLOPS/GPU of the all-IB / all-RoCE / all-Ethernet scenario equals the published one. Only
 * these three points are used; the 8-node and hybrid numbers stay validation data.
 *   node -e "import('./dist/systems/holmes/fit-transport.js').then(m => m.printFit())"
 */
import type { NetFamily, TransportSet } from '../../hw/net/transport.js';
import { CALIBRATED_TRANSPORT } from '../../hw/net/calibrated-transport.js';
import { loadHolmes } from './descriptor.js';
import { tflopsPerGpu } from './flops.js';
import { runHolmes, type Resolved } from './simulate-holmes.js';

/** Calibration data: Holmes spec §3 (third-party summary of arXiv 2312.03549), 4 nodes × 8 A100. */
export const CALIBRATION_POINTS: readonly { family: NetFamily; scenario: string; tflops: number }[] = [
  { family: 'ib', scenario: 'holmes-gpt3.6b-ib-4nodes', tflops: 197 },
  { family: 'roce', scenario: 'holmes-gpt3.6b-roce-4nodes', tflops: 160 },
  { family: 'tcp', scenario: 'holmes-gpt3.6b-eth-4nodes', tflops: 122 },
];

export function tflopsWith(r: Resolved, set: TransportSet): number {
  const run = runHolmes(r, r.file.placement, { transport: set });
  return tflopsPerGpu(run.flops96, run.step.iteration_s, run.layout.gpus);
}

/** Efficiency of `family` at which scenario `r` reaches `target` TFLOPS/GPU (4 significant digits). */
export function fitEfficiency(r: Resolved, family: NetFamily, target: number): number {
  let lo = 1e-3;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const set: TransportSet = { ...CALIBRATED_TRANSPORT, [family]: { ...CALIBRATED_TRANSPORT[family], efficiency: mid } };
    if (tflopsWith(r, set) < target) lo = mid;
    else hi = mid;
  }
  return Number(((lo + hi) / 2).toPrecision(4));
}

export async function fitAll(): Promise<Record<NetFamily, number>> {
  const out = {} as Record<NetFamily, number>;
  for (const p of CALIBRATION_POINTS) out[p.family] = fitEfficiency((await loadHolmes(p.scenario)).resolved, p.family, p.tflops);
  return out;
}

export async function printFit(): Promise<void> {
  console.log(JSON.stringify(await fitAll()));
}

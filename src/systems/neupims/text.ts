/** The human-readable form of a NeuPIMs result (what `hetsim simulate` prints without --json). */
import type { NeupimsResult } from './neupims-result.js';

export function neupimsText(r: NeupimsResult): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const stages = Object.entries(r.stage_cycles)
    .map(([k, v]) => `${k} ${Math.round(v ?? 0)}`)
    .join('  ');
  const cmds = Object.entries(r.dram_commands)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v}`)
    .join('  ');
  return [
    `${r.system} ${r.mode}: ${r.model} TP${r.tp} PP${r.pp}, batch ${r.batch}, ${r.layers} layers (${r.simulated_layers} simulated)`,
    `stage cycles   ${stages || '-'}`,
    `layer cycles   ${Math.round(r.layer_cycles)}`,
    `step           ${Math.round(r.step_cycles)} cycles = ${(r.step_seconds * 1e3).toFixed(3)} ms, ${Math.round(r.tokens_per_s)} tokens/s`,
    `utilization    NPU ${pct(r.utilization.npu)}  PIM ${pct(r.utilization.pim)}  DRAM bandwidth ${pct(r.utilization.dram_bandwidth)}`,
    `DRAM commands  ${cmds || '-'}`,
    `channel imbalance (max/mean)  estimated ${r.channel_imbalance.estimated.toFixed(3)}  measured ${r.channel_imbalance.measured.toFixed(3)}`,
    `simulated ${r.sim.events} events`,
    '',
  ].join('\n');
}

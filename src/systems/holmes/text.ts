/** The human-readable form of a Holmes result (what `hetsim simulate` prints without --json). */
import type { HolmesResult } from './holmes-result.js';

export function holmesText(r: HolmesResult): string {
  const s = (x: number): string => `${x.toFixed(3)} s`;
  const b = r.breakdown;
  const stages = r.stages.map((st, i) => `  stage ${i}: ${st.layers} layers on ${st.cluster} (${st.nodes} nodes), DP sync over ${st.dp_transport}`);
  return [
    `holmes ${r.placement}: ${r.model} on ${r.gpus} GPUs, TP${r.parallelism.tp} × PP${r.parallelism.pp} × DP${r.parallelism.dp}, ${r.micro_batches} micro-batches, transport ${r.transport}`,
    ...stages,
    `  pipeline P2P over ${r.p2p_transport}`,
    `iteration      ${s(r.iteration_s)} (includes optimizer step)`,
    `throughput     ${r.samples_per_s.toFixed(1)} samples/s`,
    `TFLOPS/GPU     ${r.tflops_per_gpu.toFixed(1)} (Megatron 96-form; core 72-form ${r.tflops_per_gpu_core.toFixed(1)})`,
    `breakdown      compute ${s(b.compute_s)}  DP exposed ${s(b.dp_exposed_s)}  PP bubble ${s(b.pp_bubble_s)}  P2P ${s(b.p2p_s)}  (${r.sim.critical_worker})`,
    `simulated ${r.sim.events} events`,
    '',
  ].join('\n');
}

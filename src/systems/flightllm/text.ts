/** The human-readable form of a FlightLLM result (what `hetsim simulate` prints without --json). */
import type { FlightResult } from './result.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const busy = (b: Record<string, number>): string =>
  Object.entries(b)
    .filter(([, v]) => v > 0.0005)
    .map(([k, v]) => `${k} ${pct(v)}`)
    .join('  ');

export function flightText(r: FlightResult): string {
  const lines = [
    `flightllm: ${r.model} on ${r.device}, ${r.slrs} SLR${r.slrs > 1 ? 's' : ''} at ${r.clock_mhz} MHz; MPE ${r.mpe.mm_macs_per_cycle} MAC/cycle (MM), ${r.mpe.mv_macs_per_cycle} (MV, ${pct(r.mpe.mv_dsp_share)} of the DSPs) per SLR`,
    `prefill        ${r.prefill_tokens} tokens (padded ${r.prefill.padded_tokens}): ${r.prefill_ms.toFixed(1)} ms   busy ${busy(r.prefill.unitBusy)}`,
    `decode step    context ${r.decode_step.context} (padded ${r.decode_step.padded_context}): ${r.decode_step_ms.toFixed(3)} ms   busy ${busy(r.decode_step.unitBusy)}   HBM ${pct(r.decode_step.hbmUtilization)}`,
    `decode         ${r.decode_tokens} tokens: ${r.decode_ms_per_token.toFixed(3)} ms/token = ${r.decode_tokens_per_s.toFixed(1)} tokens/s`,
    `utilisation    HBM bandwidth ${pct(r.hbm_bandwidth_utilization)}  DSP ${pct(r.dsp_utilization)}`,
    `energy         ${r.power_w !== null && r.tokens_per_joule !== null ? `${r.power_w} W, ${r.tokens_per_joule.toFixed(3)} tokens/J` : 'board power not published (tokens/J n/a)'}`,
  ];
  for (const b of r.baselines) {
    const e = b.energy_efficiency_ratio;
    lines.push(
      `vs ${b.hardware}      measured ${b.measured.tokens_per_s} tokens/s at ${b.measured.power_w} W (${b.stack})${e !== null ? `: ${e.toFixed(2)}x tokens/J` : ''}${b.cost_efficiency_ratio !== null ? `, ${b.cost_efficiency_ratio.toFixed(2)}x tokens/s/$` : ''}; roofline estimate ${b.roofline.tokens_per_s.toFixed(0)} tokens/s`,
    );
  }
  const mem = r.eq3_mv.filter((e) => e.bound === 'memory').map((e) => e.op);
  const q = r.eq3_mv[0];
  if (q) lines.push(`eq. 3 MV tiles ${q.op} ${q.tile.cols}x${q.tile.k}: T_mem ${q.t_mem_cycles} vs T_cmp ${q.t_cmp_cycles} cycles; HBM-bound: ${mem.length > 0 ? mem.join(', ') : 'none'}`);
  const res = r.resources;
  lines.push(`resources      ${res.dsp} DSP (MPE ${res.mpe_dsp})${res.device.dsp ? ` of ${res.device.dsp}` : ''}${res.bram36 ? `, ${res.bram36} BRAM36 of ${res.device.bram36}` : ''}${res.uram ? `, ${res.uram} URAM of ${res.device.uram}` : ''}, buffers ${(res.buffer_bytes / 2 ** 20).toFixed(1)} MiB`);
  if (r.length_buckets) {
    const s = r.length_buckets;
    lines.push(`instructions   ${r.prefill.instructions + r.decode_step.instructions} (prefill + one step); storage 1..${s.max_len}: ${(s.exact_bytes / 1e9).toFixed(2)} GB exact vs ${(s.bucketed_bytes / 1e9).toFixed(3)} GB bucketed (${s.ratio.toFixed(0)}x), mean padding prefill ${pct(s.mean_padding.prefill)} decode ${pct(s.mean_padding.decode)}`);
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  lines.push(`simulated ${r.sim.events} events`, '');
  return lines.join('\n');
}

/**
 * The FlightLLM section of `hetsim report`: decode throughput per entry (with the measured GPU
 * baselines beside it), the unit busy shares of the decode step, and a table of the numbers.
 */
import type { ReportEntry } from '../system.js';
import type { FigureSpec, SectionSpec } from '../report-spec.js';
import type { FlightSystemResult } from './descriptor.js';

export function flightReport(entries: ReportEntry<FlightSystemResult>[]): SectionSpec {
  const results = entries.flatMap((e) => (e.sweep ? e.sweep.points.flat() : e.results).map((r) => ({ e, r })));
  const label = ({ e, r }: { e: ReportEntry<FlightSystemResult>; r: FlightSystemResult }) => (e.sweep ? `${e.id} ${e.sweep.key}=${JSON.stringify(e.sweep.values[e.sweep.points.findIndex((p) => p.includes(r))])}` : e.id);
  const figures: FigureSpec[] = [];
  if (results.length > 0) {
    const gpu = results[0].r.baselines[0];
    figures.push({
      name: 'flightllm-decode-throughput',
      caption: 'FlightLLM decode throughput (batch 1) per scenario; the measured GPU baseline and its roofline estimate for comparison',
      chart: {
        kind: 'bar',
        input: {
          title: 'FlightLLM decode throughput, batch 1, against a GPU baseline',
          subtitle: results.map(({ r }) => `${r.model} on ${r.device} (${r.slrs} SLR${r.slrs === 1 ? '' : 's'}, ${r.clock_mhz} MHz, prefill ${r.prefill_tokens} + decode ${r.decode_tokens})`).filter((v, i, a) => a.indexOf(v) === i).join(' · '),
          yLabel: 'decode tokens/s',
          categories: [...results.map(label), ...(gpu ? [`${gpu.hardware} measured`, `${gpu.hardware} roofline`] : [])],
          width: 900,
          height: 520,
          groups: [{ label: 'tokens/s', values: [...results.map(({ r }) => r.decode_tokens_per_s), ...(gpu ? [gpu.measured.tokens_per_s, gpu.roofline.tokens_per_s] : [])] }],
        },
      },
    });
    const units = ['LD', 'ST', 'MM', 'MV', 'MISC'];
    figures.push({
      name: 'flightllm-unit-busy',
      caption: 'Busy share of each decoupled unit during one decode step (mean over SLRs): MV and LD overlap',
      chart: { kind: 'bar', input: { title: 'Decode-step unit busy share per decoupled unit', subtitle: `one decode step per scenario (context ${results.map(({ r }) => r.decode_step.context).join(', ')}), mean over SLRs`, yLabel: 'busy fraction of the step', categories: units, groups: results.map((x) => ({ label: label(x), values: units.map((u) => x.r.decode_step.unitBusy[u] ?? 0) })) } },
    });
  }
  const table = {
    caption: 'FlightLLM runs (tokens/J n/a where the board power is not published)',
    columns: ['scenario', 'device', 'SLRs', 'prefill ms', 'decode ms/token', 'tokens/s', 'tokens/J', 'HBM util', 'DSP util'],
    rows: results.map((x) => [label(x), x.r.device, x.r.slrs, +x.r.prefill_ms.toFixed(1), +x.r.decode_ms_per_token.toFixed(3), +x.r.decode_tokens_per_s.toFixed(1), x.r.tokens_per_joule === null ? 'n/a' : +x.r.tokens_per_joule.toFixed(3), +x.r.hbm_bandwidth_utilization.toFixed(3), +x.r.dsp_utilization.toFixed(3)]),
  };
  if (figures.length > 0) figures[0].tables = [table];
  return {
    id: 'flightllm',
    title: 'FlightLLM: LLM inference on FPGAs (instruction-level)',
    intro: 'Instruction streams per SLR executed on decoupled LD/ST/MM/MV/MISC/SYS units with wait/release tokens, event-driven at the design clock; HBM channels shared by all SLRs.',
    figures,
    tables: figures.length > 0 ? [] : [table],
  };
}

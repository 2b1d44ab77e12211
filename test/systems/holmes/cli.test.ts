/**
 * `hetsim simulate` with Holmes scenarios as a user runs it (built CLI): the JSON contract, the
 * system's flags, the trace, bad input (one line naming the key, exit 2), and the report section
 * with its per-rank Gantt chart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGanttSvg } from '../../../src/report/gantt-chart.js';
import { holmesReport } from '../../../src/systems/holmes/report.js';
import { expectBadInput, hetsim, tempFile } from '../../cli/harness.js';
import { scratchDir } from '../../scratch.js';
import { run } from './harness.js';

const SC = 'models/scenarios/holmes-gpt7.5b-4roce-4ib.yaml';

describe('hetsim simulate holmes', () => {
  it('--json carries the contract keys at top level and the flat metrics', () => {
    const r = hetsim(['simulate', SC, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.system).toBe('holmes');
    expect(j.placement).toBe('holmes');
    for (const k of ['iteration_s', 'samples_per_s', 'tflops_per_gpu']) expect(typeof j[k]).toBe('number');
    expect(j.stages).toEqual([expect.objectContaining({ cluster: 'ib', layers: expect.any(Number) }), expect.objectContaining({ cluster: 'roce' })]);
    expect(Object.keys(j.breakdown)).toEqual(['compute_s', 'dp_exposed_s', 'pp_bubble_s', 'p2p_s']);
    for (const k of ['iteration_s', 'samples_per_s', 'tflops_per_gpu', 'compute_s', 'dp_exposed_s', 'pp_bubble_s', 'p2p_s']) expect(typeof j.metrics[k]).toBe('number');
    // the critical rank's breakdown adds up to the iteration
    const b = j.breakdown;
    expect(b.compute_s + b.dp_exposed_s + b.pp_bubble_s + b.p2p_s).toBeCloseTo(j.iteration_s, 6);
  });

  it('--placement megatron and --transport ideal change the run; same input → same bytes', () => {
    const a = hetsim(['simulate', SC, '--json']);
    const m = JSON.parse(hetsim(['simulate', SC, '--json', '--placement', 'megatron']).stdout);
    const i = JSON.parse(hetsim(['simulate', SC, '--json', '--transport', 'ideal']).stdout);
    expect(m.placement).toBe('megatron');
    expect(m.stages.map((s: { dp_transport: string }) => s.dp_transport)).toEqual(['tcp', 'tcp']);
    expect(i.tflops_per_gpu).toBeGreaterThan(JSON.parse(a.stdout).tflops_per_gpu);
    expect(hetsim(['simulate', SC, '--json']).stdout).toBe(a.stdout);
  });

  it('text output names the stages, transports and breakdown', () => {
    const r = hetsim(['simulate', SC]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/stage 0: \d+ layers on ib/);
    expect(r.stdout).toMatch(/pipeline P2P over tcp/);
    expect(r.stdout).toMatch(/TFLOPS\/GPU/);
  });

  it('--trace writes a Perfetto trace with one track per pipeline rank', () => {
    const out = join(scratchDir(), 'holmes-trace.json');
    const r = hetsim(['simulate', 'models/scenarios/holmes-gpt3.6b-ib-4nodes.yaml', '--trace', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const t = JSON.parse(readFileSync(out, 'utf8'));
    expect(t.traceEvents.some((e: { name: string }) => e.name === 'forward')).toBe(true);
  });
});

describe('bad input: one line naming the key, exit 2', () => {
  const base = readFileSync(SC, 'utf8');
  const withEdit = (name: string, from: RegExp, to: string): string => tempFile(name, base.replace(from, to));
  it('TP × PP × DP not equal to the GPU count', () => {
    expectBadInput(hetsim(['simulate', withEdit('h-dp.yaml', /parallelism: \{ tp: 1, pp: 2 \}/, 'parallelism: { tp: 1, pp: 2, dp: 16 }')]), /parallelism\.dp.*clusters have 64 GPUs; accepted: tp × pp × dp = 64/);
  });
  it('TP larger than a node', () => {
    expectBadInput(hetsim(['simulate', withEdit('h-tp.yaml', /parallelism: \{ tp: 1, pp: 2 \}/, 'parallelism: { tp: 16, pp: 2 }')]), /parallelism\.tp.*inside a node/);
  });
  it('global batch not divisible by micro-batch × DP', () => {
    expectBadInput(hetsim(['simulate', withEdit('h-gbs.yaml', /global_batch: 2048/, 'global_batch: 2000')]), /training\.global_batch.*multiple of 128/);
  });
  it('a NIC type no node has', () => {
    expectBadInput(hetsim(['simulate', withEdit('h-nic.yaml', /nic_order: \[ib, roce\]/, 'nic_order: [ib, tcp]')]), /nic_order\[1\].*on no node/);
  });
  it('a cluster with 0 nodes', () => {
    expectBadInput(hetsim(['simulate', withEdit('h-zero.yaml', /preset: a100-roce-100, nodes: 4/, 'preset: a100-roce-100, nodes: 0')]), /clusters\[0\]\.nodes.*integer ≥ 1/);
  });
  it('an unknown placement (flag and scenario key)', () => {
    expectBadInput(hetsim(['simulate', SC, '--placement', 'ring']), /--placement.*megatron, holmes/);
    expectBadInput(hetsim(['simulate', withEdit('h-pl.yaml', /placement: holmes/, 'placement: ring')]), /placement/);
  });
});

describe('report section', () => {
  it('draws a per-rank Gantt and a TFLOPS bar chart per entry, and a breakdown table', async () => {
    const h = await run('holmes-gpt7.5b-4roce-4ib', 'holmes');
    const m = await run('holmes-gpt7.5b-4roce-4ib', 'megatron');
    const sec = holmesReport([{ id: 'h75', caption: 'GPT-7.5B hybrid', modes: ['holmes', 'megatron'], results: [h, m] }]);
    expect(sec.figures.map((f) => f.chart.kind)).toEqual(['gantt', 'gantt', 'bar']);
    const g = sec.figures[0].chart;
    if (g.kind !== 'gantt') throw new Error('expected a gantt');
    expect(g.input.lanes.length).toBe(4); // stages 0 and 1 of the first and the last DP replica
    const svg = renderGanttSvg(g.input);
    expect(svg).toContain('forward: micro-batch forward'); // the legend explains each task
    expect(g.input.subtitle).toMatch(/TP 1 × PP 2 × DP 32/);
    // the breakdown table sits beside the TFLOPS chart it explains
    expect(sec.figures[2].tables![0].rows.length).toBe(2);
    expect(sec.tables).toEqual([]);
  });
});

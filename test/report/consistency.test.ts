/**
 * Every number a report shows in text comes from the same result object as the chart beside it:
 * each system's section is built twice from one set of results, the two renders are identical,
 * and the quantity a figure plots equals (to the table's precision) the one its table prints.
 */
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/report/charts.js';
import type { BarChartInput, SectionSpec } from '../../src/systems/report-spec.js';
import { flightllmSystem } from '../../src/systems/flightllm/descriptor.js';
import { holmesSystem } from '../../src/systems/holmes/descriptor.js';
import { neupimsSystem } from '../../src/systems/neupims/descriptor.js';
import { skippipeSystem } from '../../src/systems/skippipe/descriptor.js';
import type { AnySystem, ReportEntry } from '../../src/systems/system.js';
import { scenario as flightScenario, TINY_MODEL, U280 } from '../systems/flightllm/helpers.js';
import { run as holmesRun } from '../systems/holmes/harness.js';
import { rawScenario, run as skipRun } from '../systems/skippipe/helpers.js';
import { ROOT, tempFile } from '../cli/harness.js';

/** The section twice from the same entries: the same specs and the same SVG bytes. */
async function twice(system: AnySystem, entries: ReportEntry[]): Promise<SectionSpec> {
  const a = await system.report!(entries);
  const b = await system.report!(entries);
  expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  for (let i = 0; i < a.figures.length; i++) expect(renderChartSvg(b.figures[i].chart)).toBe(renderChartSvg(a.figures[i].chart));
  return a;
}

const bars = (s: SectionSpec, i: number) => (s.figures[i].chart as { input: BarChartInput }).input;
/** The column `name` of the first table beside figure `fig` that has one. */
const column = (s: SectionSpec, fig: number, name: string) => {
  const t = (s.figures[fig].tables ?? []).find((x) => x.columns.includes(name));
  expect(t, `figure ${s.figures[fig].name}: a table with a ${name} column`).toBeDefined();
  const c = t!.columns.indexOf(name);
  return t!.rows.map((r) => Number(r[c]));
};

describe('text and chart show the same numbers', () => {
  it('NeuPIMs: the mode bars and the per-mode table', async () => {
    const model = tempFile('tiny.yaml', 'name: tiny\nhidden: 512\nintermediate: 2048\nheads: 4\nkv_heads: 4\nhead_dim: 128\nlayers: 2\nvocab: 1000\nnorm: layernorm\nactivation: gelu\n');
    const s = await neupimsSystem.load({ system: 'neupims', model, batch: 16, requests: `${ROOT}traces/share-gpt2-bs512-ms7B-tp4-clb-0.csv`, steady_state_layers: 0 });
    const results = [await neupimsSystem.run(s, { mode: 'neupims' }), await neupimsSystem.run(s, { mode: 'npu-only' })];
    const sec = await twice(neupimsSystem, [{ id: 'n', caption: 'c', modes: ['neupims', 'npu-only'], results }]);
    expect(column(sec, 0, 'tokens/s')).toEqual(bars(sec, 0).groups[0].values.map(Math.round));
  }, 60_000);

  it('FlightLLM: the throughput bars and the runs table', async () => {
    const r = await flightllmSystem.run(await flightllmSystem.load(await flightScenario(U280, { model: TINY_MODEL, prefill: 64, decode: 8 })));
    const sec = await twice(flightllmSystem, [{ id: 'tiny', caption: 'c', modes: ['simulate'], results: [r] }]);
    expect(column(sec, 0, 'tokens/s')[0]).toBeCloseTo(bars(sec, 0).groups[0].values[0], 1);
  });

  it('Holmes: the TFLOPS bars and the breakdown table', async () => {
    const results = [await holmesRun('holmes-gpt7.5b-4roce-4ib', 'holmes'), await holmesRun('holmes-gpt7.5b-4roce-4ib', 'megatron')];
    const sec = await twice(holmesSystem, [{ id: 'h', caption: 'c', modes: ['holmes', 'megatron'], results }]);
    const fig = sec.figures.findIndex((f) => f.chart.kind === 'bar');
    expect(column(sec, fig, 'TFLOPS/GPU')).toEqual(bars(sec, fig).groups[0].values.map((v) => Number(v.toFixed(1))));
  }, 60_000);

  it('SkipPipe: the iteration-time bars and the schedule table', async () => {
    const raw = rawScenario();
    raw.nodes.count = 8;
    raw.model.layers = 16;
    raw.pipeline = { stages: [2, 2, 2, 2], path_length: 3, memory_slots: 3, microbatches_per_stage0_node: 6 };
    const results = [];
    for (const m of skippipeSystem.modes) results.push(await skipRun(raw, m));
    const sec = await twice(skippipeSystem, [{ id: 's', caption: 'c', modes: [...skippipeSystem.modes], results }]);
    expect(column(sec, 0, 'iteration (s)')).toEqual(bars(sec, 0).groups[0].values.map((v) => Number(v.toFixed(2))));
  }, 60_000);
});

/** SkipPipe's report section: schedule comparison bars, per-node Gantt (forward/backward/loss/idle), path diagram. */
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../../src/report/charts.js';
import { skippipeSystem } from '../../../src/systems/skippipe/descriptor.js';
import { rawScenario, run } from './helpers.js';

describe('skippipe report', () => {
  it('draws the comparison, the Gantt timeline and the path diagram', async () => {
    const raw = rawScenario();
    raw.nodes.count = 8;
    raw.model.layers = 16;
    raw.pipeline = { stages: [2, 2, 2, 2], path_length: 3, memory_slots: 3, microbatches_per_stage0_node: 6 };
    const results = [];
    for (const m of skippipeSystem.modes) results.push(await run(raw, m));
    const section = await skippipeSystem.report!([{ id: 'small', caption: 'small', modes: [...skippipeSystem.modes], results }]);
    expect(section.figures.map((f) => f.chart.kind)).toEqual(['bar', 'gantt', 'heatmap']);
    const gantt = section.figures[1].chart;
    if (gantt.kind !== 'gantt') throw new Error('expected a gantt chart');
    expect(gantt.input.lanes).toHaveLength(8);
    expect(new Set(gantt.input.spans.map((s) => s.label))).toEqual(new Set(['forward', 'loss', 'backward', 'idle']));
    // spans of one lane tile the iteration without overlap
    const lane = gantt.input.spans.filter((s) => s.lane === gantt.input.lanes[0]);
    lane.forEach((s, i) => i > 0 && expect(s.start).toBeCloseTo(lane[i - 1].end, 9));
    expect(lane[lane.length - 1].end).toBeCloseTo(results[3].iteration_s, 9);
    for (const f of section.figures) expect(renderChartSvg(f.chart)).toContain('<svg');
    // the path diagram: stages × streams, each stream visits path_length stages (hops 1..P), its table beside it
    const diagram = section.figures[2].chart;
    if (diagram.kind !== 'heatmap') throw new Error('expected a heatmap');
    expect(diagram.input.xs).toHaveLength(results[3].paths.length);
    for (let i = 0; i < results[3].paths.length; i++) {
      const hops = diagram.input.values.map((row) => row[i]).filter((v) => v !== null).sort();
      expect(hops).toEqual([...Array(results[3].paths[i].length).keys()].map((k) => k + 1));
    }
    const paths = section.figures[2].tables![0];
    expect(paths.rows).toHaveLength(results[3].paths.length);
    expect(section.figures[0].tables![0].rows.map((r) => r[0])).toEqual([...skippipeSystem.modes]);
  });
});

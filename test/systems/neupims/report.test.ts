/** NeuPIMs report pieces: speedups against the paper's ratios, sweep chart and tables, Gantt lanes. */
import { describe, expect, it } from 'vitest';
import { renderBarChartSvg } from '../../../src/report/bar-chart.js';
import { renderGanttSvg } from '../../../src/report/gantt-chart.js';
import type { NeupimsResult } from '../../../src/systems/neupims/neupims-result.js';
import { neupimsGantt, neupimsReport, neupimsSpeedupTable, neupimsSweepChart, neupimsSweepTable } from '../../../src/systems/neupims/report.js';

function result(mode: NeupimsResult['mode'], tokens: number, batch = 512): NeupimsResult {
  return {
    system: 'neupims', mode, model: 'gpt3-7b', tp: 4, pp: 1, batch, layers: 32, simulated_layers: 2,
    stage_cycles: {}, layer_cycles: 1, per_layer_cycles: [1], step_cycles: 1, step_seconds: 1, tokens_per_s: tokens,
    utilization: { npu: 0, pim: 0, dram_bandwidth: 0, vector: 0 }, dram_commands: {}, channel_imbalance: { estimated: 1, measured: 1 },
    gantt: [
      { stage: 'A', layer: 0, start: 0, end: 100, npu_end: 90, pim_end: 40 },
      { stage: 'B', layer: 0, start: 100, end: 300, npu_end: 150, pim_end: 290 },
    ],
    sim: { events: 0 },
  };
}

describe('NeuPIMs report section', () => {
  it('speedup table: ours vs the paper abstract per baseline', () => {
    const t = neupimsSpeedupTable({ id: 's', caption: 'c', results: [result('neupims', 300), result('npu-only', 100), result('gpu', 150)] });
    expect(t.rows).toEqual([
      ['npu-only', '3.00', '2.4', '25%'],
      ['gpu', '2.00', '3.0', '-33%'],
    ]);
  });

  it('sweep: one bar group per baseline, one category per batch, values = throughput ratios', () => {
    const sweep = {
      id: 'sw', caption: 'c', key: 'batch', values: [64, 512], modes: ['neupims', 'npu-only'],
      results: [[result('neupims', 200, 64), result('npu-only', 100, 64)], [result('neupims', 600), result('npu-only', 200)]],
    };
    const svg = renderBarChartSvg(neupimsSweepChart(sweep));
    expect(svg).toContain('batch 64');
    expect(svg).toContain('vs npu-only (paper 2.4×)');
    expect(neupimsSweepTable(sweep).rows).toEqual([[64, 200, 100], [512, 600, 200]]);
  });

  it('Gantt: stage, NPU and PIM lanes from the result', () => {
    const svg = renderGanttSvg(neupimsGantt(result('neupims', 1)));
    for (const lane of ['>stage<', '>NPU<', '>PIM<']) expect(svg).toContain(lane);
    expect(svg).toContain('PIM · B: 100 cycles – 290 cycles (190 cycles)');
    // the legend explains each stage
    expect(svg).toContain('B: QKV SB2 | MHA SB1');
  });

  it('section from scenario-set entries: mode bars + Gantt per entry, a speedup chart per sweep, tables beside', () => {
    const modes = ['neupims', 'npu-only'];
    const section = neupimsReport([
      { id: 'one', caption: 'c1', modes, results: [result('neupims', 300), result('npu-only', 100)] },
      { id: 'sw', caption: 'c2', modes, results: [], sweep: { key: 'batch', values: [64, 512], points: [[result('neupims', 200, 64), result('npu-only', 100, 64)], [result('neupims', 600), result('npu-only', 200)]] } },
    ]);
    expect(section.figures.map((f) => [f.name, f.chart.kind])).toEqual([['one-modes', 'bar'], ['one-gantt', 'gantt'], ['sw-sweep', 'bar'], ['sw-throughput', 'line']]);
    // each table right after the figure it explains
    expect(section.figures.map((f) => (f.tables ?? []).map((t) => t.caption))).toEqual([
      ['one: NeuPIMs throughput speedup over each baseline', 'one: per mode'],
      [],
      [],
      ['sw: tokens/s per mode and batch (2 layers simulated cycle by cycle per point)'],
    ]);
    expect(section.tables).toEqual([]);
  });

  it('a utilisation a mode does not model reads n/a, not 0.0%', () => {
    const t = neupimsReport([{ id: 'm', caption: 'c', modes: ['neupims', 'npu-only', 'gpu'], results: [result('neupims', 300), result('npu-only', 100), result('gpu', 150)] }]).figures[0].tables![1];
    const cols = (mode: string) => t.rows.find((r) => r[0] === mode)!.slice(5, 8);
    expect(cols('neupims')).toEqual(['0.0%', '0.0%', '0.0%']);
    expect(cols('npu-only')).toEqual(['0.0%', 'n/a', '0.0%']);
    expect(cols('gpu')).toEqual(['n/a', 'n/a', 'n/a']);
  });
});

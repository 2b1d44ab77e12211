/** The FlightLLM report section renders through the generic chart code (a two-layer model: fast). */
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../../src/report/charts.js';
import { flightllmSystem } from '../../../src/systems/flightllm/descriptor.js';
import { scenario, TINY_MODEL, U280 } from './helpers.js';

describe('flightllm report section', () => {
  it('draws the throughput and unit-busy charts and a table', async () => {
    const s = await flightllmSystem.load(await scenario(U280, { model: TINY_MODEL, prefill: 64, decode: 8 }));
    const r = await flightllmSystem.run(s);
    const section = await flightllmSystem.report!([{ id: 'tiny', caption: 'tiny model', modes: ['simulate'], results: [r] }]);
    expect(section.figures.map((f) => f.name)).toEqual(['flightllm-decode-throughput', 'flightllm-unit-busy']);
    for (const f of section.figures) expect(renderChartSvg(f.chart)).toContain('<svg');
    const table = section.figures[0].tables![0];
    expect(table.rows[0][0]).toBe('tiny');
    expect(table.rows[0][5]).toBeCloseTo(r.decode_tokens_per_s, 1);
  });
});

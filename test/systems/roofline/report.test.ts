/** The roofline report section: device and model names in titles, the config in the subtitle, overflow flagged, tables beside their figure. */
import { describe, expect, it } from 'vitest';
import { rooflineSystem } from '../../../src/systems/roofline/descriptor.js';
import { overflowNote, rooflineSection } from '../../../src/systems/roofline/report.js';
import type { RooflineResult } from '../../../src/systems/roofline/types.js';

const run = async (scenario: Record<string, unknown>, mode: string) => (await rooflineSystem.run(await rooflineSystem.load({ system: 'roofline', ...scenario }), { mode })) as unknown as RooflineResult;

describe('roofline report section', () => {
  it('titles use the presets\' own names, the subtitle names the config, the two tables follow the figure', async () => {
    const r = await run({ model: 'llama-2-7b', hardware: 'h200', stage: 'decode', batch: 4, seq: 512 }, 'ideal');
    const s = await rooflineSection([{ id: 'a', caption: 'c', modes: ['ideal'], results: [r] }]);
    const f = s.figures[0];
    expect(f.chart.kind).toBe('roofline-plot');
    const input = f.chart.input as { title: string; subtitle: string };
    expect(input.title).toBe('Llama-2 7B on NVIDIA H200 SXM: decode roofline');
    expect(input.subtitle).toBe('Llama-2 7B (llama-2-7b) · NVIDIA H200 SXM (h200) · decode, 512 cached tokens · batch 4 · w16a16kv16 · no FlashAttention · mode ideal');
    expect(f.tables!.map((t) => t.caption)).toEqual(['a: stage totals per mode (times per device)', 'a: most expensive rows (one block; lm_head etc. once)']);
    expect(s.intro).not.toMatch(/H200 kernels/); // the intro names only devices this report calibrates
  });

  it('a config that does not fit device memory is flagged in the title and the table, with the overflow', async () => {
    const r = await run({ model: 'llama-2-70b', hardware: 'a100-40gb', stage: 'decode', batch: 32, seq: 4096 }, 'ideal');
    expect(r.memory.fits).toBe(false);
    const note = overflowNote(r)!;
    expect(note).toMatch(/^does not fit: [\d.]+ GB of 40\.0 GB \(\+\d+%\)$/);
    const s = await rooflineSection([{ id: 'big', caption: 'c', modes: ['ideal'], results: [r] }]);
    expect((s.figures[0].chart.input as { title: string }).title).toContain(`⚠ ${note}`);
    expect(s.figures[0].tables![0].rows[0].at(-1)).toMatch(/^NO \([\d.]+ GB of 40\.0 GB/);
  });

  it('a tensor-parallel config gets a per-row time chart in which the all-reduce appears', async () => {
    const r = await run({ model: 'llama-3.1-70b', hardware: 'h100-sxm', stage: 'decode', batch: 8, seq: 1024, tp: 4 }, 'ideal');
    const s = await rooflineSection([{ id: 'tp', caption: 'c', modes: ['ideal'], results: [r] }]);
    expect(s.figures.map((f) => f.name)).toEqual(['tp', 'tp-time']);
    const bars = s.figures[1].chart.input as { categories: string[]; groups: { values: number[] }[] };
    const i = bars.categories.findIndex((c) => /allreduce|all_reduce/.test(c));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(bars.groups[0].values[i]).toBeGreaterThan(0);
  });
});

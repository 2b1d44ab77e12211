/**
 * A new system plugs in with no edit outside its own code: given a descriptor (test/systems/fixtures/toy-system.ts)
 * the generic scenario-set loader, flag handling, result shape and chart rendering serve it as they serve
 * the shipped systems.
 */
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/report/charts.js';
import { declaredFlags, systemArgs } from '../../src/cli/system-flags.js';
import { loadScenarioSet } from '../../src/sweep/scenario-set.js';
import { SYSTEMS } from '../../src/systems/registry.js';
import type { ReportEntry } from '../../src/systems/system.js';
import { tempFile } from '../cli/harness.js';
import { toySystem } from './fixtures/toy-system.js';

const systems = [...SYSTEMS, toySystem];

describe('a new system through the generic code', () => {
  it('a scenario set with its entries loads, sweeps, runs and renders its report section', async () => {
    const scenario = tempFile('toy.yaml', 'system: toy\nwork: 500\n');
    const set = tempFile(
      'set.yaml',
      ['title: toy set', 'systems:', `  - { system: toy, id: one, caption: one, scenario: ${scenario}, modes: [fast, slow] }`, '  - { system: toy, id: sw, caption: sweep, scenario: { work: 10 }, sweep: { rate_hz: [10, 100] }, modes: [slow] }'].join('\n'),
    );
    const loaded = await loadScenarioSet(set, systems);
    expect(loaded.entries.map((e) => [e.id, e.system.id, e.runs.length, e.runs[0].length])).toEqual([
      ['one', 'toy', 1, 2],
      ['sw', 'toy', 2, 1],
    ]);
    // the inline scenario got the entry's system, the sweep value became a scenario key
    expect(loaded.entries[1].runs.map((r) => r[0].scenario.config)).toEqual([
      { system: 'toy', work: 10, rate_hz: 10, mode: 'fast' },
      { system: 'toy', work: 10, rate_hz: 100, mode: 'fast' },
    ]);
    const one = loaded.entries[0];
    const results = await Promise.all(one.runs[0].map((r) => toySystem.run(r.scenario as never, { mode: r.task.mode })));
    expect(results.map((r) => r.metrics.time_s)).toEqual([0.5, 1]);
    const entry: ReportEntry = { id: one.id, caption: one.caption, modes: one.modes, results };
    const section = toySystem.report!([entry as never]);
    const svg = renderChartSvg(section.figures[0].chart);
    expect(svg).toContain('one: time per mode');
    expect(svg).toContain('<svg');
  });

  it('an unknown system in a set lists the registered ones, the new one included', async () => {
    const set = tempFile('set.yaml', 'title: x\nsystems:\n  - { system: toyy, id: a, caption: c, scenario: { work: 1 }, modes: [fast] }\n');
    await expect(loadScenarioSet(set, systems)).rejects.toThrow(/registered systems: roofline, neupims, (.*, )?toy/);
  });

  it('its flags are scenario overrides; another system\'s flag is refused', () => {
    expect(systemArgs(toySystem, { work: '7' }, SYSTEMS).overrides).toEqual({ work: 7 });
    expect(() => systemArgs(toySystem, { work: '0' }, SYSTEMS)).toThrow(/--work: expected a positive integer/);
    expect(() => systemArgs(toySystem, { batch: '8' }, SYSTEMS)).toThrow(/--batch: system toy takes no such flag \(it is neupims's\); toy's flags: --work/);
  });

  it('a boolean flag is a switch: yargs gives true/false, anything else names the flag', () => {
    const sw = { ...toySystem, flags: { ...toySystem.flags, exact: { key: 'exact', type: 'boolean' as const, describe: 'a switch' } } };
    expect(declaredFlags([...SYSTEMS, sw]).find((f) => f.name === 'exact')?.boolean).toBe(true);
    expect(systemArgs(sw, { exact: true }, SYSTEMS).overrides).toEqual({ exact: true });
    expect(systemArgs(sw, { exact: false }, SYSTEMS).overrides).toEqual({ exact: false });
    expect(() => systemArgs(sw, { exact: 'maybe' }, SYSTEMS)).toThrow(/--exact: expected a switch: --exact or --exact=false, got 'maybe'/);
  });

  it('a scenario file of its own is found and validated with its schema', async () => {
    const f = tempFile('toy.yaml', 'system: toy\nwork: 3\nrat_hz: 5\n');
    await expect(toySystem.load(f)).rejects.toThrow(/unknown key 'rat_hz'.*did you mean 'rate_hz'/);
    const good = tempFile('good.yaml', 'system: toy\nwork: 3\nrate_hz: 5\n');
    const s = await toySystem.load(good, { work: 6 });
    expect(s.config).toEqual({ system: 'toy', work: 6, rate_hz: 5, mode: 'fast' });
    expect(s.path).toBe(good);
  });
});

/** The SkipPipe CLI and JSON contract: `hetsim simulate … --schedule … [--paths] [--json] [--trace] [--timings]`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../scratch.js';
import { hetsim } from '../../cli/harness.js';
import { skippipeSystem } from '../../../src/systems/skippipe/descriptor.js';

const GEO20 = 'models/scenarios/skippipe-geo20.yaml';

describe('hetsim simulate skippipe', () => {
  it('--json carries the contract keys at top level and every metric flat; no wall clock by default', () => {
    const r = hetsim(['simulate', GEO20, '--schedule', 'skippipe-no-tc2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.system).toBe('skippipe');
    expect(j.schedule).toBe('skippipe-no-tc2');
    for (const k of ['iteration_s', 'paths', 'partitions', 'utilization', 'collisions', 'collision_wait_s']) expect(j).toHaveProperty(k);
    expect(Object.keys(j.utilization).sort()).toEqual(['max', 'mean', 'min']);
    expect(j.paths[0]).toHaveLength(4);
    expect(j.partitions.map((p: number[]) => p.length)).toEqual([5, 3, 3, 3, 3, 3]);
    expect(Object.keys(j.metrics)).toEqual(skippipeSystem.metrics.map((m) => m.name));
    expect(j.metrics.iteration_s).toBe(j.iteration_s);
    expect(j.metrics.utilization_mean).toBe(j.utilization.mean);
    expect(j.metrics.collisions).toBe(j.collisions);
    expect(j).not.toHaveProperty('scheduler_s');
  });

  it('--timings adds scheduler_s; --trace writes a Perfetto trace; --export-paths re-imports with --paths to the same iteration', () => {
    const dir = scratchDir();
    const trace = join(dir, 'trace.json');
    const paths = join(dir, 'paths.json');
    const a = hetsim(['simulate', GEO20, '--schedule', 'random-skip', '--json', '--timings', '--trace', trace, '--export-paths', paths]);
    expect(a.code, a.stderr).toBe(0);
    const ja = JSON.parse(a.stdout);
    expect(ja.scheduler_s).toBeGreaterThan(0);
    const t = JSON.parse(readFileSync(trace, 'utf8'));
    expect(t.traceEvents.some((e: { name: string }) => e.name.startsWith('backward'))).toBe(true);
    const b = hetsim(['simulate', GEO20, '--schedule', 'random-skip', '--json', '--paths', paths]);
    expect(b.code, b.stderr).toBe(0);
    const jb = JSON.parse(b.stdout);
    expect(jb.source).toBe(paths);
    expect(jb.paths).toEqual(ja.paths);
    expect(jb.iteration_s).toBe(ja.iteration_s);
  });

  it('text output names the schedule and the iteration', () => {
    const r = hetsim(['simulate', GEO20, '--schedule', 'full']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^skippipe full: 20 nodes, stages \[5,3,3,3,3,3\]/);
    expect(r.stdout).toMatch(/iteration +\d+\.\d+ s/);
  });
});

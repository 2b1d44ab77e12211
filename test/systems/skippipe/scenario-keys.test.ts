/**
 * No SkipPipe scenario key is silently ignored: changing each documented key moves the result
 * (or the key is a label that the result's config carries). Reference: skippipe-geo20.yaml cut to
 * 8 nodes, 4 stages [2,2,2,2], P = 3, so each run takes a fraction of a second.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../scratch.js';
import { PUBLIC_SCHEDULE, rawScenario, ROOT, run, type Raw } from './helpers.js';
import type { SkippipeSystemResult } from '../../../src/systems/skippipe/descriptor.js';

function small(): Raw {
  const r = rawScenario();
  r.nodes.count = 8;
  r.model.layers = 16;
  r.pipeline = { stages: [2, 2, 2, 2], path_length: 3, memory_slots: 3, microbatches_per_stage0_node: 6 };
  r.scheduler = { seed: 1, search_evaluations: 60 };
  return r;
}

function variant(edit: (r: Raw) => void): Raw {
  const r = small();
  edit(r);
  return r;
}

const cache = new Map<string, SkippipeSystemResult>();
async function sim(raw: Raw, mode: string): Promise<SkippipeSystemResult> {
  const key = `${mode} ${JSON.stringify(raw)}`;
  if (!cache.has(key)) cache.set(key, await run(raw, mode));
  return cache.get(key)!;
}

/** What a key may move: any of the simulated quantities. */
const fingerprint = (r: SkippipeSystemResult) => JSON.stringify([r.iteration_s, r.paths, r.partitions, r.layer_coverage, r.microbatches, r.collisions, r.source, r.scheduler_s !== undefined]);

function tableWithFasterLinks(): string {
  const t = JSON.parse(readFileSync(join(ROOT, 'models/networks/gcp-12-regions.json'), 'utf8'));
  for (const l of t.links) l.bandwidth_GiBps *= 2;
  const p = join(scratchDir(), 'faster.json');
  writeFileSync(p, JSON.stringify(t));
  return p;
}

const CASES: [string, string, (r: Raw) => void][] = [
  ['schedule', 'scenario', (r) => (r.schedule = 'full')],
  ['nodes.count', 'full', (r) => ((r.nodes.count = 9), (r.pipeline.stages = [3, 2, 2, 2]))],
  ['nodes.regions', 'full', (r) => (r.nodes.regions = '5-clusters')],
  ['nodes.speed', 'full', (r) => (r.nodes.speed = 2)],
  ['nodes (a list of {region, speed})', 'full', (r) => (r.nodes = Array.from({ length: 8 }, (_, i) => ({ region: i < 4 ? 'Germany' : 'Iowa', speed: 1 })))],
  ['network.table', 'full', (r) => (r.network.table = tableWithFasterLinks())],
  ['network.hop_overhead_s', 'full', (r) => (r.network.hop_overhead_s = 0.1)],
  ['network.contention', 'full', (r) => (r.network.contention = true)],
  ['model.layers', 'full', (r) => (r.model.layers = 32)],
  ['model.hidden', 'full', (r) => (r.model.hidden = 2048)],
  ['model.sequence', 'full', (r) => (r.model.sequence = 512)],
  ['model.bytes_per_element', 'full', (r) => (r.model.bytes_per_element = 2)],
  ['model.samples_per_microbatch', 'full', (r) => (r.model.samples_per_microbatch = 4)],
  ['model.forward_s_per_sample_per_layer', 'full', (r) => (r.model.forward_s_per_sample_per_layer = 0.1)],
  ['model.backward_factor', 'full', (r) => (r.model.backward_factor = 2)],
  ['model.loss_factor', 'full', (r) => (r.model.loss_factor = 1)],
  ['pipeline.stages', 'full', (r) => (r.pipeline.stages = [3, 2, 2, 1])],
  ['pipeline.path_length', 'skippipe-no-tc2', (r) => (r.pipeline.path_length = 4)],
  ['pipeline.memory_slots', 'skippipe-no-tc2', (r) => (r.pipeline.memory_slots = 2)],
  ['pipeline.microbatches_per_stage0_node', 'full', (r) => (r.pipeline.microbatches_per_stage0_node = 3)],
  ['pipeline.full_microbatches_per_pipeline', 'full', (r) => (r.pipeline.full_microbatches_per_pipeline = 2)],
  ['scheduler.seed', 'random-skip', (r) => (r.scheduler.seed = 7)],
  ['timings', 'full', (r) => (r.timings = true)],
];

describe('every skippipe scenario key acts on the result', () => {
  it.each(CASES)('%s', async (_key, mode, edit) => {
    const m = mode === 'scenario' ? 'skippipe' : mode;
    const ref = await sim(small(), m);
    const changed = mode === 'scenario' ? await run(variant(edit)) : await sim(variant(edit), m);
    expect(fingerprint(changed)).not.toBe(fingerprint(ref));
  });

  it('scheduler.search_evaluations acts (more collision-aware simulations, a faster schedule here)', async () => {
    const few = await run(variant((x) => (x.scheduler.search_evaluations = 2)), 'skippipe');
    const many = await run(variant((x) => (x.scheduler.search_evaluations = 600)), 'skippipe');
    expect(many.iteration_s).toBeLessThan(few.iteration_s);
  });

  it('network.latency_ms / bandwidth_GiBps (explicit matrices) act', async () => {
    const n = 8;
    const mat = (v: (i: number, j: number) => number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : v(i, j))));
    const base = (lat: number) => variant((r) => {
      r.nodes = { count: n };
      r.network = { latency_ms: mat((i, j) => lat * (1 + ((i + j) % 3))), bandwidth_GiBps: mat(() => 0.05) };
    });
    const a = await run(base(10), 'full');
    const b = await run(base(500), 'full');
    expect(b.iteration_s).toBeGreaterThan(a.iteration_s);
  });

  it('paths imports a schedule instead of computing one', async () => {
    const r = await run(variant((x) => (x.paths = PUBLIC_SCHEDULE)), 'skippipe');
    expect(r.source).toBe(PUBLIC_SCHEDULE);
    expect(r.nodes).toHaveLength(20); // the public file's own 20 nodes
  });

  it('name is a label the result carries', async () => {
    const r = await run(variant((x) => (x.name = 'renamed')), 'full');
    expect(r.config.name).toBe('renamed');
  });
});

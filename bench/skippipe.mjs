// SkipPipe scheduler speed and schedule quality (`node bench/skippipe.mjs` after `npm run build`).
// Ratios measured in one run on this machine, never asserted by a test:
//  - hetsim's scheduler wall time (allocation + path search, geo20) against the public scheduler's
//    recorded 382 s for its own script on the same 20-node setup (2-vCPU VM, sequential joblib stand-in);
//  - schedule quality side by side: hetsim's skippipe schedule vs the public scheduler's paths for the
//    same inputs, both simulated by hetsim (the fixture produced by running the public scheduler once,
//    and the public schedule.json on its own network);
//  - how scheduler time grows from 20 to 42 to 100 nodes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { skippipeSystem } = await import(join(root, 'dist/systems/skippipe/descriptor.js'));
const PUBLIC_WALL_S = 382; // spec §7: create_schedule.py at 7f20d8a6, geo20 defaults, 2 vCPU, sequential joblib
const geo20 = join(root, 'models/scenarios/skippipe-geo20.yaml');
const geo42 = join(root, 'models/scenarios/skippipe-geo42.yaml');
const fixtures = join(root, 'test/systems/skippipe/fixtures');

async function run(ref, mode, overrides = {}) {
  const s = await skippipeSystem.load(ref, { timings: true, ...overrides }, root);
  return skippipeSystem.run(s, { mode });
}
const f2 = (x) => x.toFixed(2);

console.log('SkipPipe scheduler (allocation + path search), this machine:');
const g20 = await run(geo20, 'skippipe');
console.log('  (the public scheduler, run once for the fixture on a shared 2-core machine: 412.5 s CPU, 16:48 wall)');
console.log(`  geo20 skippipe: ${f2(g20.scheduler_s)} s wall vs public ${PUBLIC_WALL_S} s → ${(PUBLIC_WALL_S / g20.scheduler_s).toFixed(0)}× faster; iteration ${f2(g20.iteration_s)} s`);

console.log('Schedule quality, both simulated by hetsim (iteration s; ratio hetsim / public):');
const own = join(fixtures, 'public-scheduler-geo20.json');
if (existsSync(own)) {
  const { simulateIteration } = await import(join(root, 'dist/systems/skippipe/pipeline-sim.js'));
  const { readFileSync } = await import('node:fs');
  const pubFile = JSON.parse(readFileSync(own, 'utf8'));
  const base = await skippipeSystem.load(geo20, {}, root);
  for (const mode of ['skippipe', 'skippipe-no-tc2', 'random-skip', 'full']) {
    // the public CA paths break TC1 (4 agents on node 4), so --paths refuses them: simulate them directly
    const pubS =
      mode === 'skippipe'
        ? simulateIteration(base.problem, { partitions: pubFile.partitions, streams: pubFile.schedules.skippipe }).iterationS
        : (await run(geo20, mode, { paths: own })).iteration_s;
    // full: 9 microbatches per pipeline like the public baseline (27 in all)
    const ours = mode === 'skippipe' ? g20 : await run(geo20, mode, mode === 'full' ? { 'pipeline.full_microbatches_per_pipeline': 9 } : {});
    console.log(`  geo20 ${mode.padEnd(16)} hetsim ${f2(ours.iteration_s)}  public scheduler ${f2(pubS)}  ratio ${(ours.iteration_s / pubS).toFixed(3)}`);
  }
} else console.log(`  (no ${own}: run the public scheduler once, see fixtures/README.md)`);
{
  const file = join(fixtures, 'public-schedule.json');
  const pub = await run(geo20, 'skippipe', { paths: file });
  const { importPaths } = await import(join(root, 'dist/systems/skippipe/paths-file.js'));
  const { searchPaths } = await import(join(root, 'dist/systems/skippipe/path-search.js'));
  const { simulateIteration } = await import(join(root, 'dist/systems/skippipe/pipeline-sim.js'));
  const { readFileSync } = await import('node:fs');
  const base = await skippipeSystem.load(geo20, {}, root);
  const imp = importPaths(file, readFileSync(file, 'utf8'), 'skippipe', base.problem);
  const t0 = performance.now();
  const ours = simulateIteration(imp.problem, searchPaths(imp.problem, imp.schedule.partitions, 'skippipe')).iterationS;
  const t = (performance.now() - t0) / 1000;
  console.log(`  schedule.json network, its partitions: hetsim ${f2(ours)} (${f2(t)} s search)  its ca-paths ${f2(pub.iteration_s)}  ratio ${(ours / pub.iteration_s).toFixed(3)}`);
}

console.log('Scheduler growth (skippipe: allocation + path search):');
const g100 = {
  system: 'skippipe',
  name: 'geo100',
  nodes: { count: 100, regions: 'geo-distributed' },
  network: { table: 'gcp-12-regions' },
  model: { layers: 32, hidden: 1024, sequence: 1024, samples_per_microbatch: 8, forward_s_per_sample_per_layer: 0.055 },
  pipeline: { stages: [16, 12, 12, 12, 12, 12, 12, 12], path_length: 6, memory_slots: 3, microbatches_per_stage0_node: 6 },
};
const rows = [['geo20', g20]];
rows.push(['geo42', await run(geo42, 'skippipe')]);
rows.push(['geo100', await run(g100, 'skippipe')]);
for (const [name, r] of rows) {
  const full = await run(name === 'geo20' ? geo20 : name === 'geo42' ? geo42 : g100, 'full');
  console.log(`  ${name.padEnd(7)} ${String(r.nodes.length).padStart(3)} nodes: ${f2(r.scheduler_s)} s (×${(r.scheduler_s / g20.scheduler_s).toFixed(1)} of geo20); skippipe ${f2(r.iteration_s)} s vs full ${f2(full.iteration_s)} s`);
}

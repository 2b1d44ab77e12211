// Sweep throughput (called from bench/run.mjs; `node bench/sweep.mjs` after `npm run build`):
// a 1,000-config roofline sweep and a 48-config small cycle-level NeuPIMs sweep (TP 32 shrinks each config to ~0.3 s), each on 1 and on
// 2 workers, against the same jobs run in-process one after another. Reports the speedup of 2
// workers over 1 and the pool's overhead per job (wall time on 1 worker, less planning, per job minus
// the job's in-process time): ratios measured in one run on this machine, never asserted by a test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { runSweep } = await import(join(root, 'dist/sweep/run-sweep.js'));
const { planSweep } = await import(join(root, 'dist/sweep/plan.js'));
const { runTask } = await import(join(root, 'dist/sweep/tasks.js'));

const dir = mkdtempSync(join(tmpdir(), 'hetsim-bench-sweep-'));
const specs = {
  'roofline, 1,000 decode configs (2 devices × 25 batches × 10 contexts × 2 modes)': `kind: roofline
base: {model: llama-2-7b, hardware: h100-sxm, stage: decode}
modes: [ideal, calibrated]
axes:
  hardware: [h100-sxm, h200]
  batch: {from: 1, to: 25, step: 1}
  seq: {from: 256, to: 2560, step: 256}
`,
  'neupims, 48 cycle-level configs (GPT3-7B at TP 32, 1 layer; 4 batches × 3 NPU clocks × 2 placements × 2 modes)': `kind: neupims
base: ${join(root, 'models/scenarios/neupims-gpt3-7b.yaml')}
modes: [npu-pim-naive, npu-only]
axes:
  batch: [8, 16, 24, 32]
  npu.freq_mhz: [500, 750, 1000]
  placement: [rr, clb]
zip:
  - layers: [1]
    steady_state_layers: [1]
    parallelism.tp: [32]
`,
};

const time = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

console.log(`\nSweeps (hetsim sweep, in one process; ${availableParallelism()} cores):`);
try {
  for (const [label, text] of Object.entries(specs)) {
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, text);
    let plan;
    const planMs = await time(async () => (plan = await planSweep(spec)));
    const n = plan.configs.length;
    await runTask(plan.configs[0].task); // warm the in-process caches, as the workers' first job does
    const inProcess = await time(async () => {
      for (const c of plan.configs) await runTask(c.task);
    });
    const wall = {};
    for (const workers of [1, 2]) {
      const out = join(dir, `out-${workers}-${n}`);
      wall[workers] = await time(() => runSweep(spec, { out, workers, timeoutS: 0, retries: 0, progress: false }));
    }
    // runSweep plans again (expands and loads every config) before it runs: not pool overhead; nor is the
    // pool's start-up (worker threads loading the modules), timed on a one-config sweep of the same spec
    const one = join(dir, 'one.yaml');
    writeFileSync(one, text.replace(/axes:\n(  .*\n)+/, 'axes:\n  batch: [8]\n'));
    const startup = await time(() => runSweep(one, { out: join(dir, `one-${n}`), workers: 1, timeoutS: 0, retries: 0, progress: false }));
    const overhead = (wall[1] - planMs - inProcess) / n;
    const marginal = (wall[1] - planMs - inProcess - startup) / n;
    console.log(`  ${label}: ${n} configs`);
    console.log(`    planning (expand + load every config): ${planMs.toFixed(0)} ms`);
    console.log(`    in-process, one after another: ${inProcess.toFixed(0)} ms (${(inProcess / n).toFixed(2)} ms/config)`);
    console.log(`    1 worker: ${wall[1].toFixed(0)} ms, 2 workers: ${wall[2].toFixed(0)} ms: speedup ${(wall[1] / wall[2]).toFixed(2)}×; pool + results-file overhead ${overhead.toFixed(2)} ms/job with the pool's start-up (${startup.toFixed(0)} ms for a one-config sweep), ${marginal.toFixed(2)} ms/job without`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

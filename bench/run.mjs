// `npm run bench`: roofline analyzer throughput (tinybench, in-process) and the wall time of the
// 405-task generate grid through one `hetsim roofline --input` process, Node start-up included.
// Performance claims live here, never in tests: these machines are noisy, so we report medians.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { generateGrid } from './roofline-grid.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { analyze } = await import(join(root, 'dist/systems/roofline/analyze.js'));
const { loadDevice, loadModel } = await import(join(root, 'dist/systems/preset-registry.js'));

const bits16 = { w: 16, a: 16, kv: 16 };
const m7 = await loadModel('llama-2-7b');
const m70 = await loadModel('llama-2-70b');
const a100 = await loadDevice('nvidia_A100');
const h200 = await loadDevice('h200');
const req = (o) => ({ model: 'x', hardware: 'y', batch: 8, seq: 1024, gen: 128, bits: bits16, flash: false, tp: 1, ...o });

const bench = new Bench({ time: 1000, warmupTime: 200 });
bench
  .add('llm-viewer decode step (7B, A100)', () => analyze(req({ stage: 'decode', mode: 'llm-viewer' }), m7, a100))
  .add('ideal prefill step (70B, H200, flash, tp 4)', () => analyze(req({ stage: 'prefill', mode: 'ideal', flash: true, tp: 4 }), m70, h200))
  .add('calibrated decode step (70B, H200)', () => analyze(req({ stage: 'decode', mode: 'calibrated' }), m70, h200))
  .add('llm-viewer generate task (7B, A100, 1024 + 128 steps)', () => analyze(req({ stage: 'generate', mode: 'llm-viewer' }), m7, a100));
await bench.run();
console.log('In-process analyses (tinybench, median):');
for (const t of bench.tasks) {
  const lat = t.result.latency?.p50 ?? t.result.latency?.mean;
  console.log(`  ${t.name.padEnd(56)} ${(1000 / lat).toFixed(0).padStart(9)} analyses/s  (${(lat * 1000).toFixed(1)} us)`);
}

const dir = mkdtempSync(join(tmpdir(), 'hetsim-bench-'));
const input = join(dir, 'grid.jsonl');
const grid = generateGrid();
writeFileSync(input, grid.map((g) => JSON.stringify(g)).join('\n') + '\n');
// Run as a program (as `npx hetsim` and PATH links run it), the launcher bin/hetsim.js (a shell/JS
// polyglot) drops NODE_EXTRA_CA_CERTS (set on this sandbox for its proxy; Node 20 parses that bundle
// before any user code runs) and starts `roofline --input` from the build's heap snapshot.
// `node bin/hetsim.js` does neither. Timed: the program (output piped, and to a file); plain node in
// the environment as it is; plain node without the variable. Output is piped into this process (kept
// as bytes: decoding 3.7 MB would be the harness's time, not hetsim's) or (`toFile`) written to a
// file, as `hetsim … > results.jsonl` does.
const output = join(dir, 'results.jsonl');
const timeRuns = (n, cmd, args, env, toFile = false) => {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const fd = toFile ? openSync(output, 'w') : undefined;
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, env, stdio: ['ignore', toFile ? fd : 'pipe', 'pipe'] });
    ms.push(performance.now() - t0);
    if (toFile) closeSync(fd);
    if (r.status !== 0) throw new Error(String(r.stderr));
    if (toFile && statSync(output).size < 1 << 18) throw new Error(`${output}: the grid's results are missing`);
    if (!toFile && args.includes('--input') && r.stdout.filter((b) => b === 10).length !== grid.length) throw new Error(`${cmd} ${args.join(' ')}: expected ${grid.length} result lines`);
  }
  return ms;
};
const bin = join(root, 'bin/hetsim.js');
const gridArgs = ['roofline', '--input', input];
const { NODE_EXTRA_CA_CERTS: certs, ...envWithoutCerts } = process.env;
const ways = [
  { label: "'bin/hetsim.js roofline --input …' (run as a program: no NODE_EXTRA_CA_CERTS, start-up snapshot)", cmd: bin, args: gridArgs, env: process.env },
  { label: "the same, output to a file instead of a pipe", cmd: bin, args: gridArgs, env: process.env, toFile: true },
  // What LLM-Viewer's analyze_generate_task returns for a generate task: totals (here with phases and memory), no rows.
  { label: "the same with --summary (no per-layer rows: totals, phases, memory), piped", cmd: bin, args: [...gridArgs, '--summary'], env: process.env },
  { label: "'node bin/hetsim.js roofline --input …', environment as is", cmd: process.execPath, args: [bin, ...gridArgs], env: process.env },
];
if (certs) ways.push({ label: "'node bin/hetsim.js roofline --input …' without NODE_EXTRA_CA_CERTS", cmd: process.execPath, args: [bin, ...gridArgs], env: envWithoutCerts });
// Interleaved, so that a slow stretch of the host hits every way alike.
for (const w of ways) w.walls = [];
for (let i = 0; i < 11; i++) for (const w of ways) w.walls.push(...timeRuns(1, w.cmd, w.args, w.env, w.toFile));
rmSync(dir, { recursive: true, force: true });
const node0 = { asIs: timeRuns(7, process.execPath, ['-e', '0'], process.env), without: certs ? timeRuns(7, process.execPath, ['-e', '0'], envWithoutCerts) : null };
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const inproc = [];
for (let i = 0; i < 5; i++) {
  const r = spawnSync(process.execPath, [join(root, 'bench/grid-inprocess.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  inproc.push(JSON.parse(r.stdout));
}
const llmViewerS = 2.9; // LLM-Viewer's in-process time for this grid on this machine kind (issue #2)
console.log(`\nGenerate grid: ${grid.length} tasks (prefill + 128 decode steps each) through one 'hetsim roofline --input' process`);
for (const w of ways) {
  console.log(`  ${w.label}:`);
  console.log(`    wall time, Node start-up included: median ${med(w.walls).toFixed(0)} ms of ${w.walls.length} runs (min ${Math.min(...w.walls).toFixed(0)} ms), ${(llmViewerS * 1000 / med(w.walls)).toFixed(1)}× LLM-Viewer's ${llmViewerS} s`);
}
console.log(`  bare 'node -e 0': median ${med(node0.asIs).toFixed(0)} ms as is${node0.without ? `, ${med(node0.without).toFixed(0)} ms without NODE_EXTRA_CA_CERTS` : ''}`);
const cold = med(inproc.map((x) => x.cold_ms));
const warm = med(inproc.map((x) => x.warm_ms));
console.log(`  in-process, analysis + JSON (${(inproc[0].bytes / 1e6).toFixed(1)} MB): first pass in a fresh process ${cold.toFixed(0)} ms (${(llmViewerS * 1000 / cold).toFixed(0)}×), warm ${warm.toFixed(1)} ms (${(llmViewerS * 1000 / warm).toFixed(0)}×)`);

// NeuPIMs: one decoder layer of GPT3-7B TP4 batch 512 (trace clb-0) without interleaving, the layer
// the public C++ simulator needs ≈ 76 s of CPU for at -O2 on this machine kind (shared/specs/neupims.md §9).
const referenceS = 76;
const layerRuns = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'simulate', 'neupims-gpt3-7b', '--mode', 'npu-pim-naive', '--layers', '1', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(r.stderr);
  const j = JSON.parse(r.stdout);
  const commands = Object.values(j.dram_commands).reduce((a, b) => a + b, 0);
  layerRuns.push({ wall, cycles: j.layer_cycles, commands });
}
const wallMed = med(layerRuns.map((x) => x.wall));
const { cycles, commands } = layerRuns[0];
console.log(`\nNeuPIMs, one GPT3-7B layer without interleaving (npu-pim-naive, ${cycles} cycles, ${(commands / 1e6).toFixed(2)} M DRAM commands), one process:`);
console.log(`  wall time, start-up included: median ${(wallMed / 1000).toFixed(2)} s of ${layerRuns.length} runs (min ${(Math.min(...layerRuns.map((x) => x.wall)) / 1000).toFixed(2)} s)`);
console.log(`  ${((cycles / wallMed) * 1000 / 1000).toFixed(1)} k cycles/s, ${((commands / wallMed) * 1000 / 1e6).toFixed(2)} M commands/s; ${(referenceS * 1000 / wallMed).toFixed(1)}× the public simulator's ≈ ${referenceS} s`);

// Sweeps through the worker pool: 1 vs 2 workers, overhead per job (bench/sweep.mjs).
await import('./sweep.mjs');

// One section per further system (each script also runs on its own: node bench/<system>.mjs).
for (const s of ['flightllm', 'holmes', 'skippipe']) {
  console.log(`\n== ${s} (bench/${s}.mjs)`);
  await import(`./${s}.mjs`);
}

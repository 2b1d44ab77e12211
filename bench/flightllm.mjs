// FlightLLM simulation speed: `node bench/flightllm.mjs` after `npm run build`. Compiles and executes the
// demo's VHK158 cases on one SLR (the demo profiler's single instruction stream) and prints simulated
// instructions per wall second, and the wall-time ratio against the demo's Python profiler. The demo's
// wall times were NOT measured in this run: they were recorded on 2026-12-07 on a 2-vCPU AMD EPYC VM
// (test/systems/flightllm/fixtures/demo-profiler.json, `demo_rerun`); this script re-times hetsim only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
const { readConfigFile } = await import(join(root, 'dist/config/read-file.js'));
const { parseFlightScenario } = await import(join(root, 'dist/systems/flightllm/scenario.js'));
const { resolveFlight } = await import(join(root, 'dist/systems/flightllm/resolve.js'));
const { compileDecodeStep, compilePrefill } = await import(join(root, 'dist/systems/flightllm/compiler.js'));
const { Executor } = await import(join(root, 'dist/systems/flightllm/executor.js'));

const demo = JSON.parse(readFileSync(join(root, 'test/systems/flightllm/fixtures/demo-profiler.json'), 'utf8')).demo_rerun;
const path = join(root, 'models/scenarios/flightllm-vhk158-llama2-7b.yaml');
const raw = await readConfigFile(path, 'scenario');
const r = await resolveFlight(parseFlightScenario({ ...raw, slrs: 1, decode: 0 }, path));

/** Best of `reps` wall times of compile + execute. */
function time(compile, reps) {
  let best = Infinity, instructions = 0, simMs = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const st = new Executor(compile().map((p) => p.instrs), { ...r.exec, trace: false }).run();
    const dt = performance.now() - t0;
    if (dt < best) best = dt;
    instructions = st.instructions;
    simMs = st.endPs / 1e9;
  }
  return { wallS: best / 1e3, instructions, simMs };
}

const cases = [
  ['llama2_decode_token_256', () => compileDecodeStep(r.compile, 256), 5],
  ['llama2_decode_token_1024', () => compileDecodeStep(r.compile, 1024), 5],
  ['llama2_decode_token_2032', () => compileDecodeStep(r.compile, 2032), 5],
  ['llama2_prefill_token_128', () => compilePrefill(r.compile, 128), 3],
];
console.log(`FlightLLM bench (${cpus()[0]?.model ?? 'cpu'}, node ${process.version}); demo times recorded ${demo.date} on ${demo.machine}`);
time(() => compileDecodeStep(r.compile, 512), 2); // warm up the JIT
console.log('case                          hetsim instr  hetsim wall s  instr/s      demo instr  demo wall s  demo instr/s  instr/s ratio  wall ratio (demo/hetsim)');
for (const [name, compile, reps] of cases) {
  const h = time(compile, reps);
  const d = demo.cases[name];
  const demoInstr = JSON.parse(readFileSync(join(root, 'test/systems/flightllm/fixtures/demo-profiler.json'), 'utf8'))[name.includes('decode') ? 'decode' : 'prefill'][name.split('_').pop()].instructions;
  console.log(
    `${name.padEnd(30)}${String(h.instructions).padStart(12)}  ${h.wallS.toFixed(3).padStart(13)}  ${Math.round(h.instructions / h.wallS).toExponential(2).padStart(9)}  ${String(demoInstr).padStart(10)}  ${d.wall_s.toFixed(2).padStart(11)}  ${Math.round(demoInstr / d.wall_s).toExponential(2).padStart(12)}  ${(h.instructions / h.wallS / (demoInstr / d.wall_s)).toFixed(1).padStart(12)}x  ${(d.wall_s / h.wallS).toFixed(0).padStart(8)}x`,
  );
}
console.log('hetsim emits coarser instructions than the demo (a weight tile per LD/MV, not per 16 columns): compare instr/s, and read the wall ratio as time-to-answer for the same case.');

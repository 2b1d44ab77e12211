// The generate grid inside one fresh process: the first pass (cold: V8 still interpreting and
// compiling) and a later pass (warm), analysis + JSON serialisation only, no start-up or I/O.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateGrid } from './roofline-grid.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { prepare } = await import(join(root, 'dist/systems/roofline/analyze.js'));
const { toRequest } = await import(join(root, 'dist/systems/roofline/request.js'));
const { loadDevice, loadModel } = await import(join(root, 'dist/systems/preset-registry.js'));

const reqs = generateGrid().map((g) => toRequest(g));
const models = new Map();
const devices = new Map();
for (const r of reqs) {
  if (!models.has(r.model)) models.set(r.model, await loadModel(r.model));
  if (!devices.has(r.hardware)) devices.set(r.hardware, await loadDevice(r.hardware));
}
const pass = () => {
  const t0 = performance.now();
  let bytes = 0;
  for (const r of reqs) bytes += JSON.stringify(prepare(r, models.get(r.model), devices.get(r.hardware))()).length;
  return { ms: performance.now() - t0, bytes };
};
const cold = pass();
let warm = pass();
for (let i = 0; i < 5; i++) {
  const p = pass();
  if (p.ms < warm.ms) warm = p;
}
process.stdout.write(JSON.stringify({ cold_ms: cold.ms, warm_ms: warm.ms, bytes: cold.bytes }));

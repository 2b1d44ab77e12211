// Build step (after tsc and compile-presets): the start-up snapshot of `hetsim roofline --input`.
// 1. esbuild bundles dist/cli/roofline-snapshot.js and the batch path into one CommonJS script
//    (Node 20's --build-snapshot takes a single script that may require only built-in modules);
//    dynamic imports (the YAML/zod/mathjs loaders) stay out — the snapshot hands those runs over.
// 2. `node --build-snapshot-config` runs it and saves the heap to dist/snapshot/roofline-batch.blob.
// 3. dist/snapshot/roofline-batch.node names the Node binary that built it, with that binary's
//    mtime, so the launcher (bin/hetsim.js) uses the blob only with the same Node.
// The snapshot only speeds start-up: if any step fails, the build warns and the launcher runs
// without it (test/cli/snapshot.test.ts fails on CI, so a broken build does not go unnoticed).
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outDir = `${dist}snapshot/`;
const script = `${outDir}roofline-batch.cjs`;
const blob = `${outDir}roofline-batch.blob`;
const stamp = `${outDir}roofline-batch.node`;
// The one module on the batch path that locates files from its own URL (the preset root).
const registry = `${dist}systems/preset-registry.js`;

function fail(msg) {
  console.error(`hetsim: warning: start-up snapshot not built (${msg}); bin/hetsim.js runs without it`);
  process.exit(0);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const keepDynamicImportsOut = {
  name: 'keep-dynamic-imports-out',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined));
  },
};
let result;
try {
  result = await build({
    entryPoints: [`${dist}cli/roofline-snapshot.js`],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: script,
    metafile: true,
    logLevel: 'silent',
    plugins: [keepDynamicImportsOut],
    // In a CommonJS bundle import.meta is empty; the registry's URL is where it was compiled to.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(registry).href) },
  });
} catch (e) {
  fail(`esbuild: ${e.message}`);
}
// The define above is right for the registry only: refuse a bundle where another module reads import.meta.
for (const input of Object.keys(result.metafile.inputs)) {
  const abs = realpathSync(input);
  if (abs !== realpathSync(registry) && readFileSync(abs, 'utf8').includes('import.meta')) fail(`${input} uses import.meta`);
}

// Built as the launcher will run it: no NODE_OPTIONS (V8 flags are part of a snapshot's identity).
const { NODE_OPTIONS: _ignored, ...env } = process.env;
// Without the code cache of Node's own built-in modules: the batch path compiles few of them, and the
// cache is 2.8 of the blob's 4.4 MB, read and copied at every start (≈ 1,400 page faults, ≈ 3.5 µs each
// on the CI machine kind). One-config start-up 47-49 vs 53-55 ms; grid 127-151 vs 144-156 ms (3 blocks of 15 runs, perf stat).
const config = `${outDir}roofline-batch.config.json`;
writeFileSync(config, JSON.stringify({ builder: script, withoutCodeCache: true }));
const tmp = `${blob}.tmp`;
const r = spawnSync(process.execPath, ['--snapshot-blob', tmp, '--build-snapshot-config', config], { env, encoding: 'utf8' });
rmSync(config);
if (r.status !== 0) fail(`node --build-snapshot-config exited ${r.status}: ${(r.stderr || '').trim()}`);

const node = realpathSync(process.execPath);
writeFileSync(stamp, `${node}\n`);
const { atime, mtime } = statSync(node);
utimesSync(stamp, atime, mtime);
renameSync(tmp, blob); // last: the launcher looks for the blob first
console.error(`hetsim: start-up snapshot for 'roofline --input' built (${(statSync(blob).size / 2 ** 20).toFixed(1)} MiB, ${node})`);

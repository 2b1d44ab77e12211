/**
 * Builder script of the start-up snapshot for `hetsim roofline --input …`.
 *
 * `npm run build` bundles this file and what it imports into one script and runs it under
 * `node --build-snapshot` (scripts/build-snapshot.mjs), which saves the heap with every module of
 * the batch path already loaded. The launcher (bin/hetsim.js) starts Node from that blob when it is
 * run as a program with `roofline … --input`: no module resolution, no module compilation, about
 * 25 ms less per process on the CI machine kind (see README, Speed).
 *
 * A snapshot cannot import modules, so anything beyond the compiled presets goes to the full CLI,
 * run as a child with the same arguments (and the same stdin text): a preset that needs parsing
 * (a file path, or a YAML changed since the build), arguments the fast path does not take, or a
 * blob that was built in another checkout. Nothing has been written when that happens: the batch
 * path validates every line before its first output.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startupSnapshot } from 'node:v8';
import { presetRoot, PresetParserUnavailable, withoutPresetParser } from '../systems/preset-registry.js';
import { endQuietlyOnClosedPipe, fastBatchArgs, printError } from './fast-path.js';
import { readInput, runBatchText } from './roofline-batch.js';

/** Runs `node <launcher> <args>` and ends this process with its exit status. */
function handOver(launcher: string, args: string[], stdinText?: string): never {
  const r = spawnSync(process.execPath, [launcher, ...args], {
    stdio: [stdinText === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'],
    input: stdinText,
    maxBuffer: Infinity,
  });
  if (r.error) throw r.error;
  process.exit(r.status ?? 1);
}

function sameDir(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true; // the usual case, without two realpath walks
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

async function runFromSnapshot(launcher: string, args: string[]): Promise<number> {
  const fast = fastBatchArgs(args);
  if (!fast || !sameDir(resolve(dirname(launcher), '..'), presetRoot())) handOver(launcher, args);
  endQuietlyOnClosedPipe();
  let text: string | undefined;
  try {
    text = await readInput(fast.input);
    return await runBatchText(text, fast.defaults, fast.summary);
  } catch (e) {
    if (e instanceof PresetParserUnavailable) handOver(launcher, args, fast.input === '-' ? text : undefined);
    return printError(e);
  }
}

// Decided when the snapshot is built: this process never imports the YAML/zod/mathjs loaders.
withoutPresetParser();

startupSnapshot.setDeserializeMainFunction(() => {
  // The launcher runs `node --snapshot-blob BLOB <launcher path> <args…>`.
  const [, launcher, ...args] = process.argv;
  runFromSnapshot(launcher, args).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.exitCode = printError(err);
    },
  );
});

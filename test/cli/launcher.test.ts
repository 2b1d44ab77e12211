/**
 * bin/hetsim.js run as a program (shell part): NODE_EXTRA_CA_CERTS dropped, and `roofline --input`
 * started from the heap snapshot that `npm run build` makes (scripts/build-snapshot.mjs), with the
 * same output and errors as a normal start and a hand-over to the full CLI for what the snapshot
 * cannot do. `npm test` builds first, so the snapshot must exist here.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../scratch.js';
import { ROOT, hetsim, tempFile } from './harness.js';

const BIN = join(ROOT, 'bin', 'hetsim.js');
const BLOB = join(ROOT, 'dist', 'snapshot', 'roofline-batch.blob');

function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, input: opts.input, env: opts.env ?? process.env, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** Runs the launcher as a program, under `sh -x` when the shell's decisions are to be seen. */
const asProgram = (args: string[], input?: string, env?: NodeJS.ProcessEnv) => run(BIN, args, { input, env });
const traced = (args: string[], env?: NodeJS.ProcessEnv) => run('sh', ['-x', BIN, ...args], { env });
const fromSnapshot = (args: string[], input?: string) => run(process.execPath, ['--snapshot-blob', BLOB, BIN, ...args], { input });

const lines = (objs: object[]) => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';
const GRID = lines(
  ['llama-2-7b', 'llama-2-70b'].flatMap((model) =>
    ['nvidia_A100', 'nvidia_H100'].flatMap((hardware) =>
      ['w16a16kv16', 'w8a8kv8'].map((bits) => ({ model, hardware, stage: 'generate', batch: 8, seq: 1024, gen: 128, bits, mode: 'llm-viewer' })),
    ),
  ).concat([{ model: 'meta-llama/Llama-2-7b-hf', hardware: 'h200', stage: 'decode', batch: 16, seq: 2048, mode: 'calibrated' } as never]),
);

describe('bin/hetsim.js as a program', () => {
  it('the build made a snapshot, and the launcher starts `roofline --input` from it', () => {
    expect(existsSync(BLOB)).toBe(true);
    const input = tempFile('grid.jsonl', GRID);
    const t = traced(['roofline', '--input', input]);
    expect(t.code).toBe(0);
    expect(t.stderr).toMatch(/\+ node (--\S+ )*--snapshot-blob \S+roofline-batch\.blob/);
    // Not for other commands, not when turned off.
    expect(traced(['roofline', '-m', 'llama-2-7b', '-H', 'h100-sxm']).stderr).not.toMatch(/snapshot-blob/);
    expect(traced(['roofline', '--input', input], { ...process.env, HETSIM_NO_SNAPSHOT: '1' }).stderr).not.toMatch(/snapshot-blob/);
  });

  it('gives byte-identical results to a normal start, from a file, from stdin and with flag defaults', () => {
    const input = tempFile('grid.jsonl', GRID);
    const normal = hetsim(['roofline', '--input', input]);
    expect(normal.code).toBe(0);
    expect(normal.stdout.split('\n').length).toBe(10);
    for (const r of [asProgram(['roofline', '--input', input]), fromSnapshot(['roofline', '--input', input]), fromSnapshot(['roofline', '--input', '-'], GRID)]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(normal.stdout);
      expect(r.stderr).toBe(normal.stderr);
    }
    const withDefaults = ['roofline', '--input', '-', '--stage', 'prefill', '--mode=ideal', '--flash'];
    expect(fromSnapshot(withDefaults, GRID.split('\n').slice(0, 2).join('\n')).stdout).toBe(hetsim(withDefaults, GRID.split('\n').slice(0, 2).join('\n')).stdout);
    // --summary is read by the snapshot's own argument parser, --no-summary after it turns it off again.
    const summary = hetsim(['roofline', '--summary', '--input', input]);
    expect(summary.stdout).not.toBe(normal.stdout);
    expect(fromSnapshot(['roofline', '--input', input, '--summary']).stdout).toBe(summary.stdout);
    expect(fromSnapshot(['roofline', '--summary', '--input', input, '--no-summary']).stdout).toBe(normal.stdout);
  });

  it('reports bad input exactly as a normal start does (exit 2, the line named, nothing on stdout)', () => {
    const bad = lines([{ model: 'llama-2-7b', hardware: 'h100-sxm' }, { model: 'llama-2-7b', hardware: 'h100-sxm', bits: 'w5a16' }]);
    for (const args of [['roofline', '--input', '-'], ['roofline', '--input', '/nonexistent/grid.jsonl']]) {
      const normal = hetsim(args, bad);
      const snap = fromSnapshot(args, bad);
      expect(normal.code).toBe(2);
      expect(snap).toEqual(normal);
    }
    const unknown = lines([{ model: 'llama-2-7x', hardware: 'h100-sxm' }]);
    expect(fromSnapshot(['roofline', '--input', '-'], unknown)).toEqual(hetsim(['roofline', '--input', '-'], unknown));
  });

  it('hands over to the full CLI what the snapshot cannot do: preset files, other flags, a moved checkout', () => {
    // A preset given as a file path needs the YAML/zod/mathjs loaders; stdin must reach the full CLI too.
    const filePreset = lines([{ model: 'models/llm/llama-2-7b.yaml', hardware: 'models/hardware/h100-sxm.yaml', stage: 'decode' }]);
    const normal = hetsim(['roofline', '--input', '-'], filePreset);
    expect(normal.code).toBe(0);
    expect(JSON.parse(normal.stdout).model).toBe('models/llm/llama-2-7b.yaml');
    expect(fromSnapshot(['roofline', '--input', '-'], filePreset)).toEqual(normal);
    // --csv is the yargs app's.
    const csvArgs = ['roofline', '--input', '-', '--csv'];
    const csv = hetsim(csvArgs, GRID);
    expect(fromSnapshot(csvArgs, GRID)).toEqual(csv);
    // A copy of the checkout whose A100 preset was then edited: the blob it carries was built for the
    // original's presets, so it must hand over rather than answer with the original's A100.
    const copy = scratchDir('hetsim-copy-');
    for (const d of ['bin', 'dist', 'models', 'package.json']) cpSync(join(ROOT, d), join(copy, d), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const a100 = join(copy, 'models', 'hardware', 'nvidia_A100.yaml');
    writeFileSync(a100, readFileSync(a100, 'utf8').replace(/^bandwidth: .*$/m, 'bandwidth: 2039e9'));
    const input = tempFile('grid.jsonl', GRID);
    const copyBin = join(copy, 'bin', 'hetsim.js');
    expect(run('sh', ['-x', copyBin, 'roofline', '--input', input], { cwd: copy }).stderr).toMatch(/snapshot-blob/);
    const moved = run(copyBin, ['roofline', '--input', input], { cwd: copy });
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('"bandwidth":2039000000000');
    expect(moved.stdout).toBe(run(process.execPath, [copyBin, 'roofline', '--input', input], { cwd: copy }).stdout);
  });

  it('drops NODE_EXTRA_CA_CERTS (hetsim opens no TLS connection); `node bin/hetsim.js` keeps Node’s behaviour', () => {
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' };
    const prog = asProgram(['--version'], undefined, env);
    expect(prog.code).toBe(0);
    expect(prog.stderr).toBe('');
    expect(prog.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    // The same variable through plain node: Node warns that it cannot load it (the launcher's shell part did not run).
    expect(run(process.execPath, [BIN, '--version'], { env }).stderr).toMatch(/extra certs/i);
  });
});

/** Runs the built CLI (bin/hetsim.js → dist/) the way a user does. `npm test` builds first. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../scratch.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'hetsim.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function hetsim(args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempFile(name: string, text: string): string {
  const dir = scratchDir();
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** A bad-input failure: exit 2, one message naming `field`, no stack trace, nothing on stdout. */
export function expectBadInput(r: CliResult, field: RegExp): void {
  if (r.code !== 2) throw new Error(`expected exit 2, got ${r.code}\nstderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 500)}`);
  if (!/^hetsim: error: /.test(r.stderr)) throw new Error(`expected 'hetsim: error:' prefix, got: ${r.stderr}`);
  if (/\n\s+at /.test(r.stderr)) throw new Error(`stack trace in: ${r.stderr}`);
  if (!field.test(r.stderr)) throw new Error(`message does not name ${field}: ${r.stderr}`);
  if (r.stdout !== '') throw new Error(`stdout not empty: ${r.stdout.slice(0, 200)}`);
}

/**
 * `hetsim roofline --input FILE|-`: one request object per line in, one JSON result per line out,
 * in order. All lines are validated before anything is written, so a bad line (named by its
 * number) leaves stdout empty. This path imports no yargs/zod/mathjs: thousands of configs run in
 * one process at analyzer speed.
 */
import { readFileSync } from 'node:fs';
import { HetsimError, withContext } from '../errors.js';
import type { RooflineRequest, RooflineResult } from '../systems/roofline/types.js';
import { toRequest } from '../systems/roofline/request.js';
import type { DeviceSpec } from '../hw/device.js';
import { loadDevice, loadModel } from '../systems/preset-registry.js';
import { prepare } from '../systems/roofline/analyze.js';
import { fitWarning } from '../systems/roofline/run.js';
import type { ModelSpec } from '../workload/model.js';

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface NumberedRequest {
  req: RooflineRequest;
  /** 1-based line number in the input. */
  line: number;
}

export function parseJsonl(text: string, defaults: Record<string, unknown>): NumberedRequest[] {
  const out: NumberedRequest[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `--input line ${i + 1}: `;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new HetsimError('input_line', `${where}malformed JSON (${(e as Error).message}); expected one object per line like {"model":"llama-2-7b","hardware":"h100-sxm","stage":"decode","batch":8,"seq":1024}`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new HetsimError('input_line', `${where}expected a JSON object, got ${Array.isArray(obj) ? 'an array' : JSON.stringify(obj)}`);
    }
    out.push({ req: toRequest(obj as Record<string, unknown>, defaults, where), line: i + 1 });
  }
  return out;
}

export async function runBatch(input: string, defaults: Record<string, unknown>): Promise<number> {
  let text: string;
  if (input === '-') text = await readAllStdin();
  else {
    try {
      text = readFileSync(input, 'utf8');
    } catch {
      throw new HetsimError('file_missing', `--input file not found: ${input}`, '--input');
    }
  }
  const reqs = parseJsonl(text, defaults);
  // Validate every line (presets resolved once each, request checked against them) before any
  // output; the analyses then run synchronously (no per-line promise overhead).
  const models = new Map<string, ModelSpec>();
  const devices = new Map<string, DeviceSpec>();
  const jobs: (() => RooflineResult)[] = [];
  for (const { req, line } of reqs) {
    try {
      if (!models.has(req.model)) models.set(req.model, await loadModel(req.model));
      if (!devices.has(req.hardware)) devices.set(req.hardware, await loadDevice(req.hardware));
      jobs.push(prepare(req, models.get(req.model)!, devices.get(req.hardware)!));
    } catch (e) {
      throw withContext(e, `--input line ${line}: `);
    }
  }
  // Everything is validated: stream the results out in ~64 KB writes (no 4 MB join, short-lived strings).
  const warnings: string[] = [];
  let chunk = '';
  for (const job of jobs) {
    const r = job();
    const w = fitWarning(r);
    if (w) warnings.push(w);
    chunk += `${JSON.stringify(r)}\n`;
    if (chunk.length > 65536) {
      process.stdout.write(chunk);
      chunk = '';
    }
  }
  if (chunk) process.stdout.write(chunk);
  for (const w of warnings) process.stderr.write(`${w}\n`);
  return 0;
}

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
import { withoutLayers } from '../systems/roofline/format.js';
import { asSystemResult } from '../systems/roofline/result.js';
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

/** The `--input` text: a file, or all of stdin for `-`. */
export async function readInput(input: string): Promise<string> {
  if (input === '-') return readAllStdin();
  try {
    return readFileSync(input, 'utf8');
  } catch {
    throw new HetsimError('file_missing', `--input file not found: ${input}`, '--input');
  }
}

/** `summary`: each result without its per-layer rows (see `withoutLayers`). */
export async function runBatch(input: string, defaults: Record<string, unknown>, summary = false): Promise<number> {
  return runBatchText(await readInput(input), defaults, summary);
}

export async function runBatchText(text: string, defaults: Record<string, unknown>, summary = false): Promise<number> {
  const reqs = parseJsonl(text, defaults);
  // Validate every line (presets resolved once each, request checked against them) before any
  // output; the analyses then run synchronously (no per-line promise overhead).
  const models = new Map<string, ModelSpec>();
  const devices = new Map<string, DeviceSpec>();
  const jobs: (() => RooflineResult)[] = [];
  const jobReqs: RooflineRequest[] = [];
  for (const { req, line } of reqs) {
    try {
      if (!models.has(req.model)) models.set(req.model, await loadModel(req.model));
      if (!devices.has(req.hardware)) devices.set(req.hardware, await loadDevice(req.hardware));
      jobs.push(prepare(req, models.get(req.model)!, devices.get(req.hardware)!));
      jobReqs.push(req);
    } catch (e) {
      throw withContext(e, `--input line ${line}: `);
    }
  }
  // Everything is validated: stream the results out in 128 KB buffers, each result UTF-8-encoded
  // straight into the buffer (no string concatenation to flatten later). A buffer the stream still
  // holds (a full pipe: the rest waits in libuv's queue) must not be reused; one written through
  // (a file, /dev/null, a pipe with room) is, which spares the fresh pages of a new one.
  const warnings: string[] = [];
  const CHUNK = 1 << 17;
  let buf = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const flush = () => {
    if (used > 0) process.stdout.write(buf.subarray(0, used));
    if (process.stdout.writableLength > 0) buf = Buffer.allocUnsafe(CHUNK);
    used = 0;
  };
  for (let j = 0; j < jobs.length; j++) {
    const r = jobs[j]();
    const w = fitWarning(r);
    if (w) warnings.push(w);
    const json = JSON.stringify(asSystemResult(summary ? withoutLayers(r) : r, r, jobReqs[j]));
    const worstCase = json.length * 3 + 1; // UTF-8 bytes of a UTF-16 string, and the newline
    if (used + worstCase > CHUNK) flush();
    if (worstCase > CHUNK) {
      process.stdout.write(`${json}\n`);
      continue;
    }
    used += buf.write(json, used);
    buf[used++] = 0x0a;
  }
  flush();
  for (const w of warnings) process.stderr.write(`${w}\n`);
  return 0;
}

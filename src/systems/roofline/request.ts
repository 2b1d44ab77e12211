/**
 * The roofline request's fields, shared by the yargs flags and the `--input` JSONL lines, and
 * their validation. Kept free of heavy imports: the batch path loads only this and the analyzer.
 */
import { didYouMean } from '../../config/suggest.js';
import { HetsimError } from '../../errors.js';
import type { Bits, RooflineMode, RooflineRequest, Stage } from './types.js';

export const STAGES: readonly Stage[] = ['prefill', 'decode', 'generate'];
export const MODES: readonly RooflineMode[] = ['ideal', 'calibrated', 'llm-viewer'];
export const ALLOWED_BITS = [2, 3, 4, 8, 16, 32];

/** Request keys, as flags (`--batch`) and as JSONL keys (`"batch"`). */
export const REQUEST_KEYS = ['model', 'hardware', 'stage', 'batch', 'seq', 'gen', 'bits', 'flash', 'tp', 'mode'] as const;
export type RequestKey = (typeof REQUEST_KEYS)[number];

export const REQUEST_DEFAULTS = { stage: 'prefill', batch: 1, seq: 1024, gen: 128, bits: 'w16a16kv16', flash: false, tp: 1, mode: 'ideal' } as const;

export const REQUEST_HELP: Record<RequestKey, string> = {
  model: 'LLM preset id (llama-2-7b), Hugging Face id (meta-llama/Llama-2-7b-hf), or a path to a preset YAML or config.json',
  hardware: 'hardware preset id (h100-sxm, nvidia_A100, …) or a path to a hardware YAML',
  stage: 'prefill | decode (seq = cached tokens) | generate (prefill + gen decode steps)',
  batch: 'sequences in the batch',
  seq: 'prefill/generate: prompt tokens; decode: tokens already in the KV cache',
  gen: 'generate: tokens to generate',
  bits: 'bit widths, e.g. w16a16kv16, w4a16kv16, w8a8kv8 (kv defaults to a)',
  flash: 'fused (FlashAttention) attention',
  tp: 'tensor-parallel devices (must divide the heads)',
  mode: 'ideal (corrected roofline) | calibrated (fitted achievable roofline) | llm-viewer (LLM-Viewer 472f71f, quirks included)',
};

function fail(field: string, msg: string, where: string): never {
  throw new HetsimError(where ? 'input_line' : 'config_invalid', `${where}${msg}`, field);
}

function posInt(v: unknown, field: string, where: string, max: number): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) fail(field, `expected a positive integer, got ${JSON.stringify(v)}`, where);
  if (n > max) fail(field, `${n} is absurdly large (max ${max})`, where);
  return n;
}

const BIT_KEYS = ['w', 'a', 'kv'];
const BITS_RE = /^w(\d+)a(\d+)(?:kv(\d+))?$/i;

export function parseBits(v: unknown, where = ''): Bits {
  let w: unknown;
  let a: unknown;
  let kv: unknown;
  if (typeof v === 'string') {
    const mm = BITS_RE.exec(v.trim());
    if (!mm) fail('bits', `expected the form w<bits>a<bits>[kv<bits>] (e.g. w4a16kv16), got ${JSON.stringify(v)}`, where);
    w = Number(mm[1]);
    a = Number(mm[2]);
    kv = mm[3] === undefined ? a : Number(mm[3]);
  } else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (k !== 'w' && k !== 'a' && k !== 'kv') fail(`bits.${k}`, `unknown key '${k}'${didYouMean(k, BIT_KEYS) || ' (expected w, a, kv)'}`, where);
    }
    w = o.w;
    a = o.a;
    kv = o.kv ?? o.a;
  } else {
    fail('bits', `expected a string like w16a16kv16, got ${JSON.stringify(v)}`, where);
  }
  checkBitWidth(w, 'w', where);
  checkBitWidth(a, 'a', where);
  checkBitWidth(kv, 'kv', where);
  return { w: w as number, a: a as number, kv: kv as number };
}

function checkBitWidth(x: unknown, k: string, where: string): void {
  if (!ALLOWED_BITS.includes(x as number)) fail(`bits.${k}`, `bit width must be one of ${ALLOWED_BITS.join(', ')}, got ${JSON.stringify(x)}`, where);
}

function bool(v: unknown, field: string, where: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  fail(field, `expected true or false, got ${JSON.stringify(v)}`, where);
}

function oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[], where: string): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) fail(field, `expected one of ${allowed.join(' | ')}, got ${JSON.stringify(v)}`, where);
  return v as T;
}

/**
 * Validate one request object (flags or a JSONL line) over `defaults`. Unknown keys are errors.
 * `where` prefixes messages, e.g. "--input line 7: ".
 */
export function toRequest(raw: Record<string, unknown>, defaults: Record<string, unknown> = {}, where = ''): RooflineRequest {
  for (const k in raw) {
    if (!(REQUEST_KEYS as readonly string[]).includes(k)) fail(k, `unknown key '${k}'${didYouMean(k, REQUEST_KEYS) || ` (expected one of: ${REQUEST_KEYS.join(', ')})`}`, where);
  }
  // A line's value, else the command-line default, else the built-in default (no object spreads:
  // this runs once per --input line, cold).
  const get = (k: RequestKey): unknown => raw[k] ?? defaults[k] ?? (REQUEST_DEFAULTS as Record<string, unknown>)[k];
  const model = get('model');
  const hardware = get('hardware');
  if (typeof model !== 'string' || model.trim() === '') fail('model', `required: a preset id or a file path`, where);
  if (typeof hardware !== 'string' || hardware.trim() === '') fail('hardware', `required: a preset id or a file path`, where);
  return {
    model,
    hardware,
    stage: oneOf(get('stage'), 'stage', STAGES, where),
    batch: posInt(get('batch'), 'batch', where, 1 << 20),
    seq: posInt(get('seq'), 'seq', where, 1 << 24),
    gen: posInt(get('gen'), 'gen', where, 1 << 24),
    bits: parseBits(get('bits'), where),
    flash: bool(get('flash'), 'flash', where),
    tp: posInt(get('tp'), 'tp', where, 4096),
    mode: oneOf(get('mode'), 'mode', MODES, where),
  };
}

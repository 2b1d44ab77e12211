/**
 * Unit strings in configs ("3.35 TB/s", "989.4 TFLOP/s", "80 GiB") parsed with mathjs.
 * mathjs takes ~1 s to import on a 2-core CI machine, so it is loaded lazily: only a
 * config that is not already a plain number pays for it. Built-in presets are resolved
 * once at build time (scripts/compile-presets.mjs), so the hot CLI path never loads it.
 */
import { HetsimError } from '../errors.js';

export type QuantityKind = 'bandwidth' | 'bytes' | 'rate' | 'time' | 'frequency' | 'power' | 'bitrate';

/** The SI unit each kind is returned in, and an example for error messages. */
const KIND_INFO: Record<QuantityKind, { base: string; example: string }> = {
  bandwidth: { base: 'B/s', example: '"3.35 TB/s"' },
  bytes: { base: 'B', example: '"80 GiB"' },
  rate: { base: 'OP/s', example: '"989.4 TFLOP/s"' },
  time: { base: 's', example: '"2 us"' },
  frequency: { base: 'Hz', example: '"1 GHz"' },
  power: { base: 'W', example: '"700 W"' },
  bitrate: { base: 'b/s', example: '"200 Gb/s"' },
};

type MathJs = typeof import('mathjs');
let math: MathJs | undefined;

async function loadMath(): Promise<MathJs> {
  if (math) return math;
  const m = await import('mathjs');
  const inst = m.create(m.all, {}) as unknown as MathJs;
  // Operations are dimensionless counts; give them a unit so "TFLOP/s" and "TOPS" parse.
  inst.createUnit('OP', { prefixes: 'short', aliases: ['OPs', 'FLOP', 'FLOPs'] });
  inst.createUnit('OPS', { definition: '1 OP/s', prefixes: 'short', aliases: ['FLOPS'] });
  math = inst;
  return inst;
}

/** Load mathjs so that `parseQuantitySync` can be used afterwards. */
export async function ensureUnits(): Promise<void> {
  await loadMath();
}

export function isUnitsLoaded(): boolean {
  return math !== undefined;
}

/**
 * Parse a number or a unit string into the kind's SI base unit.
 * A bare number is taken as already in the base unit (B/s, B, OP/s, s, Hz, W, b/s).
 */
export function parseQuantitySync(value: unknown, kind: QuantityKind, path: string): number {
  const info = KIND_INFO[kind];
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HetsimError('unit_invalid', `expected a finite number or a unit string like ${info.example}`, path);
    return value;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new HetsimError('unit_invalid', `expected a number (in ${info.base}) or a unit string like ${info.example}, got ${JSON.stringify(value)}`, path);
  }
  const trimmed = value.trim();
  if (/^[-+]?\d/.test(trimmed) && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  if (!math) throw new Error('parseQuantitySync called before ensureUnits()');
  let u;
  try {
    u = math.unit(trimmed);
  } catch {
    throw new HetsimError('unit_invalid', `cannot parse ${JSON.stringify(value)}; expected a unit string like ${info.example}`, path);
  }
  try {
    return u.toNumber(info.base);
  } catch {
    throw new HetsimError('unit_invalid', `${JSON.stringify(value)} is not a ${kind}; expected a unit string like ${info.example}`, path);
  }
}

export async function parseQuantity(value: unknown, kind: QuantityKind, path: string): Promise<number> {
  if (typeof value === 'string' && !/^[-+]?[\d.]+(e[-+]?\d+)?$/i.test(value.trim())) await loadMath();
  return parseQuantitySync(value, kind, path);
}

/** Numeric command flags checked in one place, so each names the flag and its accepted form the same way. */
import { HetsimError } from '../errors.js';

/** An integer ≥ `min` (counts: --workers, --retries), or with `integer: false` any number ≥ `min` (seconds). */
export function numberFlag(v: unknown, flag: string, min: number, integer = true): number {
  const n = Number(v);
  const ok = integer ? Number.isInteger(n) : Number.isFinite(n);
  if (!ok || n < min) throw new HetsimError('config_invalid', `expected ${integer ? 'an integer' : 'a number'} >= ${min}, got ${JSON.stringify(v)}`, flag);
  return n;
}

/** `--png-scale`: a multiple of the SVG's size, 0.25 to 8. */
export function pngScaleFlag(v: unknown): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0.25 || n > 8) throw new HetsimError('config_invalid', `expected a number from 0.25 to 8 (e.g. 2 for slides), got '${String(v)}'`, '--png-scale');
  return n;
}

/**
 * The key of a result: a hash of what determines it (system, mode, resolved config), as canonical
 * JSON (object keys sorted at every level), so the same run has the same key in any process, shard
 * or commit. Sweeps skip keys already done; `compare` matches base and candidate results by it.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** 16 hex digits of SHA-256 over {system, mode, config}. */
export function configHash(system: string, mode: string, config: unknown): string {
  return createHash('sha256').update(canonicalJson({ system, mode, config })).digest('hex').slice(0, 16);
}

/** One line of `results.jsonl` (sweeps write it, `compare` reads it). */
export interface ResultLine {
  hash: string;
  system: string;
  mode: string;
  config: unknown;
  metrics: Record<string, number>;
  status: 'ok' | 'failed';
  error?: { code: string; message: string; path?: string };
  version: string;
}

/** A finished result as its line, keyed by its own config. */
export function okLine(r: { system: string; mode: string; config: unknown; metrics: Record<string, number>; version: string }): ResultLine {
  return { hash: configHash(r.system, r.mode, r.config), system: r.system, mode: r.mode, config: r.config, metrics: r.metrics, status: 'ok', version: r.version };
}

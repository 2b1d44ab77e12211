/**
 * Reading a scenario before its system is known: find the file (a path, or an id under
 * models/scenarios/), read it, and say which registered system its `system:` key names. Each
 * descriptor validates the rest with its own schema.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { readConfigFile } from '../config/read-file.js';
import { HetsimError } from '../errors.js';
import { MODELS_DIR } from './preset-registry.js';

export interface ScenarioSource {
  /** The scenario object as written (before validation). */
  raw: Record<string, unknown>;
  /** Absolute path of its file, or null for an inline scenario. */
  path: string | null;
}

/** Candidate files for `ref`: as given (against `base`, then the cwd), then `<id>.yaml` under models/scenarios/. */
export function scenarioCandidates(ref: string, base = process.cwd()): string[] {
  const withExt = ref.endsWith('.yaml') || ref.endsWith('.yml') || ref.endsWith('.json') ? ref : `${ref}.yaml`;
  const tries = isAbsolute(ref) ? [ref] : [resolve(base, ref), resolve(base, withExt), resolve(ref), resolve(MODELS_DIR, 'scenarios', withExt)];
  return [...new Set(tries)];
}

export async function readScenarioSource(ref: string | Record<string, unknown>, base?: string): Promise<ScenarioSource> {
  if (typeof ref !== 'string') return { raw: ref, path: null };
  const candidates = scenarioCandidates(ref, base);
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new HetsimError('file_missing', `scenario '${ref}' not found (looked for ${candidates.join(', ')})`, 'scenario');
  const raw = await readConfigFile(path, 'scenario');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new HetsimError('config_invalid', `scenario ${path}: expected a mapping of keys (system: …, model: …), got ${Array.isArray(raw) ? 'a list' : JSON.stringify(raw)}`);
  }
  return { raw: raw as Record<string, unknown>, path };
}

/** A scenario set, not a scenario: it has a title and lists entries instead of naming one system. */
export function looksLikeScenarioSet(raw: Record<string, unknown>): boolean {
  return raw.system === undefined && 'title' in raw && ('systems' in raw || 'roofline' in raw || 'neupims' in raw || 'neupims_sweep' in raw);
}

/** The directory relative paths inside a scenario resolve against. */
export function scenarioDir(src: ScenarioSource, base?: string): string {
  return src.path ? dirname(src.path) : (base ?? process.cwd());
}

/**
 * Sets dotted `key`s (`npu.freq_mhz`) of a copy of `raw` to the override values: flags, sweep axes
 * and scenario-set overrides all become scenario keys, validated by the system's own schema.
 */
export function withOverrides(raw: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const out = structuredClone(raw);
  for (const [key, value] of Object.entries(overrides)) {
    const parts = key.split('.');
    let node: Record<string, unknown> = out;
    for (const p of parts.slice(0, -1)) {
      const next = node[p];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

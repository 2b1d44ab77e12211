/**
 * Finding LLM and hardware presets by id, Hugging Face alias or file path.
 *
 * Built-in presets live in `models/llm` and `models/hardware` as YAML with unit strings.
 * Parsing them needs yaml + zod + mathjs (~1.3 s of imports on CI), so `npm run build` resolves
 * them once into `dist/presets.json` (scripts/compile-presets.mjs). The compiled entry is used
 * only while its source file is unchanged (same size and mtime); otherwise the YAML is parsed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editDistance } from '../config/suggest.js';
import { HetsimError } from '../errors.js';
import type { DeviceSpec } from '../hw/device.js';
import type { ModelSpec } from '../workload/model.js';

/**
 * Thrown instead of importing the loaders once `withoutPresetParser()` has been called: the
 * start-up snapshot of the batch path cannot import modules, so it hands such runs to the full CLI.
 */
export class PresetParserUnavailable extends Error {}

let parserAvailable = true;
export function withoutPresetParser(): void {
  parserAvailable = false;
}

/** The YAML/zod/mathjs loaders, imported only when a preset is not in the compiled index. */
async function loaders() {
  if (!parserAvailable) throw new PresetParserUnavailable('a preset needs parsing (not in dist/presets.json, or changed since the build)');
  const [{ readConfigFile }, { deviceFromObject }, { modelFromHfConfig, modelFromPresetObject }] = await Promise.all([
    import('../config/read-file.js'),
    import('../hw/hardware-preset.js'),
    import('../workload/model-preset.js'),
  ]);
  return { readConfigFile, deviceFromObject, modelFromHfConfig, modelFromPresetObject };
}

export type PresetKind = 'llm' | 'hardware';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The repository (or package) root the presets are found under. */
export function presetRoot(): string {
  return ROOT;
}
export const MODELS_DIR = join(ROOT, 'models');
const RUNNING_FROM_DIST = import.meta.url.includes('/dist/');
const INDEX_PATH = join(ROOT, 'dist', 'presets.json');

interface IndexEntry {
  file: string;
  size: number;
  mtimeMs: number;
  spec: ModelSpec | DeviceSpec;
}
export interface PresetIndex {
  llm: Record<string, IndexEntry>;
  hardware: Record<string, IndexEntry>;
}

let index: PresetIndex | null | undefined;
function compiledIndex(): PresetIndex | null {
  if (index !== undefined) return index;
  index = null;
  if (RUNNING_FROM_DIST && existsSync(INDEX_PATH)) index = JSON.parse(readFileSync(INDEX_PATH, 'utf8')) as PresetIndex;
  return index;
}

export function presetDir(kind: PresetKind): string {
  return join(MODELS_DIR, kind);
}

const idLists = new Map<PresetKind, string[]>();

/** Preset ids of a kind (file names without .yaml), read once per process. */
export function listPresetIds(kind: PresetKind): string[] {
  let ids = idLists.get(kind);
  if (ids) return ids;
  const dir = presetDir(kind);
  ids = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.slice(0, -'.yaml'.length))
        .sort()
    : [];
  idLists.set(kind, ids);
  return ids;
}

function fresh(e: IndexEntry): boolean {
  try {
    const st = statSync(join(ROOT, e.file));
    return st.size === e.size && st.mtimeMs === e.mtimeMs;
  } catch {
    return false;
  }
}

async function parsePresetFile(kind: PresetKind, path: string, id: string): Promise<ModelSpec | DeviceSpec> {
  const { readConfigFile, modelFromPresetObject, deviceFromObject } = await loaders();
  const raw = await readConfigFile(path, kind === 'llm' ? 'model' : 'hardware');
  return kind === 'llm' ? modelFromPresetObject(raw, id, path) : deviceFromObject(raw, id, path);
}

/** Alias → id for LLM presets (Hugging Face ids), lower-cased. */
async function aliasTable(): Promise<Map<string, string>> {
  const table = new Map<string, string>();
  const idx = compiledIndex();
  for (const id of listPresetIds('llm')) {
    const e = idx?.llm[id];
    const spec = (e && fresh(e) ? e.spec : await parsePresetFile('llm', join(presetDir('llm'), `${id}.yaml`), id)) as ModelSpec;
    for (const a of spec.aliases ?? []) table.set(a.toLowerCase(), id);
  }
  return table;
}

export function closeMatches(ref: string, candidates: string[], max = 5): string[] {
  const r = ref.toLowerCase();
  return candidates
    .map((c) => ({ c, d: c.toLowerCase().includes(r) || r.includes(c.toLowerCase()) ? 0 : editDistance(r, c.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(r.length / 3)))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}

const cache = new Map<string, ModelSpec | DeviceSpec>();

async function resolvePreset(kind: PresetKind, ref: string, flag: string): Promise<ModelSpec | DeviceSpec> {
  const key = `${kind}:${ref}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let spec: ModelSpec | DeviceSpec | undefined;
  // Compiled index first: an exact id needs no directory listing.
  const indexed = compiledIndex()?.[kind][ref];
  const ids = indexed ? [] : listPresetIds(kind);
  let id = indexed ? ref : (ids.find((x) => x === ref) ?? ids.find((x) => x.toLowerCase() === ref.toLowerCase()));
  if (!id && kind === 'llm' && ref.includes('/')) id = (await aliasTable()).get(ref.toLowerCase());
  if (id) {
    const e = compiledIndex()?.[kind][id];
    spec = e && fresh(e) ? e.spec : await parsePresetFile(kind, join(presetDir(kind), `${id}.yaml`), id);
  } else if (existsSync(ref) && statSync(ref).isFile()) {
    const { readConfigFile, deviceFromObject, modelFromHfConfig, modelFromPresetObject } = await loaders();
    const raw = await readConfigFile(ref, kind === 'llm' ? 'model' : 'hardware');
    if (kind === 'hardware') spec = await deviceFromObject(raw, ref, ref);
    else if (ref.endsWith('.json')) spec = modelFromHfConfig(raw, ref);
    else spec = modelFromPresetObject(raw, ref, ref);
  } else if (/\.(ya?ml|json)$/i.test(ref)) {
    throw new HetsimError('file_missing', `${kind === 'llm' ? 'model' : 'hardware'} file not found: ${ref}`, flag);
  } else {
    const candidates = kind === 'llm' ? [...ids, ...(await aliasTable()).keys()] : ids;
    const near = closeMatches(ref, candidates);
    const hint = near.length > 0 ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : `; known: ${ids.join(', ')}`;
    throw new HetsimError('unknown_id', `unknown ${kind === 'llm' ? 'model' : 'hardware'} '${ref}' (a preset id, a Hugging Face id, or a file path)${hint}`, flag);
  }
  cache.set(key, spec);
  return spec;
}

export async function loadModel(ref: string, flag = 'model'): Promise<ModelSpec> {
  return (await resolvePreset('llm', ref, flag)) as ModelSpec;
}

export async function loadDevice(ref: string, flag = 'hardware'): Promise<DeviceSpec> {
  return (await resolvePreset('hardware', ref, flag)) as DeviceSpec;
}

/** Resolve every built-in preset (used at build time to write dist/presets.json). */
export async function compileIndex(): Promise<PresetIndex> {
  const out: PresetIndex = { llm: {}, hardware: {} };
  for (const kind of ['llm', 'hardware'] as const) {
    for (const id of listPresetIds(kind)) {
      const file = join('models', kind, `${id}.yaml`);
      const st = statSync(join(ROOT, file));
      out[kind][id] = { file, size: st.size, mtimeMs: st.mtimeMs, spec: await parsePresetFile(kind, join(ROOT, file), id) };
    }
  }
  return out;
}

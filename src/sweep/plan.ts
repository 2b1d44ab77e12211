/**
 * A sweep spec → the concrete configs to run, every one validated by its system's `load` before
 * anything runs, each with its result key (configHash of the loaded config with the run mode: what
 * the result's own `config` hashes to, since descriptors report `{...config, mode}`).
 */
import { dirname, resolve } from 'node:path';
import { HetsimError } from '../errors.js';
import { getSystem } from '../systems/registry.js';
import { readScenarioSource, withOverrides } from '../systems/scenario-file.js';
import type { AnySystem, LoadedScenario } from '../systems/system.js';
import { configHash } from './config-hash.js';
import { dimensions, passes, points, productSize, valueAt, type Dimension, type Point } from './expand.js';
import { DEFAULT_MAX_CONFIGS, readSweepSpec, type SweepSpec } from './sweep-spec.js';
import type { SweepTask } from './tasks.js';

export interface PlannedConfig {
  hash: string;
  mode: string;
  /** The loaded scenario's config with the run mode, as the result line reports it. */
  config: Record<string, unknown>;
  task: SweepTask;
  /** `batch=8 seq=512 mode=ideal`, for messages. */
  label: string;
  cost: number;
}

export interface SweepPlan {
  spec: SweepSpec;
  system: AnySystem;
  /** Unique by hash, in expansion order (axes in spec order, modes innermost). */
  configs: PlannedConfig[];
  /** Points that resolved to a config already in the list (e.g. a value equal to the default). */
  duplicates: number;
  /** Points the `where` filters dropped. */
  filtered: number;
}

const show = (p: Point): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');

/** A point's load error, naming the spec key of the offending axis value (or the whole point). */
function pointError(err: HetsimError, p: Point, dims: Dimension[], specPath: string): HetsimError {
  const hit = dims.flatMap((d) => d.keys.map((k, j) => ({ k, at: d.at[j] }))).find(({ k }) => err.path !== undefined && (err.path === k || err.path.startsWith(`${k}.`) || err.path.startsWith(`${k}[`)));
  const what = hit ? `${hit.at} = ${JSON.stringify(p[hit.k])}` : `the point ${show(p) || '(the base itself)'}`;
  return new HetsimError(err.code, `sweep spec ${specPath}: ${what} is invalid (point ${show(p) || 'base'}): ${err.message}`, hit?.at);
}

export async function planSweep(specPath: string, opts: { maxConfigs?: number } = {}): Promise<SweepPlan> {
  const spec = await readSweepSpec(specPath);
  const system = getSystem(spec.kind, 'kind');
  const max = opts.maxConfigs ?? spec.max_configs ?? DEFAULT_MAX_CONFIGS;
  (spec.modes ?? []).forEach((m, j) => {
    if (!system.modes.includes(m)) throw new HetsimError('config_invalid', `system ${system.id} has no mode '${m}'; its modes: ${system.modes.join(', ')}`, `modes[${j}]`);
  });
  const specDir = dirname(resolve(specPath));
  // an inline base needs no `system:` of its own: `kind` names it
  const ref = typeof spec.base === 'string' ? spec.base : { system: system.id, ...spec.base };
  const src = await readScenarioSource(ref, specDir).catch((e: unknown) => {
    throw e instanceof HetsimError ? new HetsimError(e.code, `sweep spec ${specPath}: ${e.detail}`, 'base') : e;
  });
  if (src.raw.system !== system.id) throw new HetsimError('config_invalid', `the base scenario ${src.path} is of system ${JSON.stringify(src.raw.system)}, the spec's kind is ${system.id}`, 'kind');

  // filters may thin the product, but a product far past the limit is almost always a typo
  const rawLimit = spec.where?.length ? max * 10 : max;
  const dims = dimensions(spec, rawLimit);
  const size = productSize(dims) * (spec.modes?.length ?? 1);
  if (size > rawLimit) {
    throw new HetsimError('config_invalid', `sweep spec ${specPath} expands to ${size} configs, more than ${rawLimit}${spec.where?.length ? ' (10 × max_configs, before filters)' : ''}; narrow the axes, or raise max_configs / --max-configs`, 'axes');
  }
  const axisKeys = dims.flatMap((d) => d.keys);
  const known = [...axisKeys, 'mode', ...Object.keys(src.raw)];
  const seen = new Set<string>();
  const configs: PlannedConfig[] = [];
  let duplicates = 0;
  let filtered = 0;
  for (const p of points(dims)) {
    let loaded: LoadedScenario;
    try {
      loaded = await system.load(ref, p, specDir);
    } catch (e) {
      throw e instanceof HetsimError ? pointError(e, p, dims, specPath) : e;
    }
    const config = loaded.config as Record<string, unknown>;
    const raw = withOverrides(src.raw, p);
    const ownMode = typeof config.mode === 'string' ? config.mode : system.modes[0];
    for (const mode of spec.modes ?? [ownMode]) {
      const lookup = (k: string): unknown => (k === 'mode' ? mode : k in p ? p[k] : (valueAt(raw, k) ?? valueAt(config, k)));
      if (!(spec.where ?? []).every((f, i) => passes(f, lookup, `where[${i}]`, known))) {
        filtered++;
        continue;
      }
      const withMode = { ...config, mode };
      const hash = configHash(system.id, mode, withMode);
      if (seen.has(hash)) {
        duplicates++;
        continue;
      }
      seen.add(hash);
      if (configs.length >= max) throw new HetsimError('config_invalid', `sweep spec ${specPath} has more than max_configs ${max} configs; narrow the axes or filters, or raise max_configs / --max-configs`, 'max_configs');
      configs.push({
        hash,
        mode,
        config: withMode,
        task: { system: system.id, scenario: loaded.path ?? ref, base: specDir, overrides: p, mode },
        label: show({ ...p, mode }),
        cost: system.cost?.(loaded, mode) ?? 0,
      });
    }
  }
  return { spec, system, configs, duplicates, filtered };
}

/**
 * Scenario-set files (`models/scenarios/default.yaml`): which runs `hetsim report` makes. Each entry
 * names a registered system, a scenario (file or inline object), the modes to run and optionally one
 * scenario key to sweep; entries are validated against their system before anything runs.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { readConfigFile } from '../config/read-file.js';
import { validate } from '../config/validate.js';
import { HetsimError } from '../errors.js';
import { getSystem, SYSTEMS } from '../systems/registry.js';
import { readScenarioSource } from '../systems/scenario-file.js';
import type { AnySystem, LoadedScenario } from '../systems/system.js';
import type { SweepTask } from './tasks.js';

const entrySchema = z.strictObject({
  system: z.string().min(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id with dashes, e.g. llama2-7b-decode'),
  caption: z.string(),
  /** A scenario file (path relative to the set, or an id under models/scenarios/), or the scenario inline. */
  scenario: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  modes: z.array(z.string()).min(1),
  /** One scenario key and its values: the entry runs once per value (and mode). */
  sweep: z.record(z.string(), z.array(z.unknown()).min(1)).optional(),
  /** Scenario keys set for this entry (dotted for nested keys), e.g. `{steady_state_layers: 1}`. */
  overrides: z.record(z.string(), z.unknown()).optional(),
});

export const scenarioSetSchema = z.strictObject({
  title: z.string(),
  systems: z.array(entrySchema).min(1),
});

/** One run of an entry: a task for the pool, and the scenario it loads (for its config and cost). */
export interface PlannedRun {
  task: SweepTask;
  scenario: LoadedScenario;
}

export interface SetEntry {
  system: AnySystem;
  id: string;
  caption: string;
  modes: string[];
  sweep?: { key: string; values: unknown[] };
  /** Without a sweep: runs[0][m]; with one: runs[v][m] (value v, mode m). */
  runs: PlannedRun[][];
}

export interface ScenarioSet {
  title: string;
  entries: SetEntry[];
}

/** Errors of an entry's scenario name the set file and the entry. */
async function withEntryContext<T>(fn: () => Promise<T>, where: string, at: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof HetsimError) throw err.path === 'scenario' ? new HetsimError(err.code, `${where}${err.detail}`, `${at}.scenario`) : new HetsimError(err.code, `${where}${err.message}`);
    throw err;
  }
}

/** `systems`: the registered ones (a parameter so a test can load a set for a system of its own). */
export async function loadScenarioSet(path: string, systems: readonly AnySystem[] = SYSTEMS): Promise<ScenarioSet> {
  const raw = await readConfigFile(path, 'scenario set');
  if (typeof raw === 'object' && raw !== null && 'system' in raw) {
    throw new HetsimError('config_invalid', `${path} is a scenario of system ${JSON.stringify((raw as { system: unknown }).system)}, not a scenario set; run it with: hetsim simulate ${path}`, '--scenarios');
  }
  const f = validate(scenarioSetSchema, raw, `scenario set ${path}`);
  const base = dirname(resolve(path));
  const ids = new Set<string>();
  const entries: SetEntry[] = [];
  for (const [i, e] of f.systems.entries()) {
    const at = `systems[${i}]`;
    const where = `${path} ${at}: `;
    if (ids.has(e.id)) throw new HetsimError('config_invalid', `duplicate scenario id '${e.id}' in ${path}`, `${at}.id`);
    ids.add(e.id);
    const system = getSystem(e.system, `${at}.system`, systems);
    e.modes.forEach((m, j) => {
      if (!system.modes.includes(m)) throw new HetsimError('config_invalid', `${where}system ${system.id} has no mode '${m}'; its modes: ${system.modes.join(', ')}`, `${at}.modes[${j}]`);
    });
    const sweepKeys = Object.keys(e.sweep ?? {});
    if (sweepKeys.length > 1) throw new HetsimError('config_invalid', `${where}sweep one scenario key per entry, got ${sweepKeys.join(', ')}`, `${at}.sweep`);
    const sweep = sweepKeys.length === 1 ? { key: sweepKeys[0], values: e.sweep![sweepKeys[0]] } : undefined;
    // an inline scenario needs no `system:` of its own: the entry names it
    const scenario = typeof e.scenario === 'string' ? e.scenario : { system: system.id, ...e.scenario };
    if (typeof e.scenario === 'string') {
      const src = await withEntryContext(() => readScenarioSource(e.scenario as string, base), where, at);
      if (src.raw.system !== system.id) {
        throw new HetsimError('config_invalid', `${where}the scenario file ${src.path} is of system ${JSON.stringify(src.raw.system)}, the entry says ${system.id}`, `${at}.system`);
      }
    }
    const points = sweep ? sweep.values.map((v) => ({ [sweep.key]: v })) : [{}];
    const runs: PlannedRun[][] = [];
    for (const point of points) {
      const overrides = { ...e.overrides, ...point };
      const loaded = await withEntryContext(() => system.load(scenario, overrides, base) as Promise<LoadedScenario>, where, at);
      runs.push(e.modes.map((mode) => ({ task: { system: system.id, scenario: loaded.path ?? scenario, base, overrides, mode }, scenario: loaded })));
    }
    entries.push({ system, id: e.id, caption: e.caption, modes: e.modes, sweep, runs });
  }
  return { title: f.title, entries };
}

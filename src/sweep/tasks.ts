/**
 * A simulation task as plain JSON (so the same task runs in-process or in a piscina worker with
 * identical results): a registered system, its scenario, overrides of scenario keys and a mode.
 */
import { getSystem } from '../systems/registry.js';
import type { SystemResult } from '../systems/system.js';

export interface SweepTask {
  system: string;
  /** A scenario path / id under models/scenarios/, or an inline scenario object. */
  scenario: string | Record<string, unknown>;
  /** Directory relative scenario paths resolve against (a scenario set's folder). */
  base?: string;
  /** Scenario keys to set before validation (dotted for nested keys). */
  overrides?: Record<string, unknown>;
  mode: string;
  /** The result's key (sweeps set it): what the worker's fault-injection hook matches (worker.ts). */
  hash?: string;
  /** 0 for the first try, 1 for the first retry, … (sweeps set it; the fault hook reads it). */
  attempt?: number;
}

export async function runTask(task: SweepTask): Promise<SystemResult> {
  const system = getSystem(task.system);
  const scenario = await system.load(task.scenario, task.overrides, task.base);
  return system.run(scenario, { mode: task.mode });
}

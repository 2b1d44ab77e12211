/**
 * Simulation tasks a sweep runs, as plain JSON in and plain JSON out, so the same task runs
 * in-process or in a piscina worker with identical results.
 */
import { loadRequests } from '../systems/neupims/load-requests.js';
import type { NeupimsResult } from '../systems/neupims/neupims-result.js';
import { loadScenario, type Mode } from '../systems/neupims/scenario.js';
import { simulateNeupims } from '../systems/neupims/simulate-neupims.js';
import { runRoofline } from '../systems/roofline/run.js';
import type { RooflineRequest, RooflineResult } from '../systems/roofline/types.js';

export type SweepTask =
  | { system: 'roofline'; request: RooflineRequest }
  | {
      system: 'neupims';
      scenario: string;
      mode: Mode;
      /** Overrides the scenario's batch. */
      batch?: number;
      /** Overrides the scenario's steady_state_layers. */
      steadyStateLayers?: number;
    };

export type SweepResult = { system: 'roofline'; result: RooflineResult } | { system: 'neupims'; result: NeupimsResult };

export async function runTask(task: SweepTask): Promise<SweepResult> {
  if (task.system === 'roofline') return { system: 'roofline', result: await runRoofline(task.request) };
  const sc = await loadScenario(task.scenario);
  if (task.batch !== undefined) sc.batch = task.batch;
  if (task.steadyStateLayers !== undefined) sc.steady_state_layers = task.steadyStateLayers;
  const { result } = simulateNeupims(sc, loadRequests(sc), { mode: task.mode });
  return { system: 'neupims', result };
}

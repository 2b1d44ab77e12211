/** Running FlightLLM scenarios in tests without the CLI (memoised: validation files reuse runs). */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { readConfigFile } from '../../../src/config/read-file.js';
import { runFlight } from '../../../src/systems/flightllm/descriptor.js';
import { resolveFlight } from '../../../src/systems/flightllm/resolve.js';
import { parseFlightScenario } from '../../../src/systems/flightllm/scenario.js';
import { simulateFlight, type FlightRun } from '../../../src/systems/flightllm/simulate.js';
import type { FlightResult } from '../../../src/systems/flightllm/result.js';
import { ROOT } from '../../cli/harness.js';

export type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const U280 = resolve(ROOT, 'models/scenarios/flightllm-u280-llama2-7b.yaml');
export const VHK158 = resolve(ROOT, 'models/scenarios/flightllm-vhk158-llama2-7b.yaml');
export const OPT = resolve(ROOT, 'models/scenarios/flightllm-u280-opt-6.7b.yaml');
export const TINY_MODEL = resolve(ROOT, 'test/systems/flightllm/fixtures/tiny-llm.yaml');

export const DEMO = JSON.parse(readFileSync(resolve(ROOT, 'test/systems/flightllm/fixtures/demo-profiler.json'), 'utf8')) as {
  correction_factor: number;
  decode: Record<string, { total_ms_divided: number; instructions: number }>;
  prefill: Record<string, { total_ms_divided: number; instructions: number }>;
};

export async function scenario(path: string, overrides: Raw = {}): Promise<Raw> {
  const raw = (await readConfigFile(path, 'scenario')) as Raw;
  return { ...raw, ...overrides };
}

const runs = new Map<string, FlightRun>();
/** The simulation alone (no baselines, no storage count). */
export async function sim(raw: Raw): Promise<FlightRun> {
  const key = JSON.stringify(raw);
  let hit = runs.get(key);
  if (!hit) {
    hit = simulateFlight(await resolveFlight(parseFlightScenario(raw, 'test scenario')));
    runs.set(key, hit);
  }
  return hit;
}

/** The full result as `hetsim simulate --json` reports it. */
export async function full(raw: Raw): Promise<FlightResult> {
  return (await runFlight(await resolveFlight(parseFlightScenario(raw, 'test scenario')))).result;
}

export const relErr = (got: number, want: number): number => (got - want) / want;

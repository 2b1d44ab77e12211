/**
 * Requests for a scenario: a `seq_len,ch_idx` CSV, or a snapshot generated from a length dataset
 * (spec §7). Dataset names resolve to the ShareGPT / Alpaca length pairs shipped in
 * traces/request-lengths/ (copies of the public NeuPIMs trace generator's), so no file outside the
 * package is needed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { HetsimError } from '../../errors.js';
import { kvShape } from './run-step.js';
import { readRequestCsv, type LiveRequest } from './request-trace.js';
import { geometryOf, projectRoot, resolveDataPath, type Scenario } from './scenario.js';
import { generateSnapshot, readLengthTsv } from './trace-generator.js';

export const DATASETS: Record<string, string> = {
  sharegpt: 'traces/request-lengths/sharegpt.tsv',
  alpaca: 'traces/request-lengths/alpaca.tsv',
};

export function datasetPath(name: string, scenarioPath: string): string {
  const known = DATASETS[name.toLowerCase()];
  const p = known ? resolve(projectRoot(), known) : resolveDataPath(name, scenarioPath);
  if (!existsSync(p)) {
    throw new HetsimError('file_missing', `length dataset '${name}' not found at ${p}; use a shipped trace under traces/ instead`, 'requests.dataset');
  }
  return p;
}

export interface GenerateSpec {
  dataset: string;
  seed: number;
  placement: 'clb' | 'rr';
}

export function generateRequests(s: Scenario, g: GenerateSpec, scenarioPath: string): LiveRequest[] {
  const m = s.shape;
  const pairs = readLengthTsv(datasetPath(g.dataset, scenarioPath));
  return generateSnapshot(pairs, { batch: s.batch, seed: g.seed, policy: g.placement }, geometryOf(s), kvShape(m));
}

/** `override` (the CLI's --requests) wins over the scenario's `requests`. */
export function loadRequests(s: Scenario, override?: string): LiveRequest[] {
  const channels = s.memory.channels;
  if (override !== undefined) return readRequestCsv(resolve(override), channels);
  const r = s.requests;
  if (typeof r === 'string') return readRequestCsv(resolveDataPath(r, s.path), channels);
  return generateRequests(s, r, s.path);
}

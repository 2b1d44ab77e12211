/** Scenario-set files (`models/scenarios/*.yaml`): which analyses `hetsim report` runs. */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { readConfigFile } from '../config/read-file.js';
import { validate } from '../config/validate.js';
import { HetsimError } from '../errors.js';
import { toRequest } from '../systems/roofline/request.js';
import type { RooflineRequest } from '../systems/roofline/types.js';

const rooflineScenario = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id with dashes, e.g. llama2-7b-decode'),
  caption: z.string(),
  request: z.record(z.string(), z.unknown()),
  modes: z.array(z.enum(['ideal', 'calibrated', 'llm-viewer'])).min(1),
});

const neupimsScenario = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id with dashes, e.g. neupims-gpt3-7b'),
  caption: z.string(),
  /** A NeuPIMs scenario YAML (path relative to the set, or an id under models/scenarios/). */
  scenario: z.string(),
  modes: z.array(z.enum(['neupims', 'npu-pim-naive', 'npu-only', 'gpu'])).min(1),
});

/** The same NeuPIMs scenario at several batch sizes (the paper's batch sweep). */
const neupimsSweep = neupimsScenario.extend({
  batches: z.array(z.number().int().positive()).min(1),
  /** Overrides the scenario's cycle-level layer count for these runs (fewer = faster, see the scenario docs). */
  steady_state_layers: z.number().int().min(0).optional(),
});

export const scenarioSetSchema = z.strictObject({
  title: z.string(),
  roofline: z.array(rooflineScenario).default([]),
  neupims: z.array(neupimsScenario).default([]),
  neupims_sweep: z.array(neupimsSweep).default([]),
});

export interface RooflineScenario {
  id: string;
  caption: string;
  requests: RooflineRequest[];
}

export interface NeupimsScenarioRef {
  id: string;
  caption: string;
  /** Resolved path of the NeuPIMs scenario file. */
  scenario: string;
  modes: ('neupims' | 'npu-pim-naive' | 'npu-only' | 'gpu')[];
}

export interface NeupimsSweepRef extends NeupimsScenarioRef {
  batches: number[];
  steady_state_layers?: number;
}

export interface ScenarioSet {
  title: string;
  roofline: RooflineScenario[];
  neupims: NeupimsScenarioRef[];
  neupims_sweep: NeupimsSweepRef[];
}

export async function loadScenarioSet(path: string): Promise<ScenarioSet> {
  const f = validate(scenarioSetSchema, await readConfigFile(path, 'scenario set'), path);
  const ids = new Set<string>();
  const roofline = f.roofline.map((s, i) => {
    if (ids.has(s.id)) throw new HetsimError('config_invalid', `duplicate scenario id '${s.id}' in ${path}`, `roofline[${i}].id`);
    ids.add(s.id);
    return { id: s.id, caption: s.caption, requests: s.modes.map((mode) => toRequest({ ...s.request, mode }, {}, `${path} roofline[${i}].request: `)) };
  });
  const resolveRef = <T extends { id: string; scenario: string }>(s: T, at: string): T => {
    if (ids.has(s.id)) throw new HetsimError('config_invalid', `duplicate scenario id '${s.id}' in ${path}`, `${at}.id`);
    ids.add(s.id);
    const file = isAbsolute(s.scenario) ? s.scenario : join(dirname(path), s.scenario.endsWith('.yaml') ? s.scenario : `${s.scenario}.yaml`);
    if (!existsSync(file)) throw new HetsimError('file_missing', `NeuPIMs scenario not found: ${file}`, `${at}.scenario`);
    return { ...s, scenario: file };
  };
  const neupims = f.neupims.map((s, i) => resolveRef(s, `neupims[${i}]`));
  const neupims_sweep = f.neupims_sweep.map((s, i) => resolveRef(s, `neupims_sweep[${i}]`));
  return { title: f.title, roofline, neupims, neupims_sweep };
}

/**
 * Holmes as a system: a scenario YAML (`system: holmes`, scenario.ts) → one simulated training
 * iteration across clusters with heterogeneous NICs. Modes are the placements (`holmes`,
 * `megatron`); `--placement`, `--transport` are scenario keys.
 */
import { HetsimError } from '../../errors.js';
import type { DeviceSpec } from '../../hw/device.js';
import { loadDevice, loadModel } from '../preset-registry.js';
import { readScenarioSource, withOverrides } from '../scenario-file.js';
import type { LoadedScenario, SystemDescriptor } from '../system.js';
import { VERSION } from '../version.js';
import { HOLMES_METRICS, holmesMetrics, holmesResult, type HolmesMetric, type HolmesResult } from './holmes-result.js';
import { holmesReport } from './report.js';
import { parseScenario, PLACEMENTS, resolveClusters, scenarioSchema, type Placement, type ScenarioFile } from './scenario.js';
import { runHolmes, type Resolved } from './simulate-holmes.js';
import { holmesText } from './text.js';

export interface HolmesScenario extends LoadedScenario {
  readonly config: ScenarioFile;
  readonly resolved: Resolved;
}

export type HolmesSystemResult = HolmesResult & { config: ScenarioFile; metrics: Record<HolmesMetric, number>; version: string };

export async function loadHolmes(ref: string | Record<string, unknown>, overrides?: Record<string, unknown>, base?: string): Promise<HolmesScenario> {
  const src = await readScenarioSource(ref, base);
  const file = parseScenario(withOverrides(src.raw, overrides), src.path ?? 'inline');
  const [model, clusters] = await Promise.all([loadModel(file.model, 'model'), resolveClusters(file)]);
  const devices = new Map<string, DeviceSpec>();
  for (const [i, c] of clusters.entries()) if (!devices.has(c.type.gpu)) devices.set(c.type.gpu, await loadDevice(c.type.gpu, `clusters[${i}].gpu`));
  return { config: file, path: src.path, resolved: { file, model, clusters, devices } };
}

export const holmesSystem: SystemDescriptor<HolmesScenario, HolmesSystemResult> = {
  id: 'holmes',
  title: 'Holmes: LLM training across clusters with heterogeneous NICs',
  describe: 'one Megatron-style 3D-parallel training iteration over IB / RoCE / Ethernet clusters: Holmes or Megatron placement, NIC selection, 1F1B, DP sync',
  modes: PLACEMENTS,
  scenarioSchema,
  flags: {
    placement: { key: 'placement', type: 'string', choices: PLACEMENTS, describe: "rank placement: holmes (NIC-sorted, per-group NIC) or megatron (default rank order, one global NCCL config); default: the scenario's" },
    transport: { key: 'transport', type: 'string', choices: ['ideal', 'calibrated'], describe: "transport parameters: calibrated (fitted on the 4-node GPT-3.6B points) or ideal (near line rate)" },
  },
  traceDetails: ['stages'],
  metrics: HOLMES_METRICS,
  load: loadHolmes,
  async run(s, options = {}) {
    const mode = (options.mode ?? s.config.placement) as Placement;
    if (!PLACEMENTS.includes(mode)) throw new HetsimError('config_invalid', `expected one of ${PLACEMENTS.join(' | ')}, got '${mode}'`, 'placement');
    const run = runHolmes(s.resolved, mode, { trace: options.trace ?? false });
    if (options.trace && run.step.sim.trace) {
      const tr = run.step.sim.trace;
      for (let p = 0; p < run.layout.pp; p++) tr.processName(1 + p, `stage ${p} (${run.stages[p].cluster})`);
      options.sink?.trace?.(tr.toJSON());
    }
    const r = holmesResult(run, s.resolved.model.id, s.config.transport, s.config.training.global_batch);
    return { ...r, config: { ...s.config, placement: mode }, metrics: holmesMetrics(r), version: VERSION };
  },
  text: holmesText,
  cost(s) {
    const gpus = s.config.clusters.reduce((a, c) => a + c.nodes * 8, 0);
    return gpus * (s.config.training.global_batch / s.config.training.micro_batch);
  },
  report: holmesReport,
};

/**
 * NeuPIMs as a system: a scenario YAML (`system: neupims`, see scenario.ts) simulated cycle by
 * cycle in one of four modes on the same requests. Flags of `hetsim simulate` are scenario keys.
 */
import { join } from 'node:path';
import { HetsimError } from '../../errors.js';
import { VERSION } from '../version.js';
import { readScenarioSource, scenarioDir, withOverrides } from '../scenario-file.js';
import type { LoadedScenario, SystemDescriptor } from '../system.js';
import { loadRequests } from './load-requests.js';
import { layersPerDevice } from './model-shapes.js';
import { neupimsMetrics, NEUPIMS_METRICS, type NeupimsMetric, type NeupimsResult } from './neupims-result.js';
import { neupimsReport } from './report.js';
import { formatRequestCsv } from './request-trace.js';
import { MODES, parseScenario, resolveScenario, scenarioSchema, type Mode, type ScenarioFile, type Scenario } from './scenario.js';
import { simulateNeupims } from './simulate-neupims.js';
import type { TraceDetail } from './run-step.js';
import { neupimsText } from './text.js';

export interface NeupimsScenario extends LoadedScenario {
  readonly config: ScenarioFile;
  readonly scenario: Scenario;
}

export type NeupimsSystemResult = NeupimsResult & { config: ScenarioFile; metrics: Record<NeupimsMetric, number>; version: string };

/** Trace levels; the first is the default (run-step.ts TraceDetail). */
const TRACE_DETAILS: readonly TraceDetail[] = ['gemv', 'system', 'commands'];

async function load(ref: string | Record<string, unknown>, overrides?: Record<string, unknown>, base?: string): Promise<NeupimsScenario> {
  const src = await readScenarioSource(ref, base);
  // an inline scenario's relative paths (requests) resolve against the directory it was written in
  const path = src.path ?? join(scenarioDir(src, base), 'inline-scenario.yaml');
  const parsed = parseScenario(withOverrides(src.raw, overrides), path);
  const scenario = await resolveScenario(parsed);
  const perDevice = layersPerDevice(scenario.shape);
  if (scenario.layers !== 'all' && scenario.layers > perDevice) {
    throw new HetsimError(
      'config_invalid',
      `${scenario.layers} exceeds the ${perDevice} decoder layers ${scenario.shape.id} has per device (layers / pp ${scenario.shape.pp}); use 'all' or 1..${perDevice}`,
      'layers',
    );
  }
  const { path: _path, ...config } = parsed;
  return { config, path: src.path, scenario };
}

export const neupimsSystem: SystemDescriptor<NeupimsScenario, NeupimsSystemResult> = {
  id: 'neupims',
  title: 'NeuPIMs: NPU + dual-row-buffer HBM-PIM',
  describe: 'cycle-level NeuPIMs (NPU + HBM-PIM) batched decode step, or a baseline mode on the same requests',
  modes: MODES,
  scenarioSchema,
  flags: {
    batch: { key: 'batch', type: 'positive-int', describe: "live requests (default: the scenario's batch)" },
    layers: { key: 'layers', type: 'positive-int', describe: "decoder layers in the step (default: all of the device's share)" },
    'steady-state-layers': { key: 'steady_state_layers', type: 'non-negative-int', describe: 'layers simulated cycle by cycle before extrapolating (0 = all)' },
    steps: { key: 'steps', type: 'positive-int', describe: 'decode steps; contexts grow by one token per step' },
    placement: { key: 'placement', type: 'string', choices: ['auto', 'trace', 'clb', 'rr'], describe: "channel placement (default: the scenario's; auto = trace for neupims, rr for npu-pim-naive)" },
    requests: { key: 'requests', type: 'path', describe: 'request snapshot CSV (seq_len,ch_idx), overrides the scenario' },
  },
  outputFlags: { 'write-requests': 'write the requests used (e.g. a generated snapshot) as CSV' },
  traceDetails: TRACE_DETAILS,
  metrics: NEUPIMS_METRICS,
  load,
  async run(s, options = {}) {
    const mode = (options.mode ?? s.config.mode) as Mode;
    if (!MODES.includes(mode)) throw new HetsimError('config_invalid', `expected one of ${MODES.join(' | ')}, got '${mode}'`, 'mode');
    const reqs = loadRequests(s.scenario);
    const out = options.outputs?.['write-requests'];
    if (out !== undefined) options.sink?.file?.(out, formatRequestCsv(reqs.slice(0, s.scenario.batch)));
    const { result, trace } = simulateNeupims(s.scenario, reqs, {
      mode,
      trace: options.trace ?? false,
      traceDetail: (options.traceDetail ?? TRACE_DETAILS[0]) as TraceDetail,
    });
    if (options.trace) {
      if (!trace) throw new HetsimError('config_invalid', `mode ${result.mode} has no cycle-level trace`, '--trace');
      options.sink?.trace?.(trace);
    }
    return { ...result, config: { ...s.config, mode }, metrics: neupimsMetrics(result), version: VERSION };
  },
  text: neupimsText,
  // Longest first so the pool's workers finish together: interleaved runs simulate more layers,
  // cost grows with the batch, and 0 cycle-level layers means all of them (the longest).
  cost(s, mode) {
    const layers = s.config.steady_state_layers;
    return mode === 'gpu' ? 0 : (mode === 'neupims' ? 2 : 1) * (layers === 0 ? Number.MAX_SAFE_INTEGER : layers) * (1 + s.config.batch / 512);
  },
  report: neupimsReport,
};

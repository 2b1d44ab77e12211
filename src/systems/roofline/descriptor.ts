/**
 * The roofline analyzer as a system: a scenario is one request (the `hetsim roofline` flag keys)
 * under `system: roofline`, analysed in one of the three modes.
 */
import { z } from 'zod';
import { validate } from '../../config/validate.js';
import { HetsimError } from '../../errors.js';
import { readScenarioSource, withOverrides } from '../scenario-file.js';
import type { LoadedScenario, SystemDescriptor } from '../system.js';
import { toTable } from './format.js';
import { measurementFileSchema } from './measurements.js';
import { rooflineSection } from './report.js';
import { MODES, REQUEST_HELP, STAGES, toRequest } from './request.js';
import { asSystemResult, ROOFLINE_METRICS, type RooflineSystemResult } from './result.js';
import { runRoofline } from './run.js';
import type { RooflineMode, RooflineRequest } from './types.js';

const count = z.union([z.number(), z.string()]);

/** Types and key names only: `toRequest` checks ranges and bit widths, as for flags and --input lines. */
export const rooflineScenarioSchema = z.strictObject({
  system: z.literal('roofline'),
  model: z.string().min(1).describe(REQUEST_HELP.model),
  hardware: z.string().min(1).describe(REQUEST_HELP.hardware),
  stage: z.enum(STAGES as [string, ...string[]]).optional().describe(REQUEST_HELP.stage),
  batch: count.optional().describe(REQUEST_HELP.batch),
  seq: count.optional().describe(REQUEST_HELP.seq),
  gen: count.optional().describe(REQUEST_HELP.gen),
  bits: z.union([z.string(), z.strictObject({ w: z.number(), a: z.number(), kv: z.number().optional() })]).optional().describe(REQUEST_HELP.bits),
  flash: z.boolean().optional().describe(REQUEST_HELP.flash),
  tp: count.optional().describe(REQUEST_HELP.tp),
  mode: z.enum(MODES as [string, ...string[]]).optional().describe(REQUEST_HELP.mode),
});

export interface RooflineScenario extends LoadedScenario {
  readonly config: RooflineRequest;
}

export const rooflineSystem: SystemDescriptor<RooflineScenario, RooflineSystemResult> = {
  id: 'roofline',
  title: 'Roofline analyzer',
  describe: 'per-layer roofline of LLM prefill/decode/generate on a device (LLM-Viewer exact, ideal, calibrated)',
  modes: MODES,
  scenarioSchema: rooflineScenarioSchema,
  fileSchemas: [{ kind: 'measurements', title: 'hetsim kernel timings for `hetsim calibrate` (models/hardware/measurements/*.json)', schema: measurementFileSchema }],
  metrics: ROOFLINE_METRICS,
  async load(ref, overrides, base) {
    const src = await readScenarioSource(ref, base);
    const label = src.path ? `roofline scenario ${src.path}` : 'roofline scenario';
    const raw = withOverrides(src.raw, overrides);
    const { system: _system, ...request } = validate(rooflineScenarioSchema, raw, label);
    return { config: toRequest(request, {}, src.path ? `${src.path}: ` : ''), path: src.path };
  },
  async run(s, options = {}) {
    const mode = (options.mode ?? s.config.mode) as RooflineMode;
    if (!MODES.includes(mode)) throw new HetsimError('config_invalid', `expected one of ${MODES.join(' | ')}, got '${mode}'`, 'mode');
    const req: RooflineRequest = { ...s.config, mode };
    const r = await runRoofline(req);
    return asSystemResult(r, r, req);
  },
  text: (r) => toTable(r),
  report: rooflineSection,
};

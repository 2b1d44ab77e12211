/**
 * SkipPipe as a system: partial and reordered pipeline paths over a geo-distributed network. The
 * mode is the schedule (`--schedule` sets the scenario key, `--mode` picks it per run).
 */
import { dirname, resolve } from 'node:path';
import { HetsimError } from '../../errors.js';
import { readScenarioSource, withOverrides } from '../scenario-file.js';
import type { LoadedScenario, SystemDescriptor } from '../system.js';
import { VERSION } from '../version.js';
import { exportPaths } from './paths-file.js';
import type { Problem } from './problem.js';
import { skippipeReport } from './report.js';
import { SKIPPIPE_METRICS, type SkippipeMetric, type SkippipeResult } from './result.js';
import { runSkippipe } from './run.js';
import { parseScenario, resolveProblem, scenarioSchema, type ScenarioFile } from './scenario.js';
import { SCHEDULES, type ScheduleName } from './schedules.js';
import { skippipeText } from './text.js';

export interface SkippipeScenario extends LoadedScenario {
  readonly config: ScenarioFile;
  readonly problem: Problem;
}

export type SkippipeSystemResult = SkippipeResult & { config: ScenarioFile; metrics: Record<SkippipeMetric, number>; version: string };

function metricsOf(r: Omit<SkippipeResult, 'system'>): Record<SkippipeMetric, number> {
  const cov = r.layer_coverage;
  return {
    iteration_s: r.iteration_s,
    utilization_mean: r.utilization.mean,
    utilization_min: r.utilization.min,
    utilization_max: r.utilization.max,
    collisions: r.collisions,
    collision_wait_s: r.collision_wait_s,
    memory_wait_s: r.memory_wait_s,
    microbatches: r.microbatches,
    microbatches_per_s: r.iteration_s > 0 ? r.microbatches / r.iteration_s : 0,
    coverage_mean: cov.reduce((a, b) => a + b, 0) / cov.length,
    coverage_min: Math.min(...cov),
    allocation_score: r.allocation_score,
  };
}

export const skippipeSystem: SystemDescriptor<SkippipeScenario, SkippipeSystemResult> = {
  id: 'skippipe',
  title: 'SkipPipe: partial and reordered pipelines on a geo-distributed network',
  describe: 'event-driven pipeline-parallel training iteration with partial (skipping) and reordered paths, collision-aware path scheduling',
  modes: SCHEDULES,
  scenarioSchema,
  flags: {
    schedule: { key: 'schedule', type: 'string', choices: SCHEDULES, describe: 'which path set runs: full | random-skip | skippipe-no-tc2 | skippipe' },
    paths: { key: 'paths', type: 'path', describe: "import a schedule (hetsim's --export-paths JSON or a public SkipPipe schedule.json) instead of computing one" },
    timings: { key: 'timings', type: 'boolean', describe: 'add the wall-clock scheduler_s (allocation + path search) to the result' },
  },
  outputFlags: { 'export-paths': "write the run's partitions and paths as hetsim schedule JSON (re-importable with --paths)" },
  traceDetails: ['tasks'],
  metrics: SKIPPIPE_METRICS,
  async load(ref, overrides, base) {
    const src = await readScenarioSource(ref, base);
    const parsed = parseScenario(withOverrides(src.raw, overrides), `scenario ${src.path ?? 'inline'}`);
    // a relative `paths:` in a scenario file is relative to that file (the --paths flag is already absolute)
    const dir = src.path ? dirname(src.path) : (base ?? process.cwd());
    const config = parsed.paths === undefined ? parsed : { ...parsed, paths: resolve(dir, parsed.paths) };
    return { config, path: src.path, problem: await resolveProblem(config, src.path) };
  },
  async run(s, options = {}) {
    const mode = (options.mode ?? s.config.schedule) as ScheduleName;
    if (!SCHEDULES.includes(mode)) throw new HetsimError('config_invalid', `expected one of ${SCHEDULES.join(' | ')}, got '${mode}'`, 'schedule');
    const out = runSkippipe(s.problem, mode, s.config.paths, s.config.timings, options.trace ?? false);
    const file = options.outputs?.['export-paths'];
    if (file !== undefined) options.sink?.file?.(file, exportPaths(out.schedule, mode));
    if (out.trace) options.sink?.trace?.(out.trace);
    return { system: 'skippipe', ...out.result, config: { ...s.config, schedule: mode }, metrics: metricsOf(out.result), version: VERSION };
  },
  text: skippipeText,
  cost(s, mode) {
    return mode === 'skippipe' ? s.problem.searchEvaluations * s.problem.nodes : s.problem.nodes;
  },
  report: skippipeReport,
};

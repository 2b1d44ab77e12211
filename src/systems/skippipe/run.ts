/** One SkipPipe run: the problem, a schedule (computed or imported), its simulated iteration. */
import { readText } from '../../config/read-file.js';
import { TraceRecorder, type ChromeTrace } from '../../sim/index.js';
import { gcmaScore } from './allocation.js';
import { importPaths } from './paths-file.js';
import { simulateIteration } from './pipeline-sim.js';
import { stageOfNodes, type Problem, type Schedule } from './problem.js';
import type { SkippipeResult } from './result.js';
import { allocate, buildSchedule, fullPipelines, type ScheduleName } from './schedules.js';

export interface RunOutput {
  result: Omit<SkippipeResult, 'system'>;
  schedule: Schedule;
  trace: ChromeTrace | null;
}

export function runSkippipe(base: Problem, mode: ScheduleName, pathsFile: string | undefined, timings: boolean, trace: boolean): RunOutput {
  const t0 = performance.now();
  let problem = base;
  let schedule: Schedule;
  let source = 'scheduler';
  if (pathsFile !== undefined) {
    const imp = importPaths(pathsFile, readText(pathsFile, '--paths'), mode, base);
    problem = imp.problem;
    schedule = mode === 'full' && imp.schedule.streams.length === 0 ? fullPipelines(problem, imp.schedule.partitions) : imp.schedule;
    source = imp.source;
  } else {
    schedule = buildSchedule(problem, mode, allocate(problem).partitions);
  }
  const schedulerS = (performance.now() - t0) / 1000;
  const o = simulateIteration(problem, schedule, true);
  const stage = stageOfNodes(schedule.partitions, problem.nodes);
  const util = o.busyS.map((b) => (o.iterationS > 0 ? b / o.iterationS : 0));
  const coverage = stage.length === 0 ? [] : schedule.partitions.flatMap((_, t) => new Array<number>(problem.layersPerStage).fill(o.microbatches > 0 ? o.stageVisits[t] / o.microbatches : 0));
  const result: RunOutput['result'] = {
    mode,
    schedule: mode,
    source,
    iteration_s: o.iterationS,
    paths: schedule.streams.map((s) => s.path),
    path_microbatches: schedule.streams.map((s) => s.microbatches),
    partitions: schedule.partitions,
    utilization: { mean: util.reduce((a, b) => a + b, 0) / util.length, min: Math.min(...util), max: Math.max(...util) },
    collisions: o.collisions,
    collision_wait_s: o.collisionWaitS,
    memory_wait_s: o.memoryWaitS,
    microbatches: o.microbatches,
    layer_coverage: coverage,
    allocation_score: gcmaScore(problem.delay, problem.forward, schedule.partitions),
    nodes: o.busyS.map((b, i) => ({ node: i, stage: stage[i], region: problem.regions?.[i] ?? null, busy_s: b, utilization: util[i] })),
    timeline: o.spans!,
    sim: { events: o.events },
    ...(timings ? { scheduler_s: schedulerS } : {}),
  };
  return { result, schedule, trace: trace ? traceOf(o.spans!, problem, stage) : null };
}

function traceOf(spans: NonNullable<ReturnType<typeof simulateIteration>['spans']>, problem: Problem, stage: number[]): ChromeTrace {
  const rec = new TraceRecorder();
  for (let i = 0; i < problem.nodes; i++) rec.processName(i, `node ${i} (stage ${stage[i]}${problem.regions ? `, ${problem.regions[i]}` : ''})`);
  for (const s of spans) rec.complete(`${s.kind} mb${s.microbatch}`, Math.round(s.start * 1e12), Math.round((s.end - s.start) * 1e12), s.node, 0, { microbatch: s.microbatch });
  return rec.toJSON();
}

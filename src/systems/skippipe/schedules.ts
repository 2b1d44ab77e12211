/**
 * The four schedules on one problem: `full` (fixed full pipelines along the allocation's columns,
 * DT-FM-like), `random-skip` (network-blind seeded paths), `skippipe-no-tc2` and `skippipe`.
 */
import { allocateStages } from './allocation.js';
import { searchPaths } from './path-search.js';
import type { Problem, Schedule, Stream } from './problem.js';

export const SCHEDULES = ['full', 'random-skip', 'skippipe-no-tc2', 'skippipe'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

/**
 * As many complete pipelines as the smallest stage has nodes; column k is pipeline k, led by stage-0
 * node partitions[0][k] (surplus stage-0 nodes idle). Each head runs `memory` streams.
 */
export function fullPipelines(problem: Problem, partitions: number[][]): Schedule {
  const pipelines = Math.min(...partitions.map((p) => p.length));
  const total = problem.fullMicrobatchesPerPipeline === null ? partitions[0].length * problem.microbatchesPerStage0Node : problem.fullMicrobatchesPerPipeline * pipelines;
  const streams: Stream[] = [];
  const r = problem.memorySlots;
  for (let k = 0; k < pipelines; k++) {
    const mine = Math.floor(total / pipelines) + (k < total % pipelines ? 1 : 0);
    const path = partitions.map((p) => p[k]);
    for (let j = 0; j < r; j++) {
      const mb = Math.floor(mine / r) + (j < mine % r ? 1 : 0);
      if (mb > 0) streams.push({ path, microbatches: mb });
    }
  }
  return { partitions, streams };
}

export function allocate(problem: Problem): { partitions: number[][]; score: number } {
  return allocateStages({ delay: problem.delay, forward: problem.forward, stageSizes: problem.stageSizes, seed: problem.seed });
}

export function buildSchedule(problem: Problem, name: ScheduleName, partitions: number[][]): Schedule {
  return name === 'full' ? fullPipelines(problem, partitions) : searchPaths(problem, partitions, name);
}

/** The SkipPipe result (`--json`): the JSON contract keys at top level, flat metrics, a timeline. */
import type { MetricSpec } from '../system.js';
import type { TaskSpan } from './pipeline-sim.js';
import type { ScheduleName } from './schedules.js';

export const SKIPPIPE_METRICS = [
  { name: 'iteration_s', unit: 's', better: 'lower', describe: 'simulated iteration: the last final backward at a stage-0 node' },
  { name: 'utilization_mean', unit: 'ratio', better: 'higher', describe: 'mean over nodes of busy time / iteration time' },
  { name: 'utilization_min', unit: 'ratio', better: 'higher', describe: 'least busy node' },
  { name: 'utilization_max', unit: 'ratio', better: 'higher', describe: 'busiest node' },
  { name: 'collisions', unit: 'tasks', better: 'lower', describe: 'tasks that found their node busy and waited' },
  { name: 'collision_wait_s', unit: 's', better: 'lower', describe: 'total seconds those tasks waited' },
  { name: 'memory_wait_s', unit: 's', better: 'lower', describe: 'total seconds forwards waited for a memory slot' },
  { name: 'microbatches', unit: 'microbatches', better: 'higher', describe: 'microbatches trained in the iteration' },
  { name: 'microbatches_per_s', unit: 'microbatches/s', better: 'higher', describe: 'microbatches / iteration time' },
  { name: 'coverage_mean', unit: 'ratio', better: 'higher', describe: 'mean over layers of the fraction of microbatches that trained the layer' },
  { name: 'coverage_min', unit: 'ratio', better: 'higher', describe: 'least-trained layer' },
  { name: 'allocation_score', unit: 's', better: 'lower', describe: 'GCMA score of the node→stage allocation (DP spread + 2 × pipeline tour)' },
] as const satisfies readonly MetricSpec[];

export type SkippipeMetric = (typeof SKIPPIPE_METRICS)[number]['name'];

export interface NodeRow {
  node: number;
  stage: number;
  region: string | null;
  busy_s: number;
  utilization: number;
}

export interface SkippipeResult {
  system: 'skippipe';
  mode: ScheduleName;
  schedule: ScheduleName;
  /** `scheduler` or the imported file's path. */
  source: string;
  iteration_s: number;
  /** One path per stream (node ids, the stage-0 node first; the return to it is implied). */
  paths: number[][];
  /** Microbatches each path carries. */
  path_microbatches: number[];
  partitions: number[][];
  utilization: { mean: number; min: number; max: number };
  collisions: number;
  collision_wait_s: number;
  memory_wait_s: number;
  microbatches: number;
  /** Fraction of the iteration's microbatches whose forward ran each layer (layer 0 first). */
  layer_coverage: number[];
  allocation_score: number;
  nodes: NodeRow[];
  timeline: TaskSpan[];
  sim: { events: number };
  /** Wall-clock seconds of allocation + path search (only with `timings: true`). */
  scheduler_s?: number;
}

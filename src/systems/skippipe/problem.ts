/**
 * What every SkipPipe part works on, once the scenario (or an imported public schedule.json) is
 * resolved: node count, stage sizes, path length, memory, the per-hop delay matrix and per-node
 * compute times. Schedules are lists of streams; each stream carries microbatches along one path.
 */
import type { LinkMatrix } from '../../hw/net/wan/link-matrix.js';

export interface Problem {
  nodes: number;
  /** Nodes per stage; stage 0 (embedding, de-embedding, loss) is usually the largest. */
  stageSizes: number[];
  /** P: stages each microbatch visits, stage 0 counted. */
  pathLength: number;
  /** Activations a node may hold: a forward takes a slot, its backward frees it. */
  memorySlots: number;
  microbatchesPerStage0Node: number;
  /** `full`: microbatches per pipeline (null: the iteration's microbatches split evenly). */
  fullMicrobatchesPerPipeline: number | null;
  /** delay[i][j]: seconds for one activation (or gradient) message from i to j, overhead included. */
  delay: number[][];
  /** Serialisation part of delay[i][j] (bytes / bandwidth), for link contention; null if unknown. */
  serialisation: number[][] | null;
  contention: boolean;
  /** Forward seconds of one microbatch on node i (its stage's layers). */
  forward: number[];
  backwardFactor: number;
  /** Loss + de-embedding at the stage-0 node, as a fraction of its forward. */
  lossFactor: number;
  layersPerStage: number;
  seed: number;
  /** Local-search evaluations the collision-aware scheduler may spend (simulations). */
  searchEvaluations: number;
  /** Region of each node (null when the network was given as matrices or by a public file). */
  regions: string[] | null;
  links: LinkMatrix | null;
}

/** One stream: a stage-0 node's sequence of microbatches along one path; one in flight at a time. */
export interface Stream {
  /** Path nodes, the stage-0 node first; the return to it for the loss is implied. */
  path: number[];
  microbatches: number;
}

export interface Schedule {
  /** partitions[t]: the nodes of stage t; in `full`, column k of consecutive stages is pipeline k. */
  partitions: number[][];
  streams: Stream[];
}

export function stageOfNodes(partitions: readonly (readonly number[])[], nodes: number): number[] {
  const stage = new Array<number>(nodes).fill(-1);
  partitions.forEach((p, t) => p.forEach((n) => (stage[n] = t)));
  return stage;
}

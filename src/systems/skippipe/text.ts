/** The human-readable form of a SkipPipe result. */
import type { SkippipeResult } from './result.js';

export function skippipeText(r: SkippipeResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const cov = r.layer_coverage;
  return [
    `skippipe ${r.schedule}: ${r.nodes.length} nodes, stages [${r.partitions.map((p) => p.length).join(',')}], ${r.paths.length} streams, ${r.microbatches} microbatches (${r.source})`,
    `iteration      ${r.iteration_s.toFixed(3)} s  (${(r.microbatches / r.iteration_s).toFixed(3)} microbatches/s)`,
    `utilization    mean ${pct(r.utilization.mean)}  min ${pct(r.utilization.min)}  max ${pct(r.utilization.max)}`,
    `collisions     ${r.collisions} tasks waited ${r.collision_wait_s.toFixed(2)} s; memory waits ${r.memory_wait_s.toFixed(2)} s`,
    `coverage       layers trained by ${pct(Math.min(...cov))}…${pct(Math.max(...cov))} of microbatches (mean ${pct(cov.reduce((a, b) => a + b, 0) / cov.length)})`,
    `allocation     GCMA score ${r.allocation_score.toFixed(3)}; partitions ${JSON.stringify(r.partitions)}`,
    `paths          ${r.paths.map((p) => p.join('→')).join('  ')}`,
    ...(r.scheduler_s !== undefined ? [`scheduler      ${r.scheduler_s.toFixed(3)} s wall`] : []),
    '',
  ].join('\n');
}

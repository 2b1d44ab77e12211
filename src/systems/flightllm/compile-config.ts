/** What the instruction compiler needs, resolved from a scenario, its FPGA device and its model. */
import type { Parallelism } from '../../hw/fpga/mpe.js';
import type { NmN } from '../../hw/fpga/csd-chain.js';
import type { ModelSpec } from '../../workload/model.js';
import type { LinearName } from './scenario.js';

export interface LinearPlan {
  bits: number;
  n: NmN;
}

export interface CompileConfig {
  model: ModelSpec;
  slrs: number;
  mm: Parallelism;
  mv: Parallelism;
  mvTileCols: number;
  sfuLanes: number;
  weightBufBytes: number;
  actBufBytes: number;
  globalBufBytes: number;
  linears: Record<LinearName, LinearPlan>;
  /** Sparse index metadata is stored when sparsity is on. */
  sparse: boolean;
  kvBytes: number;
  attnBlockDensity: number;
  alwaysOnChip: boolean;
}

/** Columns of `total` SLR `s` of `slrs` computes, split in whole `quantum`s (heads, 16-column blocks). */
export function shareOf(total: number, slrs: number, s: number, quantum: number): number {
  const units = Math.ceil(total / quantum);
  const base = Math.floor(units / slrs);
  const mine = base + (s < units % slrs ? 1 : 0);
  const start = (base * s + Math.min(s, units % slrs)) * quantum;
  return Math.max(0, Math.min(total, start + mine * quantum) - start);
}

/** The attention block grid: 64-token blocks (demo MASK_LAYOUT_BLOCK_SIZE). */
export const ATTN_BLOCK = 64;
/** FSB block: the column quantum of a split and of N:16 patterns. */
export const FSB = 16;

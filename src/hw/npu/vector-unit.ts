/**
 * Vector pipelines: per-row instruction costs (spec §3 "Vector ops") and list scheduling on the
 * 8 pipelines. An instruction goes to the first free pipeline (§3); we model the intended
 * behaviour (earliest-free pipeline) rather than the reference's degenerate fallback, which only
 * matters when all 8 are busy and then mis-stamps start times without changing throughput.
 */
import type { NpuConfig, VectorOp } from './npu-config.js';

export type VectorKernel = 'layerNorm' | 'rmsNorm' | 'softmax' | 'add' | 'gelu' | 'siluMul';

/** §3: iterations = ceil(len / lanes). */
export function iterations(len: number, c: NpuConfig): number {
  return Math.ceil(len / c.vectorLanes);
}

/** §3: add-tree iterations are recursive ceil(len/lanes) sums down to one element. */
export function addTreeIterations(len: number, c: NpuConfig): number {
  let total = 0;
  let n = len;
  do {
    n = Math.ceil(n / c.vectorLanes);
    total += n;
  } while (n > 1);
  return total;
}

/** Cycles one pipeline spends on one row of `len` elements (§3 formulas, op latencies from §2). */
export function rowCycles(kernel: VectorKernel, len: number, c: NpuConfig): number {
  const L = (op: VectorOp): number => c.vectorLatency[op];
  const it = iterations(len, c);
  const tree = addTreeIterations(len, c) * L('addTree');
  switch (kernel) {
    case 'layerNorm':
      // mean and variance trees, 2 scalar multiplies, one sqrt, then (x−μ)·σ⁻¹·γ+β per lane group
      return 2 * tree + 2 * L('scalarMul') + L('scalarSqrt') + it * (2 * L('add') + 3 * L('mul'));
    case 'rmsNorm':
      // hetsim's extension (the reference has LayerNorm only): one sum-of-squares tree, a scalar
      // multiply and sqrt, then x²·, ·σ⁻¹ and ·γ per lane group
      return tree + L('scalarMul') + L('scalarSqrt') + it * (3 * L('mul'));
    case 'softmax':
      return 2 * tree + it * (L('add') + L('exp') + L('mul'));
    case 'add':
      return it * L('add');
    case 'gelu':
      return it * L('gelu');
    case 'siluMul':
      // SwiGLU: SiLU of the gate (GELU-class unit) times the up projection
      return it * (L('gelu') + L('mul'));
  }
}

/** The 8 pipelines' state; one instance per NPU core so repeated runs stay independent. */
export class VectorUnit {
  private readonly freeAt: Float64Array;
  busyCycles = 0;

  constructor(private readonly c: NpuConfig) {
    this.freeAt = new Float64Array(c.vectorUnits);
  }

  /** Issue `rows` identical row instructions at or after `at`; returns the cycle the last finishes. */
  issueRows(kernel: VectorKernel, rows: number, len: number, at: number): number {
    const cost = rowCycles(kernel, len, this.c);
    let end = at;
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let p = 1; p < this.freeAt.length; p++) if (this.freeAt[p] < this.freeAt[best]) best = p;
      const s = Math.max(at, this.freeAt[best]);
      this.freeAt[best] = s + cost;
      end = Math.max(end, s + cost);
    }
    this.busyCycles += rows * cost;
    return end;
  }

  /** Closed form for a batch of equal rows starting on idle pipelines. */
  static batchCycles(kernel: VectorKernel, rows: number, len: number, c: NpuConfig): number {
    return Math.ceil(rows / c.vectorUnits) * rowCycles(kernel, len, c);
  }
}

/**
 * Vector pipelines: per-row instruction costs (spec §3 "Vector ops") and their issue.
 *
 * Two issue models (NpuConfig.vectorIssue):
 * - `reference` (default): the public simulator's. Each program (the NPU's and the PIM-side MHA
 *   program) issues at most one vector instruction per cycle, and `issue_ex_inst` stamps it
 *   start = now whichever of the 8 pipelines it queues in (its pipeline choice degenerates once all
 *   are busy), so rows overlap without limit: a row costs its latency, a batch of rows one cycle
 *   each after the first. This is what the reference's stage cycles contain.
 * - `pipelines`: list scheduling on the 8 pipelines, one row at a time each — what 8 × 128-lane
 *   units would physically take (a 256-row LayerNorm of 4096 elements: 32 rounds × 229 cycles).
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

/** Which program's instruction queue issues (the reference keeps one per program). */
export type VectorPort = 'npu' | 'pim';

/** The 8 pipelines' state; one instance per NPU core so repeated runs stay independent. */
export class VectorUnit {
  private readonly freeAt: Float64Array;
  /** `reference` issue: the next cycle each program's queue may issue. */
  private readonly nextIssue: Record<VectorPort, number> = { npu: 0, pim: 0 };
  busyCycles = 0;

  constructor(private readonly c: NpuConfig) {
    this.freeAt = new Float64Array(c.vectorUnits);
  }

  /** Issue `rows` identical row instructions at or after `at`; returns the cycle the last finishes. */
  issueRows(kernel: VectorKernel, rows: number, len: number, at: number, port: VectorPort = 'npu'): number {
    return this.issueFed(kernel, rows, len, at, at, port);
  }

  /**
   * Like `issueRows`, with the rows' input streaming in from `at`: row r's data is there at
   * at + (r + 1)·(dataEnd − at)/rows (a DMA stream arrives in address order).
   */
  issueFed(kernel: VectorKernel, rows: number, len: number, at: number, dataEnd: number, port: VectorPort = 'npu'): number {
    const cost = rowCycles(kernel, len, this.c);
    const ready = (r: number): number => at + ((r + 1) * (dataEnd - at)) / rows;
    let end = at;
    this.busyCycles += rows * cost;
    if (this.c.vectorIssue === 'reference') {
      let t = Math.max(at, this.nextIssue[port]);
      for (let r = 0; r < rows; r++) {
        t = Math.max(t, Math.ceil(ready(r)));
        end = Math.max(end, t + cost);
        t++;
      }
      this.nextIssue[port] = t;
      return end;
    }
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let p = 1; p < this.freeAt.length; p++) if (this.freeAt[p] < this.freeAt[best]) best = p;
      const s = Math.max(at, Math.ceil(ready(r)), this.freeAt[best]);
      this.freeAt[best] = s + cost;
      end = Math.max(end, s + cost);
    }
    return end;
  }
}

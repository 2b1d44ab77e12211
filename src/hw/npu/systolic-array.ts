/**
 * Weight-stationary systolic-array GEMM timing, instruction by instruction (spec §3).
 *
 * The NeuPIMs NPU transposes linear layers so the *stationary* operand is a 128×128 tile of token
 * activations and the weight matrix streams through in 128-row blocks. One instruction = one
 * stationary tile × one streaming block; its latency is H + W − 2 + max(size, 4) where
 * size = rows / saCount (the "8 arrays" only shorten streaming, §2). Instructions pipeline: the next
 * one starts `size` cycles after the previous, or `saHeight` cycles after a GEMM_PRELOAD (a new
 * stationary tile has to be shifted in first).
 */
import type { NpuConfig } from './npu-config.js';

/** out[m][n] = Σ_k act[m][k] · W[k][n]; m = tokens. */
export interface GemmShape {
  m: number;
  k: number;
  n: number;
}

export interface GemmTiming {
  start: number;
  /** Cycle the last instruction leaves the array. */
  end: number;
  /** Cycles the array was issuing instructions (compute-bound time, §10: use this for utilization). */
  busyCycles: number;
  /** Cycles the issue stalled waiting for a streaming block from DRAM. */
  stallCycles: number;
  instructions: number;
  macs: number;
}

export function tileCounts(s: GemmShape, c: NpuConfig): { mt: number; kt: number; nt: number } {
  return { mt: Math.ceil(s.m / c.saWidth), kt: Math.ceil(s.k / c.saHeight), nt: Math.ceil(s.n / c.saHeight) };
}

/** §3: streaming rows of one block divided across the arrays. */
export function streamSize(rows: number, c: NpuConfig): number {
  return Math.ceil(rows / c.saCount);
}

/** §3: H + W − 2 + max(size, 4) — 270 cycles for a full 128-row block on 8 arrays. */
export function instructionLatency(size: number, c: NpuConfig): number {
  return c.saHeight + c.saWidth - 2 + Math.max(size, 4);
}

/**
 * Instruction order is the reference's (MatMul.cc, transposed linear layers): token tile outermost,
 * then k-tile, then the streaming blocks — each token tile runs through every k-slab before the
 * next token tile starts, and instructions issue in order. During the weight load only the first
 * token tile can keep up with the arriving slabs; later token tiles compute after it, from the
 * scratchpad (measured on the public simulator: fc1 of 256 tokens streams its 32 MB at the full
 * 1 TB/s for ≈ 36 k cycles, then computes the second token tile alone for ≈ 24 k).
 * `blockReady(mt, kt)` returns the cycle the operands of that stationary tile and its k-slab of
 * streaming blocks are in the scratchpad (the DMA model supplies it).
 */
export function runGemm(
  s: GemmShape,
  c: NpuConfig,
  start: number,
  blockReady: (mt: number, kt: number) => number = () => start,
): GemmTiming {
  const { mt, kt, nt } = tileCounts(s, c);
  // §3: the first instruction with a preload starts at now + 2·H − 1 (stationary shift-in + fill).
  let issue = start + 2 * c.saHeight - 1 - c.saHeight;
  let nextFree = issue;
  let busy = 0;
  let stall = 0;
  let lastEnd = start;
  let instructions = 0;
  const lastRows = s.n - (nt - 1) * c.saHeight;
  for (let m = 0; m < mt; m++) {
    for (let k = 0; k < kt; k++) {
      const ready = blockReady(m, k);
      for (let n = 0; n < nt; n++) {
        issue = Math.max(nextFree, ready);
        if (ready > nextFree) stall += ready - nextFree;
        const size = streamSize(n === nt - 1 ? lastRows : c.saHeight, c);
        // A GEMM_PRELOAD (first block of a stationary tile) holds the issue port for H cycles.
        const interval = n === 0 ? c.saHeight : size;
        busy += interval;
        nextFree = issue + interval;
        lastEnd = Math.max(lastEnd, issue + instructionLatency(size, c));
        instructions++;
      }
    }
  }
  return { start, end: lastEnd, busyCycles: busy, stallCycles: stall, instructions, macs: s.m * s.k * s.n };
}

/** Closed form of `runGemm` without DRAM stalls (§3: Σ tiles [H + (nt − 1)·size] + fill). */
export function gemmComputeCycles(s: GemmShape, c: NpuConfig): number {
  return runGemm(s, c, 0).end;
}

/**
 * What the system layer asks one PIM channel to do (spec §4). These are transaction-level requests;
 * the channel model in src/hw/pim expands them into DRAM commands (P_HEADER, G_ACT, COMPS_READRES or
 * COMP×n + READRES, PIM_PRECHARGE) under its own timing rules.
 */
export type PimOp =
  /** Write one 1 KB chunk of the query (or logits) into the channel's global buffer. */
  | { kind: 'gwrite'; row: number }
  /**
   * One GEMV over a row tile: `readres` result reads, each preceded by `comps` COMPs over all banks.
   * `headerComps` is what the P_HEADER encodes (a power of two ≥ comps, §4 logits·V).
   */
  | { kind: 'gemv'; row: number; comps: number; readres: number; headerComps: number };

/** A request's ops for one phase, completed as a unit (its softmax or ADD then runs on the NPU). */
export interface PimJob {
  request: number;
  channel: number;
  ops: PimOp[];
}

export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

/** Work items a channel's PIM engine executes, in order (spec neupims.md §4). */

/** Copy one 1 KB chunk (a query slice or logits) from bank `bank`, row `row` into the channel's global buffer. */
export interface GwriteOp {
  kind: 'gwrite';
  /** Flat bank index inside the channel. */
  bank: number;
  row: number;
}

/**
 * One PIM tile: P_HEADER reserving `row`, G_ACT of that row in every bank group, then
 * `numReadres` result groups of `numComps` COMPs each — fused into COMPS_READRES commands, or
 * issued as separate COMP×numComps + READRES (Newton).
 */
export interface GemvOp {
  kind: 'gemv';
  row: number;
  numComps: number;
  numReadres: number;
}

export type PimOp = GwriteOp | GemvOp;

export type PimDoneCallback = (op: PimOp, cycle: number) => void;

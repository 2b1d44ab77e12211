/**
 * NeuPIMs' decomposition of one request's decode-step attention into PIM ops (spec neupims.md §4
 * "GEMV decomposition"), plus the scheduler-level latency estimate used for channel load balancing.
 * A PIM tile is one row index across all 32 banks of a channel (32 KB).
 */
import { HetsimError } from '../../errors.js';
import type { PimOp } from './pim-op.js';

export interface AttentionShape {
  /** Current context length L (tokens in the KV cache, including the new one). */
  seqLen: number;
  /** E / n_tp: embedding slice held by this device. */
  embTp: number;
  /** Head dimension d_k (128 in every shipped model). */
  dHead: number;
  /** Heads on this device (n_heads / n_tp). */
  headsTp: number;
}

/** Elements per 1 KB row / global-buffer chunk (FP16). */
const ROW_ELEMS = 512;
/** Tokens per key tile: one token per bank, 32 banks (§4 "a row tile covers 32 tokens"). */
const TOKENS_PER_KEY_TILE = 32;

function check(s: AttentionShape): void {
  for (const k of ['seqLen', 'embTp', 'dHead', 'headsTp'] as const) {
    if (!(Number.isInteger(s[k]) && s[k] >= 1)) throw new HetsimError('config_invalid', `${k} must be a positive integer, got ${s[k]}`, `attention.${k}`);
  }
  if (ROW_ELEMS % s.dHead !== 0 || s.dHead % 32 !== 0) throw new HetsimError('config_invalid', `dHead ${s.dHead} must divide 512 and be a multiple of 32`, 'attention.dHead');
}

const nextPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(n));

export interface AttentionRows {
  /** First KV row of this request in its channel. */
  kvBaseRow: number;
  /** Row holding the query/logit chunks GWRITE reads (bank = chunk index mod 32). */
  scratchRow: number;
}

/**
 * Q·Kᵀ (`NeuPIMSLogitSoftmax`): per 512-element chunk of q, one GWRITE then ⌈L/32⌉ tiles of
 * (512/d_k) COMPS_READRES × (d_k/16) COMPs.
 */
export function logitOps(s: AttentionShape, rows: AttentionRows): PimOp[] {
  check(s);
  const chunks = Math.ceil(s.embTp / ROW_ELEMS);
  const tiles = Math.ceil(s.seqLen / TOKENS_PER_KEY_TILE);
  const ops: PimOp[] = [];
  for (let c = 0; c < chunks; c++) {
    ops.push({ kind: 'gwrite', bank: c % 32, row: rows.scratchRow });
    for (let t = 0; t < tiles; t++) ops.push({ kind: 'gemv', row: rows.kvBaseRow + c * tiles + t, numComps: s.dHead / 16, numReadres: ROW_ELEMS / s.dHead });
  }
  return ops;
}

/**
 * logits·V (`NeuPIMSAttend`): per head, per 512-token chunk, one GWRITE of the logits then d_k/32
 * tiles of one COMPS_READRES with ⌈min(L_chunk, 512)/16⌉ COMPs rounded up to a power of two.
 */
export function attendOps(s: AttentionShape, rows: AttentionRows): PimOp[] {
  check(s);
  const keyRows = Math.ceil(s.embTp / ROW_ELEMS) * Math.ceil(s.seqLen / TOKENS_PER_KEY_TILE);
  const tokenChunks = Math.ceil(s.seqLen / ROW_ELEMS);
  const tilesPerChunk = s.dHead / 32;
  const ops: PimOp[] = [];
  let row = rows.kvBaseRow + keyRows;
  for (let h = 0; h < s.headsTp; h++) {
    for (let k = 0; k < tokenChunks; k++) {
      const len = Math.min(s.seqLen - k * ROW_ELEMS, ROW_ELEMS);
      ops.push({ kind: 'gwrite', bank: (h * tokenChunks + k) % 32, row: rows.scratchRow });
      const numComps = nextPow2(Math.ceil(len / 16));
      for (let t = 0; t < tilesPerChunk; t++) ops.push({ kind: 'gemv', row: row++, numComps, numReadres: 1 });
    }
  }
  return ops;
}

/** KV rows one request occupies in its channel (keys then values). */
export function kvRows(s: AttentionShape): number {
  check(s);
  return Math.ceil(s.embTp / ROW_ELEMS) * Math.ceil(s.seqLen / TOKENS_PER_KEY_TILE) + s.headsTp * Math.ceil(s.seqLen / ROW_ELEMS) * (s.dHead / 32);
}

/**
 * §4 "Scheduler-level latency estimate": constants gwrite = 100, gemv-tile = 184.
 * est(L) = ⌈E_tp/512⌉·(100 + ⌈L/32⌉·184) + ⌈L/512⌉·n_h·(100 + ⌈d_k/32⌉·184).
 */
export function estimateMhaCycles(s: AttentionShape): number {
  check(s);
  const GWRITE = 100;
  const TILE = 184;
  return Math.ceil(s.embTp / 512) * (GWRITE + Math.ceil(s.seqLen / 32) * TILE) + Math.ceil(s.seqLen / 512) * s.headsTp * (GWRITE + Math.ceil(s.dHead / 32) * TILE);
}

/**
 * Q·Kᵀ and logits·V of one decode token as PIM ops (spec §4 "GEMV decomposition").
 *
 * Q·Kᵀ (reference `NeuPIMSLogitSoftmax`): per 512-element chunk of q one GWRITE, then ⌈L/32⌉ row
 * tiles, each one GEMV with (512/d_k) result reads of d_k/16 COMPs (GPT3-7B: 4 heads × 8 COMPs).
 * logits·V (`NeuPIMSAttend`): per head, per 512-token chunk one GWRITE of the logits, then ⌈d_k/32⌉
 * tiles each one GEMV with ⌈min(L,512)/16⌉ COMPs and one result read.
 * GQA (hetsim's extension): a key row holds KV heads, so each of the group's query heads needs its
 * own GWRITE and pass over the rows (the PIM re-reads the row internally; the KV cache shrinks by the
 * group size, the GEMV work does not); logits·V of a query head reads its KV head's value tiles.
 */
import { groupSize, keyChunks, rowElems, type KvShape, type PimGeometry, type RequestRows } from './kv-layout.js';
import { nextPow2, type PimJob, type PimOp } from './pim-ops.js';

export function qkJob(request: number, channel: number, L: number, rows: RequestRows, s: KvShape, g: PimGeometry): PimJob {
  const page = rowElems(g);
  const chunks = keyChunks(s, g);
  const headsPerTile = Math.ceil(page / s.headDim);
  const rem = (s.kvHeadsTp * s.headDim) % page;
  const headsInLast = rem === 0 ? headsPerTile : Math.ceil(rem / s.headDim);
  const compsPerHead = Math.ceil(s.headDim / g.compCoverage);
  const tilesPerChunk = Math.ceil(L / g.banksPerChannel);
  const ops: PimOp[] = [];
  for (let q = 0; q < groupSize(s); q++) {
    for (let c = 0; c < chunks; c++) {
      ops.push({ kind: 'gwrite', row: rows.keyRow0 + c });
      const heads = c === chunks - 1 ? headsInLast : headsPerTile;
      for (let t = 0; t < tilesPerChunk; t++) {
        // rows interleave chunks the way the reference's `_rows[ti * chunks + chunk]` does
        ops.push({ kind: 'gemv', row: rows.keyRow0 + t * chunks + c, comps: compsPerHead, readres: heads, headerComps: compsPerHead * heads });
      }
    }
  }
  return { request, channel, ops };
}

export function svJob(request: number, channel: number, L: number, rows: RequestRows, s: KvShape, g: PimGeometry): PimJob {
  const page = rowElems(g);
  const chunks = Math.ceil(L / page);
  const tilesPerChunk = Math.ceil(s.headDim / g.banksPerChannel);
  const ops: PimOp[] = [];
  const group = groupSize(s);
  for (let h = 0; h < s.headsTp; h++) {
    // value tiles are laid out KV head by KV head, chunk by chunk (kv-layout.ts valueTiles)
    let row = rows.valueRow0 + Math.floor(h / group) * chunks * tilesPerChunk;
    for (let c = 0; c < chunks; c++) {
      ops.push({ kind: 'gwrite', row });
      const tokens = c === chunks - 1 && L % page > 0 ? L % page : page;
      const comps = Math.ceil(tokens / g.compCoverage);
      for (let t = 0; t < tilesPerChunk; t++) {
        ops.push({ kind: 'gemv', row: row++, comps, readres: 1, headerComps: nextPow2(comps) });
      }
    }
  }
  return { request, channel, ops };
}

/** NPU vector work after each phase of one request: softmax rows after Q·Kᵀ, chunk ADDs after logits·V. */
export function svPartialSumRows(L: number, s: KvShape, g: PimGeometry): number {
  const chunks = Math.ceil(L / rowElems(g));
  return chunks > 1 ? s.headsTp * Math.ceil(s.headDim / g.banksPerChannel) : 0;
}

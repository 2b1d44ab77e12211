/**
 * The scheduler-level MHA latency estimate used for channel load balancing (spec §4, constants
 * gwrite = 100, gemv-tile = 184 cycles):
 *   est(L) = ⌈E_tp/512⌉·(100 + ⌈L/32⌉·184) + ⌈L/512⌉·n_h·(100 + ⌈d_k/32⌉·184)
 * With GQA the first term is group size × key chunks (gemv-decompose.ts), as the GEMVs issued are.
 */
import { groupSize, keyChunks, rowElems, type KvShape, type PimGeometry } from './kv-layout.js';

export const EST_GWRITE_CYCLES = 100;
export const EST_GEMV_TILE_CYCLES = 184;

export function estimateMhaCycles(L: number, s: KvShape, g: PimGeometry): number {
  const page = rowElems(g);
  const qk = groupSize(s) * keyChunks(s, g) * (EST_GWRITE_CYCLES + Math.ceil(L / g.banksPerChannel) * EST_GEMV_TILE_CYCLES);
  const sv = Math.ceil(L / page) * s.headsTp * (EST_GWRITE_CYCLES + Math.ceil(s.headDim / g.banksPerChannel) * EST_GEMV_TILE_CYCLES);
  return qk + sv;
}

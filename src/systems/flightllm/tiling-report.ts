/**
 * Eq. 3 for the decode step's MV tiles: T_mem (the tile's weight bytes over the SLR's channel
 * bandwidth) against T_cmp (its MV cycles). T_mem > T_cmp means HBM-bound: the loads, not the
 * MPE, set the pace, which is what the MV sizing aims at; T_mem < T_cmp means the loads hide
 * behind compute (double buffering).
 */
import { mvTile, mvTileCycles } from './compiler.js';
import type { CompileConfig } from './compile-config.js';
import { LINEAR_OPS, type LinearName } from './scenario.js';

export interface Eq3Row {
  op: LinearName;
  tile: { cols: number; k: number; bytes: number };
  t_mem_cycles: number;
  t_cmp_cycles: number;
  bound: 'memory' | 'compute';
}

export function eq3MvReport(cfg: CompileConfig, slrBytesPerCycle: number): Eq3Row[] {
  const m = cfg.model;
  const k: Record<LinearName, number> = { q_proj: m.hidden, k_proj: m.hidden, v_proj: m.hidden, o_proj: m.hidden, gate_proj: m.hidden, up_proj: m.hidden, down_proj: m.intermediate, lm_head: m.hidden };
  return LINEAR_OPS.filter((op) => cfg.linears[op].n > 0).map((op) => {
    const t = mvTile(cfg, op, k[op], cfg.mvTileCols);
    const bytes = Math.ceil(t.tileN * t.tileK * t.bytesPerWeight);
    const tMem = Math.ceil(bytes / slrBytesPerCycle);
    const tCmp = mvTileCycles(cfg, t.tileK, t.tileN, cfg.linears[op].n);
    return { op, tile: { cols: t.tileN, k: t.tileK, bytes }, t_mem_cycles: tMem, t_cmp_cycles: tCmp, bound: tMem > tCmp ? 'memory' : 'compute' };
  });
}

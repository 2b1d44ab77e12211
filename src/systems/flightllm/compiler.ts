/**
 * The instruction compiler: one program per SLR for a decode step at a context, or for a prefill
 * of L tokens. Work splits across SLRs by attention heads (q/k/v projections and attention, so
 * no exchange is needed before attention) and by output columns (o_proj, FFN, lm_head, in 16-column
 * blocks); a SYS barrier follows every op whose consumer needs the whole vector, the last one
 * ending the layer. Weights stream through a double-buffered weight buffer (a load waits for the
 * MV/MM two tiles back), tiles sized so half the buffer holds one (eq. 3 tiling).
 */
import { tileCycles } from '../../hw/fpga/mpe.js';
import { sfuCycles, type SfuOp } from '../../hw/fpga/mpe.js';
import { weightBytesPerPosition, type NmN } from '../../hw/fpga/csd-chain.js';
import { LD, MISC, MM, MV, ST, SYS } from './isa.js';
import { ProgramBuilder } from './program-builder.js';
import { ATTN_BLOCK, FSB, shareOf, type CompileConfig } from './compile-config.js';
import type { LinearName } from './scenario.js';

/** Weight-buffer slots (double buffering): a tile's load waits for the compute two tiles back. */
const SLOTS = 2;

/**
 * An MV instruction sweeps whole column groups of `mvTileCols` (the weights of one group are
 * striped over the SLR's channel banks, a short group zero-filled), as the demo's generator
 * aligns N to MV_START_N_NUM: a narrow output (a 128-wide head, a split's last columns) costs a
 * whole group of cycles.
 */
function mvCycles(cfg: CompileConfig, k: number, n: number, nz: NmN): number {
  return tileCycles(cfg.mv, 1, k, Math.ceil(n / cfg.mvTileCols) * cfg.mvTileCols, nz);
}

/** An MV weight tile of `name`: mvTileCols columns × the K that fills half the weight buffer (double buffering). */
export function mvTile(cfg: CompileConfig, name: LinearName, k: number, cols: number): { tileN: number; tileK: number; bytesPerWeight: number } {
  const plan = cfg.linears[name];
  const bpp = weightBytesPerPosition(plan.bits, plan.n, cfg.sparse);
  const tileN = Math.min(cfg.mvTileCols, cols);
  const pK = cfg.mv.k;
  const tileK = Math.min(k, Math.max(pK, Math.floor(cfg.weightBufBytes / SLOTS / (tileN * bpp) / pK) * pK));
  return { tileN, tileK, bytesPerWeight: bpp };
}

/** MV cycles of one tile (exported for the eq. 3 report). */
export const mvTileCycles = (cfg: CompileConfig, k: number, n: number, nz: NmN): number => mvCycles(cfg, k, n, nz);

class SlrCompiler {
  readonly b: ProgramBuilder;
  private readonly computeRing: number[] = [];
  constructor(readonly cfg: CompileConfig, readonly s: number, countOnly: boolean) {
    this.b = new ProgramBuilder(countOnly);
  }

  private slotDep(): number {
    return this.computeRing.length >= SLOTS ? this.computeRing[this.computeRing.length - SLOTS] : -1;
  }

  misc(op: string, kind: SfuOp, elems: number, deps: number[]): number {
    return this.b.emit(MISC, op, { cycles: sfuCycles(kind, elems, this.cfg.sfuLanes) }, deps);
  }

  sync(op: string, deps: number[]): number {
    return this.b.emit(SYS, op, {}, deps);
  }

  /** Always-on-chip off: the vector goes to HBM and comes back before its consumer (one channel, across the switch). */
  roundTrip(op: string, p: number, bytes: number): number {
    if (this.cfg.alwaysOnChip || bytes <= 0) return p;
    const st = this.b.emit(ST, `${op}.st`, { bytes, channels: 'cross' }, [p]);
    return this.b.emit(LD, `${op}.ld`, { bytes, channels: 'cross' }, [st]);
  }

  /** GEMV of one token: K inputs → this SLR's `cols` outputs, weight tiles of mvTileCols × tileK. */
  mv(name: LinearName, k: number, cols: number, input: number, fuse?: SfuOp): number {
    const plan = this.cfg.linears[name];
    if (cols <= 0 || plan.n === 0) return input;
    const { tileN, tileK, bytesPerWeight: bpp } = mvTile(this.cfg, name, k, cols);
    let last = input;
    for (let c0 = 0; c0 < cols; c0 += tileN) {
      const tn = Math.min(tileN, cols - c0);
      for (let k0 = 0; k0 < k; k0 += tileK) {
        const tk = Math.min(tileK, k - k0);
        const ld = this.b.emit(LD, `${name}.w`, { bytes: Math.ceil(tn * tk * bpp), traffic: 'weight' }, [this.slotDep()]);
        const mv = this.b.emit(MV, name, { cycles: mvCycles(this.cfg, tk, tn, plan.n), macs: (tk * tn * plan.n) / 16 }, [ld, input]);
        this.computeRing.push(mv);
        last = mv;
      }
      if (fuse) last = this.misc(`${name}.${fuse}`, fuse, tn, [last]);
    }
    return last;
  }

  /** GEMM of `rows` tokens: weights stay for all row tiles; activations and outputs go through HBM. */
  mm(name: LinearName, rows: number, k: number, cols: number, input: number, fuse?: SfuOp): number {
    const plan = this.cfg.linears[name];
    if (cols <= 0 || plan.n === 0) return input;
    const bpp = weightBytesPerPosition(plan.bits, plan.n, this.cfg.sparse);
    const p = this.cfg.mm;
    const tm = Math.min(rows, p.m);
    const tileK = Math.min(k, Math.max(p.k, Math.floor(this.cfg.actBufBytes / SLOTS / tm / p.k) * p.k));
    const byBuf = Math.floor(this.cfg.weightBufBytes / SLOTS / (tileK * bpp) / FSB) * FSB;
    const byOut = Math.floor(this.cfg.globalBufBytes / (tm * 4) / FSB) * FSB; // INT32 partial sums
    const tileN = Math.max(FSB, Math.min(cols, byBuf, byOut));
    let last = input;
    for (let c0 = 0; c0 < cols; c0 += tileN) {
      const tn = Math.min(tileN, cols - c0);
      for (let k0 = 0; k0 < k; k0 += tileK) {
        const tk = Math.min(tileK, k - k0);
        const ldw = this.b.emit(LD, `${name}.w`, { bytes: Math.ceil(tn * tk * bpp), traffic: 'weight' }, [this.slotDep()]);
        let mmLast = -1;
        for (let r0 = 0; r0 < rows; r0 += tm) {
          const rm = Math.min(tm, rows - r0);
          const lda = this.b.emit(LD, `${name}.a`, { bytes: rm * tk }, [input]);
          const mm = this.b.emit(MM, name, { cycles: tileCycles(p, rm, tk, tn, plan.n), macs: (rm * tk * tn * plan.n) / 16 }, [ldw, lda]);
          mmLast = mm;
          last = mm;
          if (k0 + tk >= k) {
            const out = fuse ? this.misc(`${name}.${fuse}`, fuse, rm * tn, [mm]) : mm;
            last = this.b.emit(ST, `${name}.out`, { bytes: rm * tn }, [out]);
          }
        }
        this.computeRing.push(mmLast);
      }
    }
    return last;
  }

  /** Key blocks a query row block attends to: causal grid scaled by the block-sparse mask density. */
  keptKeys(causalTokens: number): number {
    const blocks = Math.ceil(causalTokens / ATTN_BLOCK);
    return Math.max(1, Math.round(blocks * this.cfg.attnBlockDensity)) * ATTN_BLOCK;
  }
}

function modelDims(cfg: CompileConfig) {
  const m = cfg.model;
  return { h: m.hidden, hd: m.headDim, inter: m.intermediate, gated: m.activation === 'swiglu', norm: (m.norm === 'rmsnorm' ? 'rmsnorm' : 'layernorm') as SfuOp, rope: m.norm === 'rmsnorm' };
}

/** SLR `s`'s share of the work: whole heads, and 16-column blocks of the hidden and FFN outputs. */
function slrShares(cfg: CompileConfig, s: number) {
  const S = cfg.slrs;
  return {
    heads: shareOf(cfg.model.heads, S, s, 1),
    kvHeads: shareOf(cfg.model.kvHeads, S, s, 1),
    hCols: shareOf(cfg.model.hidden, S, s, FSB),
    iCols: shareOf(cfg.model.intermediate, S, s, FSB),
  };
}

/** One decode step at `ctx` cached tokens: programs of every SLR. */
export function compileDecodeStep(cfg: CompileConfig, ctx: number, countOnly = false): ProgramBuilder[] {
  const { h, hd, inter, gated, norm, rope } = modelDims(cfg);
  const S = cfg.slrs;
  const out: ProgramBuilder[] = [];
  for (let s = 0; s < S; s++) {
    const c = new SlrCompiler(cfg, s, countOnly);
    const { heads, kvHeads, hCols, iCols } = slrShares(cfg, s);
    let x = -1;
    for (let l = 0; l < cfg.model.layers; l++) {
      const n1 = c.roundTrip('norm1', c.misc('norm1', norm, h, [x]), h);
      let q = c.mv('q_proj', h, heads * hd, n1);
      let k = c.mv('k_proj', h, kvHeads * hd, n1);
      if (rope) {
        q = c.misc('q_rope', 'eltwise_add', 3 * heads * hd, [q]);
        k = c.misc('k_rope', 'eltwise_add', 3 * kvHeads * hd, [k]);
      }
      const v = c.mv('v_proj', h, kvHeads * hd, n1);
      q = c.roundTrip('q', q, heads * hd);
      const kvw = c.b.emit(ST, 'kv_append', { bytes: 2 * kvHeads * hd * cfg.kvBytes, traffic: 'kv' }, [k, v]);
      const keys = c.keptKeys(ctx + 1);
      let attn = q;
      for (let i = 0; i < heads; i++) {
        const ldk = c.b.emit(LD, 'attn.k', { bytes: keys * hd * cfg.kvBytes, traffic: 'kv' }, [kvw]);
        const qk = c.b.emit(MV, 'attn.qk', { cycles: mvCycles(cfg, hd, keys, 16), macs: hd * keys }, [ldk, q]);
        const sm = c.misc('attn.softmax', 'softmax', keys, [c.roundTrip('attn.scores', qk, keys)]);
        const ldv = c.b.emit(LD, 'attn.v', { bytes: keys * hd * cfg.kvBytes, traffic: 'kv' }, [kvw]);
        attn = c.b.emit(MV, 'attn.pv', { cycles: mvCycles(cfg, keys, hd, 16), macs: hd * keys }, [ldv, c.roundTrip('attn.probs', sm, keys)]);
      }
      const b1 = c.sync('gather.attn', [c.roundTrip('attn.out', attn, heads * hd)]);
      const o = c.mv('o_proj', h, hCols, b1);
      const r1 = c.misc('residual1', 'eltwise_add', hCols, [o]);
      const b2 = c.sync('gather.hidden', [c.roundTrip('residual1', r1, hCols)]);
      const n2 = c.roundTrip('norm2', c.misc('norm2', norm, h, [b2]), h);
      let f: number;
      if (gated) {
        const g = c.mv('gate_proj', h, iCols, n2, 'silu');
        const u = c.mv('up_proj', h, iCols, n2);
        f = c.misc('ffn.mul', 'eltwise_mul', iCols, [g, u]);
      } else {
        f = c.mv('up_proj', h, iCols, n2, 'relu');
      }
      const b3 = c.sync('gather.ffn', [c.roundTrip('ffn', f, iCols)]);
      const d = c.mv('down_proj', inter, hCols, b3);
      const r2 = c.misc('residual2', 'eltwise_add', hCols, [d]);
      x = c.sync(`layer${l}.end`, [c.roundTrip('residual2', r2, hCols)]);
    }
    const nf = c.misc('final_norm', norm, h, [x]);
    const logits = c.mv('lm_head', h, shareOf(cfg.model.vocab, S, s, FSB), nf);
    c.sync('logits', [logits]);
    out.push(c.b);
  }
  return out;
}

/** A prefill of `rows` tokens (already padded to its bucket): programs of every SLR. */
export function compilePrefill(cfg: CompileConfig, rows: number, countOnly = false): ProgramBuilder[] {
  const { h, hd, inter, gated, norm, rope } = modelDims(cfg);
  const S = cfg.slrs;
  const out: ProgramBuilder[] = [];
  for (let s = 0; s < S; s++) {
    const c = new SlrCompiler(cfg, s, countOnly);
    const { heads, kvHeads, hCols, iCols } = slrShares(cfg, s);
    const tm = Math.min(rows, cfg.mm.m);
    /** A MISC over `cols` of every row, tile by tile through HBM. */
    const rowsMisc = (op: string, kind: SfuOp, cols: number, dep: number): number => {
      let last = dep;
      for (let r0 = 0; r0 < rows; r0 += tm) {
        const rm = Math.min(tm, rows - r0);
        const ld = c.b.emit(LD, `${op}.in`, { bytes: rm * cols }, [dep]);
        const m = c.misc(op, kind, rm * cols, [ld]);
        last = c.b.emit(ST, `${op}.out`, { bytes: rm * cols }, [m]);
      }
      return last;
    };
    let x = -1;
    for (let l = 0; l < cfg.model.layers; l++) {
      const n1 = rowsMisc('norm1', norm, h, x);
      let q = c.mm('q_proj', rows, h, heads * hd, n1);
      let k = c.mm('k_proj', rows, h, kvHeads * hd, n1);
      if (rope) {
        q = rowsMisc('q_rope', 'eltwise_add', 3 * heads * hd, q);
        k = rowsMisc('k_rope', 'eltwise_add', 3 * kvHeads * hd, k);
      }
      const v = c.mm('v_proj', rows, h, kvHeads * hd, n1);
      let attn = Math.max(q, k, v);
      for (let i = 0; i < heads; i++) {
        for (let r0 = 0; r0 < rows; r0 += tm) {
          const rm = Math.min(tm, rows - r0);
          const keys = c.keptKeys(r0 + rm);
          const ldq = c.b.emit(LD, 'attn.q', { bytes: rm * hd }, [q, k, v]);
          const ldk = c.b.emit(LD, 'attn.k', { bytes: keys * hd, traffic: 'kv' }, [k]);
          const qk = c.b.emit(MM, 'attn.qk', { cycles: tileCycles(cfg.mm, rm, hd, keys, 16), macs: rm * hd * keys }, [ldq, ldk]);
          const sm = c.misc('attn.softmax', 'softmax', rm * keys, [qk]);
          const ldv = c.b.emit(LD, 'attn.v', { bytes: keys * hd, traffic: 'kv' }, [v]);
          const pv = c.b.emit(MM, 'attn.pv', { cycles: tileCycles(cfg.mm, rm, keys, hd, 16), macs: rm * hd * keys }, [ldv, sm]);
          attn = c.b.emit(ST, 'attn.out', { bytes: rm * hd }, [pv]);
        }
      }
      const b1 = c.sync('gather.attn', [attn]);
      const o = c.mm('o_proj', rows, h, hCols, b1);
      const r1 = rowsMisc('residual1', 'eltwise_add', hCols, o);
      const b2 = c.sync('gather.hidden', [r1]);
      const n2 = rowsMisc('norm2', norm, h, b2);
      let f: number;
      if (gated) {
        const g = c.mm('gate_proj', rows, h, iCols, n2, 'silu');
        const u = c.mm('up_proj', rows, h, iCols, n2);
        f = rowsMisc('ffn.mul', 'eltwise_mul', iCols, Math.max(g, u));
      } else {
        f = c.mm('up_proj', rows, h, iCols, n2, 'relu');
      }
      const b3 = c.sync('gather.ffn', [f]);
      const d = c.mm('down_proj', rows, inter, hCols, b3);
      const r2 = rowsMisc('residual2', 'eltwise_add', hCols, d);
      x = c.sync(`layer${l}.end`, [r2]);
    }
    const nf = rowsMisc('final_norm', norm, h, x);
    // lm_head over every prompt row, as the demo's prefill IR does (logits 1 × L × vocab)
    const logits = c.mm('lm_head', rows, h, shareOf(cfg.model.vocab, S, s, FSB), nf);
    c.sync('logits', [logits]);
    out.push(c.b);
  }
  return out;
}

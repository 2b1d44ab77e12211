/**
 * Matrix Processing Engine (FlightLLM section 3.3) of one core/SLR: an MM mode (GEMM, prefill)
 * and an MV mode (GEMV, decode) over the same CSD-chain datapath, plus the tiling model of the
 * paper's eq. 3: T_mem = (M·K + K·N + M·N)/BW, T_cmp = M·K·N/(pM·pK·pN); double buffering hides
 * the loads when T_mem < T_cmp. In MV mode M = pM = 1 and (pK, pN) are chosen so HBM is
 * saturated while some MPE compute idles.
 */
import { HetsimError } from '../../errors.js';
import { workFactor, type NmN } from './csd-chain.js';

export interface Parallelism {
  /** Output columns per cycle. */
  n: number;
  /** Reduction (input) elements per cycle: one CSD chain of 16. */
  k: number;
  /** Rows (tokens) per cycle. */
  m: number;
}

export const macsPerCycle = (p: Parallelism): number => p.n * p.k * p.m;

/**
 * Eq. 3 for MV: the smallest pN (a power of two, pK fixed) whose compute rate at `bytesPerMac`
 * bytes of weight per MAC matches the bandwidth an SLR's channels deliver per cycle — any more
 * DSPs in MV mode would wait on HBM. Returns the MV parallelism and the MM DSP share it uses.
 */
export function mvParallelismForBandwidth(bytesPerCycle: number, bytesPerMac: number, pK: number, maxMacs: number): Parallelism {
  const needMacs = bytesPerCycle / bytesPerMac;
  let n = 1;
  while (n * pK < needMacs && n * pK * 2 <= maxMacs) n *= 2;
  return { n, k: pK, m: 1 };
}

/** Cycles of one tile on the MPE: ceil-tiled over the parallelism, work scaled by N:16 density. */
export function tileCycles(p: Parallelism, m: number, k: number, n: number, nz: NmN): number {
  if (nz === 0) return 0;
  const dense = Math.ceil(m / p.m) * Math.ceil(k / p.k) * Math.ceil(n / p.n);
  return Math.max(1, Math.ceil(dense * workFactor(nz)));
}

/** Eq. 3 memory time of an M×K by K×N tile, cycles, at `bytesPerCycle` (input, weight, output bytes). */
export function tileMemCycles(bytes: number, bytesPerCycle: number): number {
  return Math.ceil(bytes / bytesPerCycle);
}

/** SFU operations (FlightLLM section 3.4): element-wise, or two-phase (reduce, then element-wise: data read twice). */
export type SfuOp = 'eltwise_add' | 'eltwise_mul' | 'silu' | 'relu' | 'softmax' | 'layernorm' | 'rmsnorm';
const TWO_PHASE: ReadonlySet<SfuOp> = new Set(['softmax', 'layernorm', 'rmsnorm']);

/** SFU cycles for `elems` FP16 elements on `lanes` lanes. */
export function sfuCycles(op: SfuOp, elems: number, lanes: number): number {
  if (lanes <= 0) throw new HetsimError('config_invalid', `SFU lanes must be positive, got ${lanes}`, 'design.sfu_lanes');
  return Math.max(1, Math.ceil(elems / lanes) * (TWO_PHASE.has(op) ? 2 : 1));
}

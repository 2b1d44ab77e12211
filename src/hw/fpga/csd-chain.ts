/**
 * Configurable sparse DSP chain (FlightLLM section 3.2). A chain of DSPs is cut into DSP groups of
 * two; a reduction node at the end of every group can break the chain and emit a partial result,
 * so under N:16 weight sparsity one 16-DSP chain yields 16/N outputs per cycle (each output needs
 * only N of every 16 products). With two INT8 MACs packed per DSP48 each activation lane has 18
 * bits, which overflows once more than 8 products accumulate: chains longer than 8 DSPs need an
 * overflow adjust unit (OAU) per group boundary.
 */
import { HetsimError } from '../../errors.js';

/** N of an N:16 pattern the chain can be configured for (0 = the weight block is all zero). */
export const NM_M = 16;
export const NM_N_CHOICES = [0, 2, 4, 8, 16] as const;
export type NmN = (typeof NM_N_CHOICES)[number];
/** Bits of sparse index stored per non-zero weight (log2 16). */
export const INDEX_BITS = 4;

export interface CsdChain {
  dspsPerGroup: number;
  /** DSPs in one chain (one dense dot product of M = 16 products). */
  chainLength: number;
  macsPerDsp: number;
  /** Longest accumulation that never overflows the 18-bit packed lane. */
  ovfLimit: number;
}

export const FLIGHTLLM_CHAIN: CsdChain = { dspsPerGroup: 2, chainLength: 16, macsPerDsp: 2, ovfLimit: 8 };

export function checkN(n: number, path: string): NmN {
  if (!(NM_N_CHOICES as readonly number[]).includes(n)) {
    throw new HetsimError('config_invalid', `N:M density ${n}:${NM_M} is not a chain configuration; accepted N: ${NM_N_CHOICES.join(', ')} (M = ${NM_M})`, path);
  }
  return n as NmN;
}

/** Outputs one chain emits per cycle in N:16 mode (the reduction nodes split it into 16/N sub-chains). */
export function outputsPerCycle(chain: CsdChain, n: NmN): number {
  if (n === 0) return Infinity; // nothing to compute
  const subChainDsps = (chain.chainLength * n) / NM_M;
  if (subChainDsps % chain.dspsPerGroup !== 0 && subChainDsps >= chain.dspsPerGroup) throw new Error(`sub-chain of ${subChainDsps} DSPs does not end on a reduction node`);
  return NM_M / n;
}

/** Reduction nodes that break the chain in N:16 mode (one per sub-chain end but the last). */
export function reductionBreaks(chain: CsdChain, n: NmN): number {
  if (n === 0) return 0;
  const subChainDsps = (chain.chainLength * n) / NM_M;
  return chain.chainLength / subChainDsps - 1;
}

/** OAUs a sub-chain of `dsps` needs: none up to the overflow limit, then one per later DSP group. */
export function oauCount(chain: CsdChain, dsps: number): number {
  return dsps <= chain.ovfLimit ? 0 : Math.ceil((dsps - chain.ovfLimit) / chain.dspsPerGroup);
}

/** Work (cycles) relative to dense: N/16 — a chain does 16/N outputs per cycle for the same products. */
export function workFactor(n: NmN): number {
  return n / NM_M;
}

/** Weight bytes per dense weight position at `bits` and N:16, plus 4-bit indices per non-zero. */
export function weightBytesPerPosition(bits: number, n: NmN, sparse: boolean): number {
  const density = n / NM_M;
  return (density * bits) / 8 + (sparse && n < NM_M ? (density * INDEX_BITS) / 8 : 0);
}

/**
 * Compute-efficiency gain of block-sparse attention plus N:16 weights against a dense chain on
 * the same work: dense MACs / MACs actually issued, both over the same datapath.
 */
export function sparsityGain(denseMacs: number, issuedMacs: number): number {
  return issuedMacs > 0 ? denseMacs / issuedMacs : 1;
}

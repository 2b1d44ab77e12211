/**
 * KV-cache layout in PIM rows (spec §4). A "PIM tile" is one row index across all 32 banks of a
 * channel (32 KB). Keys: each bank holds one token, so a row tile covers 32 tokens and the E/tp key
 * vector is cut into 1 KB (512-element) chunks. Values: each bank holds one output dimension, a row
 * holds 512 tokens of it, and a tile covers 32 of the d_k dimensions. A request's whole KV cache
 * lives in ONE channel. With grouped-query attention (hetsim's extension; the reference is
 * multi-head only) only the KV heads are stored: keys are chunked over kv_heads/tp · d_k and values
 * keep one block of tiles per KV head, which the query heads of its group share.
 */
import { HetsimError } from '../../errors.js';

export interface PimGeometry {
  channels: number;
  /** §2 `dram_banks_per_ch`. */
  banksPerChannel: number;
  /** §2: 1 KB row per bank. */
  pageBytes: number;
  /** §2: FP16. */
  precisionBytes: number;
  /** §2 `pim_comp_coverage`: MACs per bank per COMP. */
  compCoverage: number;
  /** Row indices usable for KV per bank (capacity check; §10: 29,696 tiles per channel for GPT3-7B). */
  kvRowsPerChannel: number;
  /** First row index of the KV region (weights sit below it). */
  kvBaseRow: number;
}

export interface KvShape {
  /** Query width per device (heads/tp · d_k). */
  eTp: number;
  headsTp: number;
  /** KV heads per device (= headsTp for multi-head attention). */
  kvHeadsTp: number;
  headDim: number;
}

/** Query heads per KV head. */
export function groupSize(s: KvShape): number {
  return s.headsTp / s.kvHeadsTp;
}

/** Elements in one bank row (512 FP16). */
export function rowElems(g: PimGeometry): number {
  return g.pageBytes / g.precisionBytes;
}

/** §4: a token's key vector (kv_heads/tp · d_k) is cut into 512-element chunks, one row each. */
export function keyChunks(s: KvShape, g: PimGeometry): number {
  return Math.ceil((s.kvHeadsTp * s.headDim) / rowElems(g));
}

/** Row tiles holding one request's keys: chunks × ⌈L/32⌉. */
export function keyTiles(L: number, s: KvShape, g: PimGeometry): number {
  return keyChunks(s, g) * Math.ceil(L / g.banksPerChannel);
}

/** Row tiles holding one request's values: ⌈L/512⌉ × KV heads × ⌈d_k/32⌉. */
export function valueTiles(L: number, s: KvShape, g: PimGeometry): number {
  return Math.ceil(L / rowElems(g)) * s.kvHeadsTp * Math.ceil(s.headDim / g.banksPerChannel);
}

export interface RequestRows {
  keyRow0: number;
  valueRow0: number;
}

/** Bump allocator of row tiles per channel; requests keep their rows for the whole run. */
export class KvAllocator {
  private readonly next: number[];

  constructor(
    private readonly g: PimGeometry,
    private readonly s: KvShape,
  ) {
    this.next = new Array<number>(g.channels).fill(0);
  }

  /** Allocate room for `maxLen` tokens (growth headroom for multi-step runs). */
  allocate(ch: number, maxLen: number, what: string): RequestRows {
    const k = keyTiles(maxLen, this.s, this.g);
    const v = valueTiles(maxLen, this.s, this.g);
    const base = this.next[ch];
    if (base + k + v > this.g.kvRowsPerChannel) {
      throw new HetsimError(
        'config_invalid',
        `${what}: KV cache of channel ${ch} needs ${base + k + v} row tiles, capacity is ${this.g.kvRowsPerChannel} (memory.kv_rows_per_channel)`,
        'requests',
      );
    }
    this.next[ch] = base + k + v;
    return { keyRow0: this.g.kvBaseRow + base, valueRow0: this.g.kvBaseRow + base + k };
  }

  used(ch: number): number {
    return this.next[ch];
  }
}

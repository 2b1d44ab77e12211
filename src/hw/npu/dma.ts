/**
 * DMA between the NPU scratchpad and HBM. Spec §2 address map `rorabgbachco`: a 64 B burst offset,
 * 4 column bits (so 1 KB = one whole row of one bank is contiguous in a channel), then 5 channel
 * bits, then bank, bank group, rank, row. A linear stream therefore visits channel 0..31 in 1 KB
 * chunks, and the j-th chunk a channel receives lands in bank (j mod 4), group (j/4 mod 4),
 * rank (j/16 mod 2), row base + j/32.
 */
export const BURST_BYTES = 64; // §2 `dram_req_size`
export const CHUNK_BYTES = 1024; // §2: 1 KB row per bank = 16 bursts

export interface ChunkAddress {
  rank: number;
  bankGroup: number;
  bank: number;
  row: number;
}

/** The levels chunkAddress walks (a DramOrg fits). Default: §2's 2 ranks × 4 groups × 4 banks. */
export interface ChunkOrg {
  ranks: number;
  bankGroups: number;
  banksPerGroup: number;
}

const HBM2_BANKS: ChunkOrg = { ranks: 2, bankGroups: 4, banksPerGroup: 4 };

/**
 * Where the j-th chunk (one page) a channel receives from a stream that starts at row `baseRow`
 * lands: bank, then bank group, then rank vary fastest, as in the rorabgbachco map.
 */
export function chunkAddress(j: number, baseRow: number, org: ChunkOrg = HBM2_BANKS): ChunkAddress {
  const { ranks, bankGroups, banksPerGroup } = org;
  const banks = ranks * bankGroups * banksPerGroup;
  const b = j % banks;
  return { bank: b % banksPerGroup, bankGroup: Math.floor(b / banksPerGroup) % bankGroups, rank: Math.floor(b / (banksPerGroup * bankGroups)), row: baseRow + Math.floor(j / banks) };
}

/** A linear DMA stream of `bytes` starting at channel `firstChannel`, in 1 KB chunks. */
export class DmaStream {
  readonly chunks: number;

  constructor(
    readonly bytes: number,
    readonly channels: number,
    readonly firstChannel = 0,
  ) {
    this.chunks = Math.ceil(bytes / CHUNK_BYTES);
  }

  channelOf(i: number): number {
    return (this.firstChannel + i) % this.channels;
  }

  /** Position of chunk i among the chunks its channel receives from this stream. */
  seqOf(i: number): number {
    const x = this.firstChannel + i;
    // channels below firstChannel get their first chunk only in the second sweep
    return Math.floor(x / this.channels) - (x % this.channels < this.firstChannel ? 1 : 0);
  }

  /** Chunks channel `ch` receives. */
  chunksOn(ch: number): number {
    const rel = (ch - this.firstChannel + this.channels) % this.channels;
    return rel < this.chunks ? Math.floor((this.chunks - 1 - rel) / this.channels) + 1 : 0;
  }
}

/**
 * Contract: an AddrMapper turns a byte address into DRAM coordinates. Implementations live in
 * `mappers/` (one file each) and are listed in `registry.ts` under the name configs use.
 */
import type { DramOrg } from './dram-spec.js';
import type { DramCoord } from './mem-request.js';

export interface AddrMapper {
  readonly name: string;
  /** Decodes `addr` (bytes, ≥ 0, below the device capacity). */
  apply(addr: number): DramCoord;
  /** The channel of `addr` alone (hot path of stream refills: no object allocated). */
  channelOf(addr: number): number;
  /** Inverse of `apply` for the transaction's first byte. */
  encode(c: DramCoord): number;
}

export type AddrMapperFactory = (org: DramOrg) => AddrMapper;

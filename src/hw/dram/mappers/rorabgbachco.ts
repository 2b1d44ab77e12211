/**
 * `rorabgbachco` (spec neupims.md §2 "address map"): from the least significant end a 64 B offset,
 * 4 column bits (one 1 KB row per channel), 5 channel bits, bank, bank group, rank, row. A linear
 * stream therefore visits all 32 channels in 1 KB chunks before it changes bank. Division instead
 * of bit operations: a 32 GB device needs 35 address bits, beyond JS's 32-bit bitwise operators.
 */
import { HetsimError } from '../../../errors.js';
import type { AddrMapper } from '../address-mapper.js';
import type { DramOrg } from '../dram-spec.js';
import type { DramCoord } from '../mem-request.js';

export class RoRaBgBaChCo implements AddrMapper {
  readonly name = 'rorabgbachco';
  private readonly capacity: number;

  constructor(private readonly org: DramOrg) {
    this.capacity = org.txBytes * org.columns * org.channels * org.banksPerGroup * org.bankGroups * org.ranks * org.rows;
  }

  apply(addr: number): DramCoord {
    const o = this.org;
    if (!(addr >= 0 && addr < this.capacity) || !Number.isInteger(addr)) {
      throw new HetsimError('config_invalid', `address ${addr} outside 0..${this.capacity - 1}`, 'addr');
    }
    let a = Math.floor(addr / o.txBytes);
    const col = a % o.columns;
    a = Math.floor(a / o.columns);
    const ch = a % o.channels;
    a = Math.floor(a / o.channels);
    const bank = a % o.banksPerGroup;
    a = Math.floor(a / o.banksPerGroup);
    const bg = a % o.bankGroups;
    a = Math.floor(a / o.bankGroups);
    const rank = a % o.ranks;
    const row = Math.floor(a / o.ranks);
    return { ch, rank, bg, bank, row, col };
  }

  channelOf(addr: number): number {
    return Math.floor(addr / (this.org.txBytes * this.org.columns)) % this.org.channels;
  }

  encode(c: DramCoord): number {
    const o = this.org;
    let a = c.row;
    a = a * o.ranks + c.rank;
    a = a * o.bankGroups + c.bg;
    a = a * o.banksPerGroup + c.bank;
    a = a * o.channels + c.ch;
    a = a * o.columns + c.col;
    return a * o.txBytes;
  }
}

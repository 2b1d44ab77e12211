/**
 * Per-request channel placement (spec §6 "Channel load balancing"). `clb`: new requests, longest
 * first, go to the channel with the smallest sum of estimated MHA latency; `rr`: round-robin.
 * Both skip a channel whose KV rows would overflow (capacity-checked first fit).
 */
import { HetsimError } from '../../errors.js';
import { keyTiles, valueTiles, type KvShape, type PimGeometry } from './kv-layout.js';
import { estimateMhaCycles } from './mha-estimator.js';

export type PlacementPolicy = 'clb' | 'rr';

/** Live per-channel load, updated as requests arrive and leave. */
export class ChannelLoad {
  readonly est: Float64Array;
  readonly rows: Float64Array;
  private rrNext = 0;

  constructor(
    private readonly g: PimGeometry,
    private readonly s: KvShape,
  ) {
    this.est = new Float64Array(g.channels);
    this.rows = new Float64Array(g.channels);
  }

  private rowsOf(L: number): number {
    return keyTiles(L, this.s, this.g) + valueTiles(L, this.s, this.g);
  }

  /** Pick a channel for a request of `L` tokens reserving room for `maxLen`; records the load. */
  place(policy: PlacementPolicy, L: number, maxLen = L): number {
    const need = this.rowsOf(maxLen);
    const C = this.g.channels;
    let ch = -1;
    if (policy === 'rr') {
      for (let i = 0; i < C && ch < 0; i++) {
        const c = (this.rrNext + i) % C;
        if (this.rows[c] + need <= this.g.kvRowsPerChannel) ch = c;
      }
      if (ch >= 0) this.rrNext = (ch + 1) % C;
    } else {
      for (let c = 0; c < C; c++) {
        if (this.rows[c] + need > this.g.kvRowsPerChannel) continue;
        if (ch < 0 || this.est[c] < this.est[ch]) ch = c;
      }
    }
    if (ch < 0) throw new HetsimError('config_invalid', `no channel has room for a ${maxLen}-token KV cache (${this.g.kvRowsPerChannel} rows per channel, memory.kv_rows_per_channel)`, 'requests');
    this.est[ch] += estimateMhaCycles(L, this.s, this.g);
    this.rows[ch] += need;
    return ch;
  }

  /** Put a request back on its channel (after its length changed). */
  restore(ch: number, L: number, maxLen = L): void {
    this.est[ch] += estimateMhaCycles(L, this.s, this.g);
    this.rows[ch] += this.rowsOf(maxLen);
  }

  remove(ch: number, L: number, maxLen = L): void {
    this.est[ch] -= estimateMhaCycles(L, this.s, this.g);
    this.rows[ch] -= this.rowsOf(maxLen);
  }
}

/** Place a whole snapshot at once (longest first for clb, list order for rr). */
export function placeAll(lengths: readonly number[], policy: PlacementPolicy, g: PimGeometry, s: KvShape): number[] {
  const load = new ChannelLoad(g, s);
  const order = lengths.map((_, i) => i);
  if (policy === 'clb') order.sort((a, b) => lengths[b] - lengths[a] || a - b);
  const out = new Array<number>(lengths.length);
  for (const i of order) out[i] = load.place(policy, lengths[i]);
  return out;
}

/** max/mean of per-channel estimated MHA latency (1 = perfectly balanced). */
export function channelImbalance(lengths: readonly number[], channels: readonly number[], g: PimGeometry, s: KvShape): number {
  const est = new Float64Array(g.channels);
  lengths.forEach((L, i) => (est[channels[i]] += estimateMhaCycles(L, s, g)));
  let max = 0;
  let sum = 0;
  for (const e of est) {
    max = Math.max(max, e);
    sum += e;
  }
  return sum > 0 ? max / (sum / g.channels) : 1;
}

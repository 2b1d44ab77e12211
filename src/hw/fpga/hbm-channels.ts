/**
 * HBM pseudo-channels shared by every SLR: each channel is busy until a time; a load striped over
 * a channel group starts when its issuing unit is ready and every channel of the group is free,
 * and holds them all until it ends. Channels are never split between transfers (FIFO in issue
 * order, which the event kernel makes deterministic).
 */
export class HbmChannels {
  private readonly freeAt: Float64Array;
  /** Bytes moved per channel (for utilisation). */
  readonly bytes: Float64Array;
  readonly busyPs: Float64Array;

  constructor(readonly count: number, readonly channelBps: number) {
    this.freeAt = new Float64Array(count);
    this.bytes = new Float64Array(count);
    this.busyPs = new Float64Array(count);
  }

  /** Earliest time ≥ `t` at which all `channels` are free. */
  readyAt(channels: readonly number[], t: number): number {
    let s = t;
    for (const c of channels) if (this.freeAt[c] > s) s = this.freeAt[c];
    return s;
  }

  /** Occupies `channels` over [start, end) moving `bytes` spread evenly. */
  occupy(channels: readonly number[], start: number, end: number, bytes: number): void {
    for (const c of channels) {
      this.freeAt[c] = end;
      this.bytes[c] += bytes / channels.length;
      this.busyPs[c] += end - start;
    }
  }

  totalBytes(): number {
    let s = 0;
    for (const b of this.bytes) s += b;
    return s;
  }
}

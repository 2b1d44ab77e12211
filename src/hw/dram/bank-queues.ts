/**
 * Per-bank request queues of one channel (spec neupims.md §2 "PER_BANK command queues of 128")
 * with a cached scheduler pick per bank. The pick's row / write flag / id live in typed arrays so
 * the controller's scan never dereferences request objects (those loads were cache misses).
 */
import type { MemRequest } from './mem-request.js';
import type { DramScheduler } from './scheduler.js';

export class BankQueues {
  private readonly reqs: MemRequest[][];
  /** Rows of the queued requests, parallel to `reqs` (packed SMI arrays: cache-friendly scans). */
  private readonly rows: number[][];
  private readonly heads: Int32Array;
  /** Cached pick per bank (index into its queue), −1 = recompute. */
  readonly cand: Int32Array;
  readonly candRow: Int32Array;
  readonly candWrite: Uint8Array;
  readonly candId: Float64Array;
  /** Requests queued over all banks. */
  total = 0;
  /**
   * Banks as bit sets (channels of up to 32 banks): `unknown` = queued requests but no cached pick;
   * `groupMask[g]` = banks whose pick needs command group g (the channel's rank·commands + cmd,
   * set by `setGroup` right after `pick`). A bank is in at most one of them; dropping a pick drops
   * its group. The channel's look-ahead (group-lookahead.ts) reads these instead of visiting every bank.
   */
  unknown = 0;
  readonly groupMask: Int32Array;
  private readonly groupOf: Int32Array;

  constructor(
    numBanks: number,
    /** Requests per bank the scheduler looks at. */
    readonly depth: number,
    private readonly scheduler: DramScheduler,
    groups = 0,
  ) {
    this.groupMask = new Int32Array(groups);
    this.groupOf = new Int32Array(numBanks).fill(-1);
    this.reqs = Array.from({ length: numBanks }, () => []);
    this.rows = Array.from({ length: numBanks }, () => []);
    this.heads = new Int32Array(numBanks);
    this.cand = new Int32Array(numBanks).fill(-1);
    this.candRow = new Int32Array(numBanks);
    this.candWrite = new Uint8Array(numBanks);
    this.candId = new Float64Array(numBanks);
  }

  /**
   * Queues a request. With the bank's `openRow` given (≥ −1), a cached pick the newcomer does not
   * change (the scheduler, asked again, picks the same request) is kept and `push` returns false;
   * otherwise the pick is dropped and `push` returns true.
   */
  push(req: MemRequest, openRow = -2): boolean {
    const b = req.bank;
    const rows = this.rows[b];
    this.reqs[b].push(req);
    rows.push(req.row);
    this.total++;
    const ci = this.cand[b];
    if (openRow >= -1 && ci >= 0) {
      const h = this.heads[b];
      if (this.scheduler.pickInBank(rows, h, Math.min(rows.length, h + this.depth), openRow) === ci) return false;
    }
    this.drop(b);
    return true;
  }

  /** Counts dropped picks: a choice made ahead (GroupLookahead's plan) is stale once this moves. */
  version = 0;

  /** Drops bank `b`'s pick (and its group); the bank is `unknown` while it has requests. */
  private drop(b: number): void {
    this.version++;
    this.cand[b] = -1;
    const g = this.groupOf[b];
    if (g >= 0) {
      this.groupMask[g] &= ~(1 << b);
      this.groupOf[b] = -1;
    }
    if (this.reqs[b].length > this.heads[b]) this.unknown |= 1 << b;
    else this.unknown &= ~(1 << b);
  }

  /** Files bank `b`'s fresh pick under command group `g` (call right after `pick`). */
  setGroup(b: number, g: number): void {
    this.groupOf[b] = g;
    this.groupMask[g] |= 1 << b;
  }

  /** Computes and caches bank `b`'s pick given its open row; −1 if the bank's queue is empty. */
  pick(b: number, openRow: number): number {
    const rows = this.rows[b];
    const h = this.heads[b];
    this.unknown &= ~(1 << b);
    if (h >= rows.length) return -1;
    const ci = this.scheduler.pickInBank(rows, h, Math.min(rows.length, h + this.depth), openRow);
    const req = this.reqs[b][ci];
    this.cand[b] = ci;
    this.candRow[b] = req.row;
    this.candWrite[b] = req.isWrite ? 1 : 0;
    this.candId[b] = req.id;
    return ci;
  }

  /** The cached pick of bank `b` (call after `pick`). */
  picked(b: number): MemRequest {
    return this.reqs[b][this.cand[b]];
  }

  invalidate(b: number): void {
    this.drop(b);
  }

  invalidateAll(): void {
    for (let b = 0; b < this.cand.length; b++) this.drop(b);
  }

  /** Removes bank `b`'s cached pick from its queue. */
  removePicked(b: number): void {
    const q = this.reqs[b];
    const rows = this.rows[b];
    const ci = this.cand[b];
    if (ci === this.heads[b]) {
      // Drop the object reference; compact rarely so removal from the head stays O(1) amortised.
      (q as Array<MemRequest | undefined>)[ci] = undefined;
      this.heads[b]++;
      if (this.heads[b] > 256 && this.heads[b] * 2 > q.length) {
        q.splice(0, this.heads[b]);
        rows.splice(0, this.heads[b]);
        this.heads[b] = 0;
      }
    } else {
      q.splice(ci, 1);
      rows.splice(ci, 1);
    }
    this.drop(b);
    this.total--;
  }

  queuedAt(b: number): number {
    return this.reqs[b].length - this.heads[b];
  }

  /** True if a request of bank `b` within the scheduler window targets `row`. */
  hasQueuedRow(b: number, row: number): boolean {
    const q = this.rows[b];
    const end = Math.min(q.length, this.heads[b] + this.depth);
    for (let i = this.heads[b]; i < end; i++) if (q[i] === row) return true;
    return false;
  }
}

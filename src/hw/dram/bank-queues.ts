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

  constructor(
    numBanks: number,
    /** Requests per bank the scheduler looks at. */
    readonly depth: number,
    private readonly scheduler: DramScheduler,
  ) {
    this.reqs = Array.from({ length: numBanks }, () => []);
    this.rows = Array.from({ length: numBanks }, () => []);
    this.heads = new Int32Array(numBanks);
    this.cand = new Int32Array(numBanks).fill(-1);
    this.candRow = new Int32Array(numBanks);
    this.candWrite = new Uint8Array(numBanks);
    this.candId = new Float64Array(numBanks);
  }

  push(req: MemRequest): void {
    this.reqs[req.bank].push(req);
    this.rows[req.bank].push(req.row);
    this.cand[req.bank] = -1;
    this.total++;
  }

  /** Computes and caches bank `b`'s pick given its open row; −1 if the bank's queue is empty. */
  pick(b: number, openRow: number): number {
    const rows = this.rows[b];
    const h = this.heads[b];
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
    this.cand[b] = -1;
  }

  invalidateAll(): void {
    this.cand.fill(-1);
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
    this.cand[b] = -1;
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

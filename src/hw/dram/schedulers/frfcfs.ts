/**
 * FR-FCFS with open-page policy (spec neupims.md §2 "OPEN_PAGE"): within a bank serve the oldest
 * request to the open row if there is one ("first ready"), else the oldest; across banks prefer
 * ready row hits (RD/WR) over ACT/PRE, then the oldest request. Rows stay open until a conflicting
 * request or a refresh needs the bank.
 */
import type { Candidate, DramScheduler } from '../scheduler.js';

export class FrFcfs implements DramScheduler {
  readonly name = 'FRFCFS';

  pickInBank(rows: readonly number[], head: number, end: number, openRow: number): number {
    if (openRow >= 0) for (let i = head; i < end; i++) if (rows[i] === openRow) return i;
    return head;
  }

  better(a: Candidate, b: Candidate): boolean {
    if (a.isAccess !== b.isAccess) return a.isAccess;
    return a.id < b.id;
  }

  /** Row hits first, then the oldest: ids are request sequence numbers, far below 2^52. */
  priority(isAccess: boolean, id: number): number {
    return isAccess ? id : id + 2 ** 52;
  }
}

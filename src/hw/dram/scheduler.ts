/**
 * Contract: a DramScheduler chooses, among the per-bank candidates the controller offers, the
 * command to issue this cycle. Implementations live in `schedulers/` (one file each).
 */
/** One bank's candidate: the request the bank would serve next and the command it needs. */
export interface Candidate {
  bank: number;
  /** The request's device-wide sequence number (`MemRequest.id`): smaller = older. */
  id: number;
  cmd: number;
  /** The command is the request's RD/WR (a row hit). */
  isAccess: boolean;
  /** Earliest legal cycle of `cmd`. */
  readyAt: number;
}

export interface DramScheduler {
  readonly name: string;
  /**
   * Picks which queued request of a bank the bank serves next. `rows[head..end)` are the rows of
   * the requests in the scheduler window, oldest first (rows only: touching request objects in
   * this loop costs cache misses); `openRow` is −1 when the bank is closed. Returns an index in
   * [head, end); the queue is never empty when called.
   */
  pickInBank(rows: readonly number[], head: number, end: number, openRow: number): number;
  /** Among candidates ready at `now` (`readyAt ≤ now`), the better one; called pairwise. */
  better(a: Candidate, b: Candidate): boolean;
  /**
   * Optional: `better` as a number, lower = preferred, for schedulers whose choice depends only on
   * whether the command is the access and on the request's age. Lets the controller's look-ahead
   * compare candidates without building them; must agree with `better`.
   */
  priority?(isAccess: boolean, id: number): number;
}

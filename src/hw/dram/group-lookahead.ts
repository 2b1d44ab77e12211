/**
 * The channel controller's fast path for the common state in which no normal command can be
 * vetoed (no PIM work or open PIM row, no refresh due: `HbmChannel.vetoFree`). Each bank's cached
 * pick is filed under its command group — rank × the command it needs next (RD, WR, ACT or PRE) —
 * as 32-bit bank sets in `BankQueues`. One pass over the groups, in order of their rank-level
 * gate, gives the first cycle at which any pick can issue and the scheduler's choice among those
 * that can issue then; a group whose gate opens later than the best found so far is passed over
 * whole (the RD→RD gap right after a read closes every RD group of that rank at once).
 *
 * The result can be kept as a plan for that cycle: the tick then issues it without looking again.
 * A plan holds while the picks are unchanged (`BankQueues.version`) and nothing can veto; a new
 * request that changes a pick keeps it only if the scheduler prefers the plan to the new pick.
 */
import type { BankQueues } from './bank-queues.js';
import type { DramState } from './dram-state.js';
import type { Candidate, DramScheduler } from './scheduler.js';

export interface NormalCommands {
  RD: number;
  WR: number;
  ACT: number;
  PRE: number;
}

/** The command a bank's pick needs: its RD/WR on a row hit, PRE on a conflict, ACT on a closed bank. */
export function commandFor(openRow: number, pickRow: number, pickIsWrite: boolean, c: NormalCommands): number {
  return openRow === pickRow ? (pickIsWrite ? c.WR : c.RD) : openRow >= 0 ? c.PRE : c.ACT;
}

export function makeCandidate(): Candidate {
  return { bank: -1, id: -1, cmd: -1, isAccess: false, readyAt: 0 };
}

export class GroupLookahead {
  /** The scheduler's choice found by the last `lookAhead` (null if no bank has a request). */
  best: Candidate | null = null;
  private readonly cmds: Int32Array;
  private readonly candCmd: Int8Array;
  /** Non-empty groups sorted by their rank-level gate (scratch). */
  private readonly gate: Float64Array;
  private readonly order: Int32Array;
  private readonly candA = makeCandidate();
  private readonly candB = makeCandidate();
  private readonly probe = makeCandidate();
  private readonly plan = makeCandidate();
  private planAt = -1;
  private planVersion = -1;
  /** The scheduler's choice is a number (DramScheduler.priority). */
  private readonly byPriority: boolean;

  constructor(
    private readonly state: DramState,
    private readonly queues: BankQueues,
    private readonly scheduler: DramScheduler,
    private readonly c: NormalCommands,
    private readonly rankOfBank: Int32Array,
  ) {
    this.cmds = Int32Array.of(c.RD, c.WR, c.ACT, c.PRE);
    this.byPriority = typeof scheduler.priority === 'function';
    this.candCmd = new Int8Array(state.numBanks);
    this.gate = new Float64Array(state.spec.org.ranks * this.cmds.length);
    this.order = new Int32Array(state.spec.org.ranks * this.cmds.length);
  }

  /** The command bank `b`'s pick needs given its open row. */
  private commandOf(b: number): number {
    return commandFor(this.state.openRow[b], this.queues.candRow[b], this.queues.candWrite[b] === 1, this.c);
  }

  private isAccess(cmd: number): boolean {
    return cmd === this.c.RD || cmd === this.c.WR;
  }

  /** Picks bank `b`'s next request and files it under its group; false if its queue is empty. */
  pick(b: number): boolean {
    if (this.queues.pick(b, this.state.openRow[b]) < 0) return false;
    const cmd = this.commandOf(b);
    this.candCmd[b] = cmd;
    this.queues.setGroup(b, this.rankOfBank[b] * this.state.numCmds + cmd);
    return true;
  }

  /**
   * The first cycle ≥ t at which a pick can issue (Infinity if no bank has a request), with `best`
   * the scheduler's choice among the picks that can issue then. Exact while nothing can veto.
   */
  lookAhead(t: number): number {
    const s = this.state;
    const bq = this.queues;
    for (let m = bq.unknown; m !== 0; m &= m - 1) this.pick(31 - Math.clz32(m & -m));
    const nc = s.numCmds;
    const cmds = this.cmds;
    const gu = this.gate;
    const gi = this.order;
    let n = 0;
    for (let r = 0; r < s.spec.org.ranks; r++) {
      for (let k = 0; k < cmds.length; k++) {
        const g = r * nc + cmds[k];
        if (bq.groupMask[g] === 0) continue;
        let u = s.rankLevelReady(cmds[k], r);
        if (u < t) u = t;
        let j = n++;
        for (; j > 0 && gu[j - 1] > u; j--) {
          gu[j] = gu[j - 1];
          gi[j] = gi[j - 1];
        }
        gu[j] = u;
        gi[j] = g;
      }
    }
    const sch = this.scheduler;
    const byPriority = this.byPriority;
    let best: Candidate | null = null;
    let at = Infinity;
    let bestP = Infinity; // with byPriority: the winner so far as numbers, no candidate objects
    let bestB = -1;
    let bestCmd = -1;
    for (let q = 0; q < n; q++) {
      const u = gu[q];
      if (u > at) break; // neither this group nor a later one can be ready by then
      const cmd = gi[q] % nc;
      const isAccess = this.isAccess(cmd);
      for (let m = bq.groupMask[gi[q]]; m !== 0; m &= m - 1) {
        const b = 31 - Math.clz32(m & -m);
        if (s.strict && (bq.cand[b] < 0 || this.commandOf(b) !== cmd)) {
          throw new Error(`bank ${b} is filed under ${s.cmdNames[cmd]} but its pick needs ${s.cmdNames[this.commandOf(b)]}`);
        }
        if (byPriority) {
          const p = sch.priority!(isAccess, bq.candId[b]);
          if (u >= at && p >= bestP) continue; // can be neither earlier nor preferred: skip its loads
          const e = s.bankLevelReady(cmd, b);
          const ready = e > u ? e : u;
          if (ready > at || (ready === at && p >= bestP)) continue;
          at = ready;
          bestP = p;
          bestB = b;
          bestCmd = cmd;
          continue;
        }
        const e = s.bankLevelReady(cmd, b);
        const ready = e > u ? e : u;
        if (ready > at) continue;
        const cur: Candidate = best === this.candA ? this.candB : this.candA;
        cur.bank = b;
        cur.id = bq.candId[b];
        cur.cmd = cmd;
        cur.isAccess = isAccess;
        cur.readyAt = ready;
        if (ready < at || best === null || sch.better(cur, best)) {
          best = cur;
          at = ready;
        }
      }
    }
    if (byPriority && bestB >= 0) {
      best = this.candA;
      best.bank = bestB;
      best.id = bq.candId[bestB];
      best.cmd = bestCmd;
      best.isAccess = this.isAccess(bestCmd);
      best.readyAt = at;
    }
    this.best = best;
    return at;
  }

  /** Keeps `best` as the command to issue at cycle `at`. */
  keepPlan(at: number): void {
    const p = this.plan;
    const b = this.best!;
    p.bank = b.bank;
    p.id = b.id;
    p.cmd = b.cmd;
    p.isAccess = b.isAccess;
    p.readyAt = b.readyAt;
    this.planAt = at;
    this.planVersion = this.queues.version;
  }

  /** The plan for cycle `now` if nothing has changed the picks since it was made, else null. */
  planned(now: number): Candidate | null {
    if (this.planAt !== now || this.planVersion !== this.queues.version) return null;
    this.planAt = -1;
    return this.plan;
  }

  dropPlan(): void {
    this.planAt = -1;
  }

  /**
   * A request just changed bank `b`'s pick (the queues' version was `before`). A plan from
   * another bank stays valid if the scheduler prefers it to the new pick.
   */
  afterNewPick(b: number, now: number, before: number): void {
    if (this.planAt < now || this.planVersion !== before || this.plan.bank === b || !this.pick(b)) return;
    const c = this.probe;
    c.bank = b;
    c.id = this.queues.candId[b];
    c.cmd = this.candCmd[b];
    c.isAccess = this.isAccess(c.cmd);
    c.readyAt = this.planAt;
    if (!this.scheduler.better(c, this.plan)) this.planVersion = this.queues.version;
  }
}

/**
 * One HBM2 channel: controller (per-bank queues, scheduler, refresh, optional PIM agent) plus its
 * `DramState`. Event-driven: each wake-up issues at most one command (one command bus,
 * spec neupims.md §2 `hbm_dual_cmd = False`) and schedules the next wake-up at the earliest cycle
 * at which any candidate command becomes legal, so idle cycles are never visited.
 */
import type { ClockDomain } from '../../sim/clock-domain.js';
import type { Simulator } from '../../sim/simulator.js';
import { EventPriority, type EventHandler, type SimEvent } from '../../sim/types.js';
import type { ChannelAgent } from './channel-agent.js';
import { dramClock, type DramSpec } from './dram-spec.js';
import { DramState } from './dram-state.js';
import type { MemRequest } from './mem-request.js';
import { lookup, REFRESH } from './registry.js';
import type { AgentChannel } from './channel-agent.js';
import type { RefreshChannel, RefreshManager } from './refresh-manager.js';
import type { Candidate, DramScheduler } from './scheduler.js';
import { BankQueues } from './bank-queues.js';
import { traceCommands } from './channel-trace.js';
import { FrFcfs } from './schedulers/frfcfs.js';
import { commandFor, GroupLookahead, makeCandidate, type NormalCommands } from './group-lookahead.js';

const WAKE = 0;
const DONE = 1;

export interface HbmChannelOptions {
  spec: DramSpec;
  sim: Simulator;
  index?: number;
  /** Default: the standard's own clock, `spec.timing.tCK_ps` (dramClock). */
  clock?: ClockDomain;
  scheduler?: DramScheduler;
  /** Requests per bank the scheduler looks at (spec §2 "PER_BANK command queues of 128"). */
  queueDepth?: number;
  /** Dual row buffers (NeuPIMs) vs one shared buffer (Newton); irrelevant without PIM. */
  dualBuffer?: boolean;
  /** Disable refresh (timing unit tests only). */
  refresh?: boolean;
  /** Refresh policy, a key of the registry's REFRESH table (default AllBank). */
  refreshImpl?: string;
  /** Validate every command against the timing table (tests; slower). */
  strict?: boolean;
  /**
   * While nothing can veto a command, look ahead to the cycle the next one can issue and sleep
   * until then (group-lookahead.ts) instead of scanning every bank each cycle (default true).
   * Same command stream either way (a test holds them equal); false is the reference for that test.
   */
  skipIdleWakeups?: boolean;
}

export interface ChannelWaker {
  requestWake(channel: number, cycle: number): void;
  /** A queued request left the channel (queue room for the device's streams). */
  noteServed(): void;
}

export class HbmChannel implements EventHandler, RefreshChannel, AgentChannel {
  readonly state: DramState;
  readonly index: number;
  readonly clock: ClockDomain;
  readonly scheduler: DramScheduler;
  readonly refresh: RefreshManager | null;
  agent: ChannelAgent | null = null;
  readonly cACT: number;
  readonly cPRE: number;
  readonly cRD: number;
  readonly cWR: number;
  readonly cREF: number;
  /** −1 when the standard has no PIM commands. */
  readonly cPIMPRE: number;
  readonly queues: BankQueues;
  private wakeAt = Infinity;
  /** Set during a scan when a normal ACT is blocked by a row open in the PIM buffer. */
  blockedByPim = false;
  lastDoneCycle = 0;
  readonly stats = { reads: 0, writes: 0, rowHits: 0, rowMisses: 0, rowConflicts: 0, latencySum: 0, wakeups: 0, parallelAccesses: 0 };
  /** Two scratch candidates, alternated so the scan allocates nothing. */
  private readonly candA = makeCandidate();
  private readonly candB = makeCandidate();
  private best: Candidate | null = null;
  /** Per-bank lower bound on the next cycle its candidate can issue; −1 = unknown. */
  private readonly lowerBound: Float64Array;
  /** Per-scan cache of rank-level readiness, keyed rank·numCmds + cmd, valid when its stamp matches. */
  private readonly upStamp: Int32Array;
  private readonly upVal: Float64Array;
  private scanStamp = 0;
  private readonly rankOfBank: Int32Array;
  /** The fast path while nothing can veto (null: more than 32 banks, or skipIdleWakeups off). */
  private readonly groups: GroupLookahead | null;
  private readonly cmds: NormalCommands;

  constructor(opts: HbmChannelOptions) {
    this.sim = opts.sim;
    this.index = opts.index ?? 0;
    this.clock = opts.clock ?? dramClock(opts.spec);
    this.state = new DramState(opts.spec, opts.dualBuffer ?? true);
    this.state.strict = opts.strict === true;
    this.scheduler = opts.scheduler ?? new FrFcfs();
    const s = this.state;
    this.cACT = s.cmd('ACT');
    this.cPRE = s.cmd('PRE');
    this.cRD = s.cmd('RD');
    this.cWR = s.cmd('WR');
    this.cREF = s.cmd('REF');
    this.cPIMPRE = s.hasCmd('PIM_PRE') ? s.cmd('PIM_PRE') : -1;
    this.queues = new BankQueues(s.numBanks, opts.queueDepth ?? 128, this.scheduler, s.spec.org.ranks * s.numCmds);
    this.lowerBound = new Float64Array(s.numBanks).fill(-1);
    this.upStamp = new Int32Array(s.spec.org.ranks * s.numCmds);
    this.upVal = new Float64Array(s.spec.org.ranks * s.numCmds);
    this.rankOfBank = Int32Array.from({ length: s.numBanks }, (_, b) => s.rankOf(b));
    this.cmds = { RD: this.cRD, WR: this.cWR, ACT: this.cACT, PRE: this.cPRE };
    const fast = s.numBanks <= 32 && opts.skipIdleWakeups !== false;
    this.groups = fast ? new GroupLookahead(s, this.queues, this.scheduler, this.cmds, this.rankOfBank) : null;
    this.refresh = opts.refresh === false ? null : lookup(REFRESH, opts.refreshImpl ?? 'AllBank', 'memory.refresh')(this);
    if (this.sim.trace !== null) traceCommands(s, this.sim.trace, 1000 + this.index, `${s.spec.name} ch${this.index}`, this.clock);
  }

  readonly sim: Simulator;

  /** Current cycle of this channel's clock (the next edge at or after sim.now). */
  get now(): number {
    return this.clock.cycleAtOrAfter(this.sim.now);
  }

  /** Adds a request (its `ch`/`bank`/`row` already decoded) and wakes the controller. */
  enqueue(req: MemRequest): void {
    const now = this.now;
    this.beforeWork(now);
    req.arriveCycle = now;
    // With nothing able to veto, a request that leaves every pick as it was changes nothing the
    // pending wake-up was computed from: no wake-up. Otherwise look again now.
    if (this.vetoFree(now) && this.queued > 0) {
      const before = this.queues.version;
      if (!this.queues.push(req, this.state.openRow[req.bank])) return;
      this.groups!.afterNewPick(req.bank, now, before);
    } else this.queues.push(req);
    this.lowerBound[req.bank] = -1;
    this.wake(now);
  }

  /** Normal requests waiting in this channel. */
  get queued(): number {
    return this.queues.total;
  }

  /**
   * Call before adding work (requests or agent ops): an idle channel spends no wake-ups on
   * refresh, so the refreshes of the idle gap are accounted now instead of being replayed
   * back-to-back.
   */
  beforeWork(now: number): void {
    if (this.idle()) this.refresh?.catchUp(this, now);
  }

  /** Nothing queued, no agent work, no wake-up pending. */
  idle(): boolean {
    return this.wakeAt === Infinity && this.queued === 0 && !(this.agent?.hasWork() ?? false);
  }

  /**
   * Optional shared wake-up scheduler: a device batches the wake-ups of its channels into one
   * simulator event per cycle instead of one heap entry per channel (see HbmDevice).
   */
  waker: ChannelWaker | null = null;

  /** Requests a wake-up at `cycle` (keeps only the earliest; later stale events are ignored). */
  wake(cycle: number): void {
    if (cycle >= this.wakeAt) return;
    this.wakeAt = cycle;
    if (this.waker !== null) this.waker.requestWake(this.index, cycle);
    else this.sim.schedule(this.clock.toPs(cycle), this, WAKE, null, EventPriority.WAKE);
  }

  /** Cycle of the pending wake-up (Infinity if none). */
  get nextWake(): number {
    return this.wakeAt;
  }

  /** Runs the wake-up due at `cycle`, if it is still the pending one. */
  runWake(cycle: number): void {
    if (cycle !== this.wakeAt) return;
    this.wakeAt = Infinity;
    this.tick(cycle);
  }

  handleEvent(ev: SimEvent): void {
    if (ev.kind === DONE) {
      const req = ev.data as MemRequest;
      req.onDone!(req, req.doneCycle);
      return;
    }
    this.runWake(this.clock.cycleOf(ev.time)); // ignored if superseded by an earlier wake-up
  }

  private tick(now: number): void {
    this.stats.wakeups++;
    let next = Infinity;
    const rf = this.refresh;
    if (rf !== null) {
      const tr = rf.poll(this, now);
      if (tr <= now) {
        rf.issue(this, now);
        return this.afterForeignIssue(now);
      }
      if (tr < next && (rf.pending(now) || this.queued > 0 || (this.agent?.hasWork() ?? false))) next = tr;
    }
    const ag = this.agent;
    if (ag !== null) {
      const ta = ag.poll(this, now);
      if (ta <= now) {
        ag.issue(this, now);
        return this.afterForeignIssue(now);
      }
      if (ta < next) next = ta;
    }
    if (this.queued > 0) {
      if (this.vetoFree(now)) {
        // Nothing can veto: a plan made for this cycle still holds, or look ahead from here.
        const g = this.groups!;
        this.blockedByPim = false;
        const plan = g.planned(now);
        const at = plan !== null ? now : g.lookAhead(now);
        if (at <= now) {
          this.best = plan ?? g.best;
          this.issueNormal(now);
          return this.wake(this.nextAfterIssue(now));
        }
        if (g.best !== null) g.keepPlan(at); // a refresh or PIM work before then drops it
        if (at < next) next = at;
      } else {
        const tn = this.scanNormal(now);
        if (tn <= now) {
          this.issueNormal(now);
          return this.wake(now + 1); // something may veto: look again next cycle
        }
        if (tn < next) next = tn;
      }
    }
    if (next < Infinity) this.wake(next);
  }

  /**
   * Refresh or PIM issued a command. Only an ACT/PRE changes a normal row buffer, which the bank's
   * cached pick depends on: drop that bank's cache. Lower bounds of other banks stay valid (ready
   * times only grow; vetoes are re-checked every scan). Then look again next cycle.
   */
  private afterForeignIssue(now: number): void {
    this.groups?.dropPlan();
    const s = this.state;
    const e = s.effect[s.lastCmd];
    if (e === 0 || e === 1) {
      this.queues.invalidate(s.lastBank);
      this.lowerBound[s.lastBank] = -1;
    }
    this.wake(now + 1);
  }

  /**
   * The wake-up after a command the fast path issued at `now`. Waking at now + 1 and scanning is
   * always correct, and needed once something can veto a command (PIM work, a refresh due).
   * Otherwise the group look-ahead gives the cycle the next command can issue and which it is, so
   * the cycles in between are not visited and the tick then does not scan; the command stream is
   * the same (a test compares it against waking every cycle). The device still runs the next cycle
   * for its stream refill (HbmDevice.noteServed). A refresh falling due first is decided then.
   */
  private nextAfterIssue(now: number): number {
    const t = now + 1;
    if (!this.vetoFree(t)) return t;
    if (this.queued === 0) return Infinity;
    const g = this.groups!;
    const at = g.lookAhead(t);
    g.keepPlan(at);
    return Math.min(at, this.refresh?.earliestDue() ?? Infinity);
  }

  /** Picks bank `b`'s next request (filing it under its group on the fast path); false if its queue is empty. */
  private pick(b: number): boolean {
    return this.groups !== null ? this.groups.pick(b) : this.queues.pick(b, this.state.openRow[b]) >= 0;
  }

  /** No normal command can be vetoed at `now`: no PIM work or open PIM row, no refresh due. */
  private vetoFree(now: number): boolean {
    if (this.groups === null) return false;
    const ag = this.agent;
    if (ag !== null && (ag.busy() || ag.hasWork() || this.state.pimOpenTotal > 0)) return false;
    return this.refresh === null || !this.refresh.pending(now);
  }

  /**
   * Fills `best` with the scheduler's choice among ready candidates; returns `now` if one is
   * ready, else the earliest cycle worth waking for. `lowerBound[b]` caches a bank's last computed
   * ready cycle: ready times only grow, so a bank whose bound is still in the future cannot be
   * ready and is skipped without recomputing; candidates that were ready but lost keep their old
   * bound and are re-evaluated (cheaply, via the per-rank cache below when the rank is busy).
   */
  private scanNormal(now: number): number {
    const s = this.state;
    const sch = this.scheduler;
    const ag = this.agent;
    const rf = this.refresh;
    const lb = this.lowerBound;
    const bq = this.queues;
    const cands = bq.cand;
    const candRow = bq.candRow;
    const candWrite = bq.candWrite;
    const openRow = s.openRow;
    const cmds = this.cmds;
    const cACT = this.cACT;
    const cRD = this.cRD;
    const cWR = this.cWR;
    const nb = s.numBanks;
    const nc = s.numCmds;
    const rankOf = this.rankOfBank;
    const upStamp = this.upStamp;
    const upVal = this.upVal;
    const stamp = ++this.scanStamp;
    let next = Infinity;
    let best: Candidate | null = null;
    // An idle agent allows every normal command: ask it only while a GEMV is in flight.
    const gate = ag !== null && ag.busy() ? ag : null;
    this.blockedByPim = false;
    for (let b = 0; b < nb; b++) {
      const bound = lb[b];
      if (bound > now) {
        if (bound < next) next = bound;
        continue;
      }
      if (cands[b] < 0 && !this.pick(b)) {
        lb[b] = Infinity; // empty queue: skipped until a request arrives
        continue;
      }
      const row = candRow[b];
      const open = openRow[b];
      const cmd = commandFor(open, row, candWrite[b] === 1, cmds);
      // Vetoed candidates keep bound −1: they are re-examined every wake-up but never set `next`
      // (whoever vetoes them — refresh or the PIM agent — wakes the channel when that changes).
      if (cmd === cACT) {
        if (rf !== null && !rf.allowsActivate(s.rankOf(b))) continue;
        if (!s.stateAllows(cmd, b, row)) {
          this.blockedByPim = true;
          continue;
        }
      }
      if (gate !== null && !gate.allowsNormal(cmd, b, row, now)) continue;
      // Rank-level readiness is shared by every bank of the rank: compute it once per scan, and
      // skip the bank with one load when the rank is busy (e.g. the 2-cycle RD→RD bus gap).
      const uk = rankOf[b] * nc + cmd;
      if (upStamp[uk] !== stamp) {
        upStamp[uk] = stamp;
        upVal[uk] = s.rankLevelReady(cmd, rankOf[b]);
      }
      const u = upVal[uk];
      if (u > now) {
        lb[b] = u;
        if (u < next) next = u;
        continue;
      }
      const e = s.earliest(cmd, b);
      if (e > now) {
        lb[b] = e;
        if (e < next) next = e;
        continue;
      }
      const cur: Candidate = best === this.candA ? this.candB : this.candA;
      cur.bank = b;
      cur.id = bq.candId[b];
      cur.cmd = cmd;
      cur.isAccess = cmd === cRD || cmd === cWR;
      cur.readyAt = e;
      if (best === null || sch.better(cur, best)) best = cur;
    }
    if (this.blockedByPim && ag !== null && !ag.busy() && next > now + 1) next = now + 1;
    this.best = best;
    return best !== null ? now : next;
  }

  private issueNormal(now: number): void {
    const { bank, cmd } = this.best!;
    const req = this.queues.picked(bank);
    this.state.apply(cmd, bank, req.row, now);
    this.lowerBound[bank] = -1;
    if (cmd === this.cACT) {
      req.missed = true;
      this.queues.invalidate(bank);
      return;
    }
    if (cmd === this.cPRE) {
      req.conflicted = true;
      this.queues.invalidate(bank);
      return;
    }
    this.queues.removePicked(bank);
    if (this.waker !== null) this.waker.noteServed();
    const st = this.stats;
    if (req.isWrite) st.writes++;
    else st.reads++;
    if (this.agent !== null && this.agent.busy()) st.parallelAccesses++;
    if (req.conflicted) st.rowConflicts++;
    else if (req.missed) st.rowMisses++;
    else st.rowHits++;
    req.issueCycle = now;
    req.doneCycle = now + (req.isWrite ? this.state.spec.writeDelay : this.state.spec.readDelay);
    st.latencySum += req.doneCycle - req.arriveCycle;
    if (req.doneCycle > this.lastDoneCycle) this.lastDoneCycle = req.doneCycle;
    if (req.sink !== undefined) req.sink.served(req, req.doneCycle);
    else if (req.onDone !== undefined) this.sim.schedule(this.clock.toPs(req.doneCycle), this, DONE, req, EventPriority.COMPLETION);
  }

  /** Per-command counts and request statistics as plain JSON. */
  collectStats(): Record<string, number> {
    return { ...this.state.countsByName(), ...this.stats, lastDoneCycle: this.lastDoneCycle };
  }
}

/**
 * One HBM2 channel: controller (per-bank queues, scheduler, refresh, optional PIM agent) plus its
 * `DramState`. Event-driven: each wake-up issues at most one command (one command bus,
 * spec neupims.md §2 `hbm_dual_cmd = False`) and schedules the next wake-up at the earliest cycle
 * at which any candidate command becomes legal, so idle cycles are never visited.
 */
import { DRAM_CLOCK, type ClockDomain } from '../../sim/clock-domain.js';
import type { Simulator } from '../../sim/simulator.js';
import { EventPriority, type EventHandler, type SimEvent } from '../../sim/types.js';
import type { ChannelAgent } from './channel-agent.js';
import type { DramSpec } from './dram-spec.js';
import { DramState } from './dram-state.js';
import type { MemRequest } from './mem-request.js';
import { AllBankRefresh } from './refresh/all-bank.js';
import type { RefreshManager } from './refresh-manager.js';
import type { Candidate, DramScheduler } from './scheduler.js';
import { BankQueues } from './bank-queues.js';
import { traceCommands } from './channel-trace.js';
import { FrFcfs } from './schedulers/frfcfs.js';

const WAKE = 0;
const DONE = 1;

export interface HbmChannelOptions {
  spec: DramSpec;
  sim: Simulator;
  index?: number;
  clock?: ClockDomain;
  scheduler?: DramScheduler;
  /** Requests per bank the scheduler looks at (spec §2 "PER_BANK command queues of 128"). */
  queueDepth?: number;
  /** Dual row buffers (NeuPIMs) vs one shared buffer (Newton); irrelevant without PIM. */
  dualBuffer?: boolean;
  /** Disable refresh (timing unit tests only). */
  refresh?: boolean;
  /** Validate every command against the timing table (tests; slower). */
  strict?: boolean;
  /**
   * After a normal command, wake when the next command can issue instead of at the next cycle
   * (default true). Same command stream either way (a test holds them equal); false is the
   * reference for that test.
   */
  skipIdleWakeups?: boolean;
}

export interface ChannelWaker {
  requestWake(channel: number, cycle: number): void;
  /** A queued request left the channel (queue room for the device's streams). */
  noteServed(): void;
}

function makeCandidate(): Candidate {
  return { bank: -1, id: -1, cmd: -1, isAccess: false, readyAt: 0 };
}

export class HbmChannel implements EventHandler {
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
  private readonly candC = makeCandidate();
  private best: Candidate | null = null;
  /** Per-bank lower bound on the next cycle its candidate can issue; −1 = unknown. */
  private readonly lowerBound: Float64Array;
  /** Per-scan cache of rank-level readiness, keyed rank·numCmds + cmd, valid when its stamp matches. */
  private readonly upStamp: Int32Array;
  private readonly upVal: Float64Array;
  private scanStamp = 0;
  private readonly rankOfBank: Int32Array;
  /** What the last scan saw (for nextAfterIssue): the earliest not-ready bound, the banks ready at its cycle, any veto. */
  private scanNext = Infinity;
  private readonly readyBanks: Int32Array;
  private nReady = 0;
  private scanVetoed = false;
  private readonly skipIdleWakeups: boolean;
  /** Command of each bank's cached pick (valid while the pick is). */
  private readonly candCmd: Int8Array;
  private readonly normalCmds: Int32Array;
  /** Banks fit the 32-bit group masks (fastScan); off with skipIdleWakeups, the reference. */
  private readonly groupScan: boolean;
  private lastScanFast = false;

  constructor(
    opts: HbmChannelOptions,
  ) {
    this.sim = opts.sim;
    this.index = opts.index ?? 0;
    this.clock = opts.clock ?? DRAM_CLOCK;
    this.state = new DramState(opts.spec, opts.dualBuffer ?? true);
    this.state.strict = opts.strict === true;
    this.skipIdleWakeups = opts.skipIdleWakeups !== false;
    this.scheduler = opts.scheduler ?? new FrFcfs();
    const s = this.state;
    this.cACT = s.cmd('ACT');
    this.cPRE = s.cmd('PRE');
    this.cRD = s.cmd('RD');
    this.cWR = s.cmd('WR');
    this.cREF = s.cmd('REF');
    this.cPIMPRE = s.hasCmd('PIM_PRE') ? s.cmd('PIM_PRE') : -1;
    this.queues = new BankQueues(s.numBanks, opts.queueDepth ?? 128, this.scheduler, s.spec.org.ranks * s.numCmds);
    this.candCmd = new Int8Array(s.numBanks);
    this.normalCmds = Int32Array.of(this.cRD, this.cWR, this.cACT, this.cPRE);
    this.groupGate = new Float64Array(s.spec.org.ranks * this.normalCmds.length);
    this.groupOrder = new Int32Array(s.spec.org.ranks * this.normalCmds.length);
    this.groupScan = s.numBanks <= 32 && this.skipIdleWakeups;
    this.lowerBound = new Float64Array(s.numBanks).fill(-1);
    this.upStamp = new Int32Array(s.spec.org.ranks * s.numCmds);
    this.upVal = new Float64Array(s.spec.org.ranks * s.numCmds);
    this.readyBanks = new Int32Array(s.numBanks);
    this.rankOfBank = Int32Array.from({ length: s.numBanks }, (_, b) => s.rankOf(b));
    this.refresh = opts.refresh === false ? null : new AllBankRefresh(this);
    if (this.sim.trace !== null) traceCommands(s, this.sim.trace, 1000 + this.index, `${s.spec.name} ch${this.index}`, this.clock.periodPs);
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
      const v = this.queues.version;
      if (!this.queues.push(req, this.state.openRow[req.bank])) return;
      // The newcomer changed its bank's pick. A choice made ahead for a later cycle stays valid
      // if it came from another bank and the new pick cannot beat it (asked as a scan would).
      const b = req.bank;
      if (this.prePickAt >= now && this.prePickVersion === v && this.prePick.bank !== b && this.pickBank(b)) {
        const c = this.candC;
        c.bank = b;
        c.id = this.queues.candId[b];
        c.cmd = this.candCmd[b];
        c.isAccess = c.cmd === this.cRD || c.cmd === this.cWR;
        c.readyAt = this.prePickAt;
        if (!this.scheduler.better(c, this.prePick)) this.prePickVersion = this.queues.version;
      }
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
      if (this.prePickAt === now && this.prePickVersion === this.queues.version && this.vetoFree(now)) {
        // nextAfterIssue's look-ahead to this cycle still holds: nothing has changed since
        this.prePickAt = -1;
        const c = this.candC;
        c.bank = this.prePick.bank;
        c.cmd = this.prePick.cmd;
        this.best = c;
        this.issueNormal(now);
        return this.wake(this.nextAfterIssue(now));
      }
      this.lastScanFast = this.vetoFree(now);
      const tn = this.lastScanFast ? this.fastScan(now) : this.scanNormal(now);
      if (tn <= now) {
        this.issueNormal(now);
        return this.wake(this.skipIdleWakeups ? this.nextAfterIssue(now) : now + 1);
      }
      if (tn < next) next = tn;
    }
    if (next < Infinity) this.wake(next);
  }

  /**
   * Refresh or PIM issued a command. Only an ACT/PRE changes a normal row buffer, which the bank's
   * cached pick depends on: drop that bank's cache. Lower bounds of other banks stay valid (ready
   * times only grow; vetoes are re-checked every scan). Then look again next cycle.
   */
  private afterForeignIssue(now: number): void {
    this.prePickAt = -1;
    const s = this.state;
    const e = s.effect[s.lastCmd];
    if (e === 0 || e === 1) {
      this.queues.invalidate(s.lastBank);
      this.lowerBound[s.lastBank] = -1;
    }
    this.wake(now + 1);
  }

  /**
   * The wake-up after a normal command at `now`. Waking at now + 1 is always safe; most of those
   * wake-ups found nothing ready (the rank's RD→RD gap, tRCD after an ACT), so when the scan just
   * done proves the tick at now + 1 would issue nothing and change nothing, this returns the cycle
   * that tick would have scheduled instead. Only the banks the scan found ready (and the bank just
   * served, with its next pick) can have changed; every other bank keeps the lower bound the scan
   * gave it. Anything the shortcut does not model exactly (a veto, PIM work, a due refresh) falls
   * back to now + 1, so the issued command stream is the same as waking every time (the device
   * still runs the next cycle for its stream refill: HbmDevice.noteServed).
   */
  private nextAfterIssue(now: number): number {
    const t = now + 1;
    if (this.lastScanFast) {
      // No veto possible: the group scan at t says whether anything is ready then, else how soon.
      if (!this.vetoFree(t)) return t;
      if (this.queued === 0) return Infinity;
      const at = this.lookAhead(t);
      let due = Infinity;
      const rf = this.refresh;
      if (rf !== null) for (let r = 0; r < this.state.spec.org.ranks; r++) if (rf.nextDue(r) < due) due = rf.nextDue(r);
      if (at >= due) return due; // a refresh falls due first: decide then
      const p = this.prePick;
      const best = this.best!;
      p.bank = best.bank;
      p.id = best.id;
      p.cmd = best.cmd;
      p.isAccess = best.isAccess;
      p.readyAt = best.readyAt;
      this.prePickAt = at;
      this.prePickVersion = this.queues.version;
      return at;
    }
    if (this.scanNext <= t || this.scanVetoed) return t;
    const ag = this.agent;
    if (ag !== null && (ag.busy() || ag.hasWork() || this.state.pimOpenTotal > 0)) return t;
    let next = Infinity;
    if (this.queued > 0) {
      next = this.scanNext;
      const rf = this.refresh;
      if (rf !== null) {
        if (rf.pending(t)) return t;
        for (let r = 0; r < this.state.spec.org.ranks; r++) if (rf.nextDue(r) < next) next = rf.nextDue(r);
      }
      const s = this.state;
      const bq = this.queues;
      for (let i = 0; i < this.nReady; i++) {
        const b = this.readyBanks[i];
        if (bq.cand[b] < 0 && !this.pickBank(b)) {
          this.lowerBound[b] = Infinity;
          continue;
        }
        const row = bq.candRow[b];
        const open = s.openRow[b];
        const cmd = open === row ? (bq.candWrite[b] === 1 ? this.cWR : this.cRD) : open >= 0 ? this.cPRE : this.cACT;
        // No state veto is possible here: with every PIM buffer closed an ACT only needs its bank closed.
        const e = s.earliest(cmd, b);
        if (e <= t) return t;
        this.lowerBound[b] = e;
        if (e < next) next = e;
      }
    } else if (this.refresh !== null && this.refresh.pending(t)) return t;
    return next;
  }

  /** Picks bank `b`'s next request and files it under its command group; false if its queue is empty. */
  private pickBank(b: number): boolean {
    const bq = this.queues;
    const open = this.state.openRow[b];
    if (bq.pick(b, open) < 0) return false;
    const row = bq.candRow[b];
    const cmd = open === row ? (bq.candWrite[b] === 1 ? this.cWR : this.cRD) : open >= 0 ? this.cPRE : this.cACT;
    this.candCmd[b] = cmd;
    bq.setGroup(b, this.rankOfBank[b] * this.state.numCmds + cmd);
    return true;
  }

  /** No normal command can be vetoed at `now`: no PIM work or open PIM row, no refresh due. */
  private vetoFree(now: number): boolean {
    if (!this.groupScan) return false;
    const ag = this.agent;
    if (ag !== null && (ag.busy() || ag.hasWork() || this.state.pimOpenTotal > 0)) return false;
    return this.refresh === null || !this.refresh.pending(now);
  }

  /** Strict mode: a bank's group must still match its pick and the open row (every change of either drops the pick). */
  private checkGroup(b: number, cmd: number): void {
    const bq = this.queues;
    const open = this.state.openRow[b];
    const want = open === bq.candRow[b] ? (bq.candWrite[b] === 1 ? this.cWR : this.cRD) : open >= 0 ? this.cPRE : this.cACT;
    if (bq.cand[b] < 0 || want !== cmd) throw new Error(`bank ${b} filed under ${this.state.cmdNames[cmd]} but its pick needs ${this.state.cmdNames[want]}`);
  }

  /** The cycle whose choice nextAfterIssue already made (`best`), and the queues' version then. */
  private prePickAt = -1;
  private prePickVersion = -1;
  private readonly prePick = makeCandidate();
  /** lookAhead scratch: non-empty groups sorted by their rank-level gate. */
  private readonly groupGate: Float64Array;
  private readonly groupOrder: Int32Array;

  /**
   * The first cycle ≥ t at which a bank's pick can issue, with `best` set to the scheduler's choice
   * among the picks that can issue then: every bank's exact ready cycle (its group's rank-level
   * gate and its own bank-level part), in one pass. Valid while nothing can veto (vetoFree) and
   * nothing changes the picks or the state; the tick at that cycle issues `best` without a scan.
   */
  private lookAhead(t: number): number {
    const s = this.state;
    const bq = this.queues;
    for (let m = bq.unknown; m !== 0; m &= m - 1) this.pickBank(31 - Math.clz32(m & -m));
    const nc = s.numCmds;
    const sch = this.scheduler;
    const cmds = this.normalCmds;
    // Groups in order of their rank-level gate: once one bank is found ready at `at`, groups whose
    // gate opens later are skipped whole.
    const gu = this.groupGate;
    const gi = this.groupOrder;
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
    let best: Candidate | null = null;
    let at = Infinity;
    for (let q = 0; q < n; q++) {
      const u = gu[q];
      if (u > at) break; // no bank of this or a later group can be ready by then
      const g = gi[q];
      const cmd = g % nc;
      let m = bq.groupMask[g];
      const isAccess = cmd === this.cRD || cmd === this.cWR;
      for (; m !== 0; m &= m - 1) {
        const b = 31 - Math.clz32(m & -m);
        if (s.strict) this.checkGroup(b, cmd);
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
    this.blockedByPim = false;
    this.best = best;
    return at;
  }

  /**
   * scanNormal for the common case where nothing can veto a command (vetoFree). Banks are visited
   * by command group (rank × command of their pick): a group whose rank-level gate is still closed
   * — the RD→RD gap right after a read, say — is passed over whole, and the banks of open groups
   * cost two loads each. Same choice as scanNormal. When nothing is ready the bound it returns may
   * be earlier than scanNormal's (a closed group's gate); that costs a wake-up, nothing else.
   */
  private fastScan(now: number): number {
    const s = this.state;
    const bq = this.queues;
    for (let m = bq.unknown; m !== 0; m &= m - 1) this.pickBank(31 - Math.clz32(m & -m));
    const nc = s.numCmds;
    const sch = this.scheduler;
    const cmds = this.normalCmds;
    let best: Candidate | null = null;
    let next = Infinity;
    for (let r = 0; r < s.spec.org.ranks; r++) {
      for (let k = 0; k < cmds.length; k++) {
        const cmd = cmds[k];
        let m = bq.groupMask[r * nc + cmd];
        if (m === 0) continue;
        const u = s.rankLevelReady(cmd, r);
        if (u > now) {
          if (u < next) next = u;
          continue;
        }
        const isAccess = cmd === this.cRD || cmd === this.cWR;
        for (; m !== 0; m &= m - 1) {
          const b = 31 - Math.clz32(m & -m);
          if (s.strict) this.checkGroup(b, cmd);
          const e = s.bankLevelReady(cmd, b);
          if (e > now) {
            if (e < next) next = e;
            continue;
          }
          const cur: Candidate = best === this.candA ? this.candB : this.candA;
          cur.bank = b;
          cur.id = bq.candId[b];
          cur.cmd = cmd;
          cur.isAccess = isAccess;
          cur.readyAt = e > u ? e : u;
          if (best === null || sch.better(cur, best)) best = cur;
        }
      }
    }
    this.blockedByPim = false;
    this.best = best;
    return best !== null ? now : next;
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
    const cACT = this.cACT;
    const cPRE = this.cPRE;
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
    const readyBanks = this.readyBanks;
    // An idle agent allows every normal command: ask it only while a GEMV is in flight.
    const gate = ag !== null && ag.busy() ? ag : null;
    let nReady = 0;
    let vetoed = false;
    this.blockedByPim = false;
    for (let b = 0; b < nb; b++) {
      const bound = lb[b];
      if (bound > now) {
        if (bound < next) next = bound;
        continue;
      }
      if (cands[b] < 0 && !this.pickBank(b)) {
        lb[b] = Infinity; // empty queue: skipped until a request arrives
        continue;
      }
      const row = candRow[b];
      const open = openRow[b];
      const cmd = open === row ? (candWrite[b] === 1 ? cWR : cRD) : open >= 0 ? cPRE : cACT;
      // Vetoed candidates keep bound −1: they are re-examined every wake-up but never set `next`
      // (whoever vetoes them — refresh or the PIM agent — wakes the channel when that changes).
      if (cmd === cACT) {
        if (rf !== null && !rf.allowsActivate(s.rankOf(b))) {
          vetoed = true;
          continue;
        }
        if (!s.stateAllows(cmd, b, row)) {
          this.blockedByPim = true;
          vetoed = true;
          continue;
        }
      }
      if (gate !== null && !gate.allowsNormal(cmd, b, row, now)) {
        vetoed = true;
        continue;
      }
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
      readyBanks[nReady++] = b;
      const cur: Candidate = best === this.candA ? this.candB : this.candA;
      cur.bank = b;
      cur.id = bq.candId[b];
      cur.cmd = cmd;
      cur.isAccess = cmd === cRD || cmd === cWR;
      cur.readyAt = e;
      if (best === null || sch.better(cur, best)) best = cur;
    }
    if (this.blockedByPim && ag !== null && !ag.busy() && next > now + 1) next = now + 1;
    this.scanNext = next;
    this.nReady = nReady;
    this.scanVetoed = vetoed;
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

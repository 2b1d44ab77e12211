/**
 * Per-channel PIM controller (spec neupims.md §4–§5): executes a FIFO of PimOps on one HbmChannel
 * as its ChannelAgent, so the channel serves PIM commands first and normal requests around them.
 *
 * - dual (NeuPIMs): normal RD/WR/ACT/PRE continue during a GEMV, except to the reserved row and
 *   within the refresh slack (§5 controller policy); GEMV commands are fused COMPS_READRES.
 * - single (Newton, "blocked"): PIM work starts only when the normal queues are empty and the
 *   channel issues nothing but PIM commands from P_HEADER to the last READRES.
 */
import { HetsimError } from '../../errors.js';
import type { Simulator } from '../../sim/simulator.js';
import { EventPriority, type EventHandler, type SimEvent } from '../../sim/types.js';
import type { AgentChannel, ChannelAgent } from '../dram/channel-agent.js';
import type { HbmChannel } from '../dram/hbm-channel.js';
import { compsReadresSpacing, type PimBufferMode } from './hbm2-pim.js';
import type { GemvOp, PimDoneCallback, PimOp } from './pim-op.js';

export interface PimEngineOptions {
  mode: PimBufferMode;
  /** Fused COMPS_READRES (NeuPIMs) vs COMP×n + READRES (Newton). Default: mode === 'dual'. */
  fused?: boolean;
  /** MACs per bank per COMP (§2 `pim_comp_coverage`, default 16): what `stats.macs` counts. */
  compCoverage?: number;
}

/** GEMV phases. */
const IDLE = 0;
const CLOSE_NORMAL = 1;
const GACT = 2;
const COMPUTE = 3;

interface Pending {
  op: PimOp;
  onDone: PimDoneCallback | undefined;
}

export class PimEngine implements ChannelAgent, EventHandler {
  readonly mode: PimBufferMode;
  readonly fused: boolean;
  private readonly ch: HbmChannel;
  private readonly sim: Simulator;
  private readonly queue: Pending[] = [];
  private qHead = 0;
  private phase = IDLE;
  /** Row reserved by the in-flight GEMV's P_HEADER, −1 when none. */
  reservedRow = -1;
  private gactNext = 0;
  private groupNext = 0;
  private compNext = 0;
  private readonly gactOrder: Int32Array;
  // The command `poll` prepared for `issue`.
  private pCmd = -1;
  private pBank = 0;
  private pRow = 0;
  private pArg = 0;
  private readonly c: { ACT: number; PRE: number; GWRITE: number; G_ACT: number; COMP: number; COMPS_READRES: number; READRES: number; PIM_PRE: number };
  /**
   * `macs`: FP16 multiply-accumulates done, 16 per bank per COMP (§2 `pim_comp_coverage: 16`).
   * `busyCycles`: Σ over GEMVs of P_HEADER → result back. `headerDeferredForRefresh`: controller
   * polls that held a P_HEADER back because the GEMV would not finish before the next refresh.
   */
  readonly stats = { P_HEADER: 0, gemvs: 0, gwrites: 0, macs: 0, busyCycles: 0, headerDeferredForRefresh: 0 };
  /** MACs per COMP across the channel: `compCoverage` (16) per bank. */
  private readonly macsPerComp: number;
  /** Cycles from a GWRITE until the global buffer holds its data (hbm2PimSpec's gwriteDelay). */
  private readonly gwriteCycles: number;
  private gemvStart = 0;
  /** The op at the head of the queue passed the refresh-deadline check (§4); cleared when it completes. */
  private admitted = false;
  /** Cycle the last op's result is back. */
  lastDoneCycle = 0;

  constructor(ch: HbmChannel, opts: PimEngineOptions) {
    const s = ch.state;
    if (!s.hasCmd('G_ACT')) throw new HetsimError('config_invalid', `channel ${ch.index} uses ${s.spec.name}; PIM needs hbm2PimSpec()`, 'memory.standard');
    if (s.dualBuffer !== (opts.mode === 'dual')) throw new HetsimError('config_invalid', `PIM mode ${opts.mode} but the channel was built with dualBuffer=${s.dualBuffer}`, 'pim.mode');
    this.ch = ch;
    this.sim = ch.sim;
    this.mode = opts.mode;
    this.fused = opts.fused ?? opts.mode === 'dual';
    this.c = { ACT: s.cmd('ACT'), PRE: s.cmd('PRE'), GWRITE: s.cmd('GWRITE'), G_ACT: s.cmd('G_ACT'), COMP: s.cmd('COMP'), COMPS_READRES: s.cmd('COMPS_READRES'), READRES: s.cmd('READRES'), PIM_PRE: s.cmd('PIM_PRE') };
    // Alternate ranks so both pseudo-channels' tFAW windows overlap (§4 estimate tFAW·(n/2 − 1)).
    const o = s.spec.org;
    const order: number[] = [];
    for (let g = 0; g < o.bankGroups; g++) for (let r = 0; r < o.ranks; r++) order.push((r * o.bankGroups + g) * o.banksPerGroup);
    this.gactOrder = Int32Array.from(order);
    const cov = opts.compCoverage ?? 16;
    if (!(Number.isInteger(cov) && cov > 0)) throw new HetsimError('config_invalid', `comp coverage ${cov} must be a positive integer (MACs per bank per COMP)`, 'pim.compCoverage');
    this.macsPerComp = cov * s.numBanks;
    this.gwriteCycles = s.spec.timing.gwriteDelay ?? 96;
    ch.agent = this;
  }

  /** Queues an op; `onDone` fires (as a simulator event) when its result is back. */
  submit(op: PimOp, onDone?: PimDoneCallback): void {
    const o = this.ch.state.spec.org;
    const bad = (msg: string): never => {
      throw new HetsimError('config_invalid', `PIM op ${JSON.stringify(op)}: ${msg}`, 'pim.op');
    };
    if (!Number.isInteger(op.row) || op.row < 0 || op.row >= o.rows) bad(`row outside 0..${o.rows - 1}`);
    if (op.kind === 'gwrite' && !(Number.isInteger(op.bank) && op.bank >= 0 && op.bank < this.ch.state.numBanks)) bad('bank outside the channel');
    if (op.kind === 'gemv' && !(op.numComps >= 1 && op.numReadres >= 1 && Number.isInteger(op.numComps) && Number.isInteger(op.numReadres))) bad('numComps and numReadres must be integers ≥ 1');
    const now = this.ch.now;
    this.ch.beforeWork(now);
    this.queue.push({ op, onDone });
    this.ch.wake(now);
  }

  /** Ops queued or in flight. */
  get pendingOps(): number {
    return this.queue.length - this.qHead;
  }

  busy(): boolean {
    return this.phase !== IDLE;
  }

  hasWork(): boolean {
    return this.qHead < this.queue.length;
  }

  allowsNormal(cmd: number, bank: number, row: number, now: number): boolean {
    if (this.phase === IDLE) return true;
    if (this.mode === 'single') return false;
    if (row === this.reservedRow) return false;
    // §5: normal commands only while the refresh slack allows (PRE > tRP + tRCDWR, ACT > tRCDWR).
    const rf = this.ch.refresh;
    if (rf === null) return true;
    const t = this.ch.state.spec.timing;
    const slack = rf.nextDue(this.ch.state.rankOf(bank)) - now;
    if (cmd === this.c.PRE) return slack > t.nRP + t.nRCDWR;
    if (cmd === this.c.ACT) return slack > t.nRCDWR;
    return true;
  }

  /**
   * §4 controller estimate at header time (the reference's EstimatePIMOperationLatency): closing the
   * banks whose PIM buffer holds another row, the G_ACTs, and the header's COMPs — all of its
   * result groups (the P_HEADER carries numComps × numReadres) — and READRESes.
   */
  estimate(op: GemvOp, numPre: number): number {
    const t = this.ch.state.spec.timing;
    const nGact = this.gactOrder.length;
    return numPre * (t.nAL + t.nRTP) + t.nFAW * (nGact / 2 - 1) + t.nRCDRD + 2 * Math.max(op.numComps * op.numReadres, 6) + 2 * (op.numReadres - 1);
  }

  /** §4 estimate for a GWRITE: open its row if needed, then the global-buffer write. */
  private estimateGwrite(bank: number, row: number): number {
    const s = this.ch.state;
    const t = s.spec.timing;
    const open = s.openRow[bank];
    const reopen = open === row ? 0 : (open >= 0 ? t.nAL + t.nRTP : 0) + t.nRP + t.nRCDRD;
    return reopen + this.gwriteCycles;
  }

  /**
   * §4 CanMeetRefreshDeadline: the controller starts a GEMV or a GWRITE only if its estimate fits
   * before the next refresh. Checked when the op first reaches the head of the queue, before any
   * command it needs (PIM_PRE, PRE, ACT) — as the reference does when it first meets the P_HEADER.
   */
  private fitsBeforeRefresh(est: number, now: number): boolean {
    const ch = this.ch;
    const rf = ch.refresh;
    if (rf === null) return true;
    const s = ch.state;
    const due = rf.earliestDue();
    // An op longer than the gap between two refreshes could never fit: let it run and make the
    // refresh wait for it instead (refresh may be postponed; see AllBankRefresh).
    const gap = s.spec.timing.nREFI / s.spec.org.ranks;
    if (now + est >= due && est < gap) {
      this.stats.headerDeferredForRefresh++;
      return false; // the refresh manager wakes the channel at `due`
    }
    return true;
  }

  poll(ch: AgentChannel, now: number): number {
    this.pCmd = -1;
    const s = ch.state;
    if (this.qHead >= this.queue.length) {
      // Idle: close the PIM buffer if normal traffic needs it (single: any ACT; dual: same row).
      if (s.pimOpenTotal > 0 && (this.mode === 'single' ? ch.queued > 0 : ch.blockedByPim)) return this.prepare(this.c.PIM_PRE, 0, 0, 0, now);
      return Infinity;
    }
    const op = this.queue[this.qHead].op;
    if (this.phase === IDLE) {
      // Blocked mode: PIM work starts only when the normal queues are empty (§5).
      if (this.mode === 'single' && ch.queued > 0) return Infinity;
      if (op.kind === 'gwrite') {
        if (!this.admitted && !this.fitsBeforeRefresh(this.estimateGwrite(op.bank, op.row), now)) return Infinity;
        this.admitted = true;
        return this.pollGwrite(op.bank, op.row, now);
      }
      // P_HEADER: only if the GEMV fits before the next refresh, closing the previous row included.
      if (!this.admitted && !this.fitsBeforeRefresh(this.estimate(op, this.countPimOpenOther(op.row)), now)) return Infinity;
      this.admitted = true;
      if (s.pimOpenTotal > 0 && s.pimRow[0] !== op.row) return this.prepare(this.c.PIM_PRE, 0, 0, 0, now);
      this.stats.P_HEADER++;
      this.reservedRow = op.row;
      this.phase = s.pimOpenTotal > 0 ? COMPUTE : CLOSE_NORMAL;
      this.gactNext = 0;
      this.groupNext = 0;
      this.compNext = 0;
      this.gemvStart = now;
    }
    if (this.phase === CLOSE_NORMAL) {
      // A row may be open in only one buffer (§5); single mode needs every normal buffer closed.
      for (let b = 0; b < s.numBanks; b++) {
        const open = s.openRow[b];
        if (open >= 0 && (this.mode === 'single' || open === op.row)) return this.prepare(this.c.PRE, b, open, 0, now);
      }
      this.phase = GACT;
    }
    if (this.phase === GACT) {
      if (this.gactNext < this.gactOrder.length) return this.prepare(this.c.G_ACT, this.gactOrder[this.gactNext], op.row, 0, now);
      this.phase = COMPUTE;
    }
    const g = op as GemvOp;
    if (this.fused) return this.prepare(this.c.COMPS_READRES, 0, g.row, g.numComps, now);
    return this.prepare(this.compNext < g.numComps ? this.c.COMP : this.c.READRES, 0, g.row, 0, now);
  }

  private pollGwrite(bank: number, row: number, now: number): number {
    const s = this.ch.state;
    const open = s.openRow[bank];
    if (open === row) return this.prepare(this.c.GWRITE, bank, row, 0, now);
    if (open >= 0) return this.prepare(this.c.PRE, bank, open, 0, now);
    if (s.pimRow[bank] >= 0 && (this.mode === 'single' || s.pimRow[bank] === row)) return this.prepare(this.c.PIM_PRE, 0, 0, 0, now);
    const rf = this.ch.refresh;
    if (rf !== null && !rf.allowsActivate(s.rankOf(bank))) return Infinity; // refresh first; it wakes us
    return this.prepare(this.c.ACT, bank, row, 0, now);
  }

  /** Banks whose PIM buffer holds a row other than `row` (each needs a PIM_PRECHARGE first). */
  private countPimOpenOther(row: number): number {
    const s = this.ch.state;
    let n = 0;
    for (let b = 0; b < s.numBanks; b++) if (s.pimRow[b] >= 0 && s.pimRow[b] !== row) n++;
    return n;
  }

  private prepare(cmd: number, bank: number, row: number, arg: number, now: number): number {
    this.pCmd = cmd;
    this.pBank = bank;
    this.pRow = row;
    this.pArg = arg;
    const e = this.ch.state.earliest(cmd, bank);
    return e > now ? e : now;
  }

  issue(ch: AgentChannel, now: number): void {
    const c = this.c;
    const cmd = this.pCmd;
    ch.state.apply(cmd, this.pBank, this.pRow, now, this.pArg);
    if (cmd === c.PIM_PRE || cmd === c.PRE || cmd === c.ACT) return;
    const pend = this.queue[this.qHead];
    if (cmd === c.GWRITE) {
      this.stats.gwrites++;
      return this.finish(pend, now + this.gwriteCycles);
    }
    if (cmd === c.G_ACT) {
      this.gactNext++;
      return;
    }
    const g = pend.op as GemvOp;
    if (cmd === c.COMP) {
      this.compNext++;
      this.stats.macs += this.macsPerComp;
      return;
    }
    if (cmd === c.COMPS_READRES) this.stats.macs += this.macsPerComp * g.numComps;
    // COMPS_READRES or READRES: one result group done.
    this.compNext = 0;
    if (++this.groupNext < g.numReadres) return;
    this.stats.gemvs++;
    this.phase = IDLE;
    this.reservedRow = -1;
    // Result back after read_delay (§4); a fused command's COMPs must also have drained.
    const rd = ch.state.spec.readDelay;
    const done = now + (cmd === c.COMPS_READRES ? Math.max(rd, compsReadresSpacing(g.numComps)) : rd);
    this.stats.busyCycles += done - this.gemvStart;
    const tr = this.sim.trace;
    if (tr !== null) {
      const t0 = ch.clock.toPs(this.gemvStart);
      tr.complete('GEMV', t0, ch.clock.toPs(done) - t0, 1000 + ch.index, -2, { row: g.row, numComps: g.numComps, numReadres: g.numReadres });
    }
    this.finish(pend, done);
  }

  private finish(pend: Pending, doneCycle: number): void {
    this.qHead++;
    this.admitted = false;
    if (this.qHead > 1024 && this.qHead * 2 > this.queue.length) {
      this.queue.splice(0, this.qHead);
      this.qHead = 0;
    }
    if (doneCycle > this.lastDoneCycle) this.lastDoneCycle = doneCycle;
    if (pend.onDone !== undefined) this.sim.schedule(this.ch.clock.toPs(doneCycle), this, 0, pend, EventPriority.COMPLETION);
  }

  handleEvent(ev: SimEvent): void {
    const pend = ev.data as Pending;
    pend.onDone!(pend.op, this.ch.clock.cycleOf(ev.time));
  }
}

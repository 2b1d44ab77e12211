/**
 * All-bank refresh per pseudo-channel, staggered across ranks (spec neupims.md §2 "Refresh:
 * rank-level staggered", tREFI 3900, tRFC 260): rank r is first due at (r + 1)·tREFI/ranks, then
 * every tREFI. When due, the rank's ACTs are held back, its open buffers are precharged (PRE per
 * bank, PIM_PRE for the PIM buffers once no GEMV is in flight) and REF issues.
 */
import type { RefreshChannel, RefreshManager } from '../refresh-manager.js';

export class AllBankRefresh implements RefreshManager {
  readonly name = 'AllBank';
  private readonly due: Float64Array;
  private readonly tREFI: number;
  private readonly lagCycles: number;
  private pendCmd = -1;
  private pendBank = 0;
  private pendRank = 0;

  constructor(ch: RefreshChannel) {
    const t = ch.state.spec.timing;
    const ranks = ch.state.spec.org.ranks;
    this.tREFI = t.nREFI;
    this.lagCycles = t.nRP + t.nRFC;
    this.due = Float64Array.from({ length: ranks }, (_, r) => Math.round(((r + 1) * t.nREFI) / ranks));
  }

  nextDue(rank: number): number {
    return this.due[rank];
  }

  earliestDue(): number {
    let due = Infinity;
    for (let r = 0; r < this.due.length; r++) if (this.due[r] < due) due = this.due[r];
    return due;
  }

  /** Last `now` seen by poll: allowsActivate is asked right after poll in the same tick. */
  private nowHint = 0;

  allowsActivate(rank: number): boolean {
    return this.nowHint < this.due[rank];
  }

  poll(ch: RefreshChannel, now: number): number {
    this.nowHint = now;
    const s = ch.state;
    let next = Infinity;
    this.pendCmd = -1;
    for (let r = 0; r < this.due.length; r++) {
      if (now < this.due[r]) {
        if (this.due[r] < next) next = this.due[r];
        continue;
      }
      // Due: choose the next step towards REF.
      const per = s.div[1];
      let cmd = -1;
      let bank = r * per;
      if (s.openInRank[r] > 0) {
        cmd = ch.cPRE;
        for (let b = r * per; b < (r + 1) * per; b++) if (s.openRow[b] >= 0) { bank = b; break; }
      } else if (s.pimOpenInRank[r] > 0) {
        // PIM buffers close only between GEMVs; the agent keeps the channel awake meanwhile.
        if (ch.agent !== null && ch.agent.busy()) continue;
        cmd = ch.cPIMPRE;
      } else {
        cmd = ch.cREF;
      }
      if (cmd < 0) continue;
      const e = s.earliest(cmd, bank);
      if (e <= now && this.pendCmd < 0) {
        this.pendCmd = cmd;
        this.pendBank = bank;
        this.pendRank = r;
        return now;
      }
      if (e < next) next = Math.max(e, now + 1);
    }
    return next;
  }

  issue(ch: RefreshChannel, now: number): void {
    const row = ch.state.openRow[this.pendBank];
    ch.state.apply(this.pendCmd, this.pendBank, row, now);
    if (this.pendCmd === ch.cREF) this.due[this.pendRank] += this.tREFI;
    this.pendCmd = -1;
  }

  /** True if some rank is due (refresh must keep the channel awake even without requests). */
  pending(now: number): boolean {
    for (let r = 0; r < this.due.length; r++) if (now >= this.due[r]) return true;
    return false;
  }

  catchUp(ch: RefreshChannel, now: number): void {
    const s = ch.state;
    // Only called on an idle channel: no GEMV is in flight, so PIM rows may be closed too.
    for (let r = 0; r < this.due.length; r++) {
      // A refresh that would have finished before `now` leaves only its count and closed buffers.
      if (this.due[r] + this.lagCycles <= now && s.pimOpenTotal > 0) {
        s.closePimNoTiming();
        if (ch.cPIMPRE >= 0) s.counts[ch.cPIMPRE]++;
      }
      while (this.due[r] + this.lagCycles <= now) {
        for (let b = r * s.div[1]; b < (r + 1) * s.div[1]; b++) s.closeNormal(b);
        s.counts[ch.cREF]++;
        this.due[r] += this.tREFI;
      }
    }
  }
}

/**
 * One channel's device state: the compiled constraint table plus per-bank row buffers.
 *
 * Compilation (ramulator2-style): each row `preceding → following` becomes, per preceding command,
 * an entry "on issue, raise ready[node][following] to issueCycle + latency" at a *write level*
 * = the coarsest of (row level, scope of preceding, scope of following). A command touching all
 * banks of its scope (G_ACT, COMP) constrains every bank below it, so the rule moves up to the
 * scope; and a check of a command reads its scope node and every ancestor. Checking is then 1–4
 * typed-array loads, and ready times only grow, so a cached "earliest cycle" never goes stale
 * downwards.
 *
 * Two row buffers per bank (spec neupims.md §5): `openRow` (normal) and `pimRow` (PIM). With
 * `dualBuffer` false (Newton "single" mode) both name the same physical buffer, so opening one
 * requires the other closed.
 */
import { HetsimError } from '../../errors.js';
import { LEVEL_INDEX, banksPerChannel, type CommandEffect, type DramSpec } from './dram-spec.js';

interface CompiledRow {
  wlevel: number;
  following: number;
  latency: number;
  latencyFn: ((arg: number) => number) | null;
  window: number;
  sibling: boolean;
  /** Ring of recent issue times per node (window rows only). */
  hist: Float64Array | null;
  histCount: Int32Array | null;
}

const EFFECT_CODE: Record<CommandEffect, number> = { open: 0, close: 1, access: 2, refresh: 3, pimOpen: 4, pimAccess: 5, pimClose: 6 };

export class DramState {
  readonly numBanks: number;
  readonly numCmds: number;
  readonly cmdNames: readonly string[];
  /** Scope level index per command. */
  readonly scope: Int8Array;
  /** Effect code per command (see EFFECT_CODE). */
  readonly effect: Int8Array;
  /** Banks below one node of each level: [banks/channel, banks/rank, banks/group, 1]. */
  readonly div: Int32Array;
  private readonly nodeOffset: Int32Array;
  private readonly nodesPerLevel: Int32Array;
  /** ready[(nodeOffset[level] + node) * numCmds + cmd] = earliest legal cycle. */
  readonly ready: Float64Array;
  private readonly rows: CompiledRow[][];
  /** Open row in the normal buffer, −1 = closed. */
  readonly openRow: Int32Array;
  /** Open row in the PIM buffer, −1 = closed. */
  readonly pimRow: Int32Array;
  /** Open normal / PIM buffers per rank (refresh needs both zero). */
  readonly openInRank: Int32Array;
  readonly pimOpenInRank: Int32Array;
  pimOpenTotal = 0;
  /** Commands issued, by command index. */
  readonly counts: Float64Array;
  /**
   * Check every `apply` like `issue` does. Controllers call `apply` unchecked for speed; tests turn
   * this on so any timing or state violation by the controller, refresh or PIM engine throws.
   */
  strict = false;
  /** Called on every issue when set (trace export, tests); null on the fast path. */
  onIssue: ((cmd: number, bank: number, row: number, cycle: number) => void) | null = null;

  constructor(
    readonly spec: DramSpec,
    readonly dualBuffer = true,
  ) {
    const o = spec.org;
    this.numBanks = banksPerChannel(o);
    this.cmdNames = spec.commands.map((c) => c.name);
    this.numCmds = this.cmdNames.length;
    this.scope = Int8Array.from(spec.commands, (c) => LEVEL_INDEX[c.scope]);
    this.effect = Int8Array.from(spec.commands, (c) => EFFECT_CODE[c.effect]);
    this.div = Int32Array.from([this.numBanks, o.bankGroups * o.banksPerGroup, o.banksPerGroup, 1]);
    this.nodesPerLevel = Int32Array.from([1, o.ranks, o.ranks * o.bankGroups, this.numBanks]);
    this.nodeOffset = Int32Array.from([0, 1, 1 + o.ranks, 1 + o.ranks + o.ranks * o.bankGroups]);
    const totalNodes = this.nodeOffset[3] + this.numBanks;
    this.ready = new Float64Array(totalNodes * this.numCmds);
    this.openRow = new Int32Array(this.numBanks).fill(-1);
    this.pimRow = new Int32Array(this.numBanks).fill(-1);
    this.openInRank = new Int32Array(o.ranks);
    this.pimOpenInRank = new Int32Array(o.ranks);
    this.counts = new Float64Array(this.numCmds);
    this.rows = this.cmdNames.map(() => []);
    const nc = this.numCmds;
    this.rankNode = Int32Array.from({ length: this.numBanks }, (_, b) => (this.nodeOffset[1] + ((b / this.div[1]) | 0)) * nc);
    this.bgNode = Int32Array.from({ length: this.numBanks }, (_, b) => (this.nodeOffset[2] + ((b / this.div[2]) | 0)) * nc);
    this.bankNode = Int32Array.from({ length: this.numBanks }, (_, b) => (this.nodeOffset[3] + b) * nc);
    const all: CompiledRow[][] = this.cmdNames.map(() => []);
    for (const c of spec.constraints) {
      for (const p of c.preceding) {
        for (const f of c.following) {
          const pi = this.cmd(p);
          const fi = this.cmd(f);
          const wlevel = Math.min(LEVEL_INDEX[c.level], this.scope[pi], this.scope[fi]);
          const window = c.window ?? 0;
          const nodes = this.nodesPerLevel[wlevel];
          all[pi].push({
            wlevel,
            following: fi,
            latency: typeof c.latency === 'number' ? c.latency : 0,
            latencyFn: typeof c.latency === 'function' ? c.latency : null,
            window,
            sibling: c.sibling === true,
            hist: window > 0 ? new Float64Array(nodes * window) : null,
            histCount: window > 0 ? new Int32Array(nodes) : null,
          });
        }
      }
    }
    // Plain rows (a fixed latency, no window) become, per (command, bank), a flat list of
    // (ready index, latency) pairs with sibling nodes expanded: `apply` is then one tight loop.
    // Rows with a window (tFAW) or an argument-dependent latency keep the general path.
    this.rows = all.map((rs) => rs.filter((r) => r.window > 0 || r.latencyFn !== null));
    const idx: number[] = [];
    const lat: number[] = [];
    this.plainStart = new Int32Array(this.numCmds * this.numBanks + 1);
    for (let c = 0; c < this.numCmds; c++) {
      for (let b = 0; b < this.numBanks; b++) {
        this.plainStart[c * this.numBanks + b] = idx.length;
        for (const r of all[c]) {
          if (r.window > 0 || r.latencyFn !== null) continue;
          const node = (b / this.div[r.wlevel]) | 0;
          let first = node;
          let last = node;
          if (r.sibling) {
            const per = this.nodesPerLevel[r.wlevel] / this.nodesPerLevel[r.wlevel - 1];
            first = node - (node % per);
            last = first + per - 1;
          }
          for (let n = first; n <= last; n++) {
            if (r.sibling && n === node) continue;
            idx.push((this.nodeOffset[r.wlevel] + n) * nc + r.following);
            lat.push(r.latency);
          }
        }
      }
    }
    this.plainStart[this.numCmds * this.numBanks] = idx.length;
    this.plainIdx = Int32Array.from(idx);
    this.plainLat = Float64Array.from(lat);
  }

  /** Flattened plain rows: entries plainStart[c·numBanks + b] … plainStart[c·numBanks + b + 1]. */
  private readonly plainStart: Int32Array;
  private readonly plainIdx: Int32Array;
  private readonly plainLat: Float64Array;

  /** Command index by name; throws unknown_impl listing the valid names. */
  cmd(name: string): number {
    const i = this.cmdNames.indexOf(name);
    if (i < 0) throw new HetsimError('unknown_impl', `${this.spec.name} has no command ${name}; valid: ${this.cmdNames.join(', ')}`, 'command');
    return i;
  }

  /** True if the standard defines the command (PIM commands exist only in the PIM extension). */
  hasCmd(name: string): boolean {
    return this.cmdNames.includes(name);
  }

  rankOf(bank: number): number {
    return (bank / this.div[1]) | 0;
  }

  /** Row indices into `ready` of each bank's rank and bank-group node (hot-path lookups). */
  private readonly rankNode: Int32Array;
  private readonly bgNode: Int32Array;
  private readonly bankNode: Int32Array;

  /** Earliest cycle at which `cmd` addressed via `bank` satisfies every timing row (state not checked). */
  earliest(cmd: number, bank: number): number {
    const nc = this.numCmds;
    const s = this.scope[cmd];
    if (s === 3) {
      // Bank-scope commands (ACT/PRE/RD/WR): four loads, no division.
      const r = this.ready;
      let m = r[cmd];
      const a = r[this.rankNode[bank] + cmd];
      const g = r[this.bgNode[bank] + cmd];
      const k = r[this.bankNode[bank] + cmd];
      if (a > m) m = a;
      if (g > m) m = g;
      return k > m ? k : m;
    }
    let m = this.ready[cmd];
    for (let l = 1; l <= s; l++) {
      const v = this.ready[(this.nodeOffset[l] + ((bank / this.div[l]) | 0)) * nc + cmd];
      if (v > m) m = v;
    }
    return m;
  }

  /** The channel- and rank-level part of `earliest` for a bank-scope command (shared by all banks of the rank). */
  rankLevelReady(cmd: number, rank: number): number {
    const a = this.ready[cmd];
    const b = this.ready[(this.nodeOffset[1] + rank) * this.numCmds + cmd];
    return a > b ? a : b;
  }

  /** The bank-group- and bank-level part of `earliest` for a bank-scope command. */
  bankLevelReady(cmd: number, bank: number): number {
    const g = this.ready[this.bgNode[bank] + cmd];
    const k = this.ready[this.bankNode[bank] + cmd];
    return g > k ? g : k;
  }

  /** Whether bank state allows `cmd` (row buffers, row exclusion, refresh-needs-closed). */
  stateAllows(cmd: number, bank: number, row: number): boolean {
    switch (this.effect[cmd]) {
      case 0: // open: normal buffer closed; dual: row not in the PIM buffer; single: PIM buffer closed
        return this.openRow[bank] < 0 && (this.dualBuffer ? this.pimRow[bank] !== row : this.pimRow[bank] < 0);
      case 1:
        return this.openRow[bank] >= 0;
      case 2:
        return this.openRow[bank] === row;
      case 3: {
        const r = this.rankOf(bank);
        return this.openInRank[r] === 0 && this.pimOpenInRank[r] === 0;
      }
      case 4: {
        const first = bank - (bank % this.div[2]);
        for (let b = first; b < first + this.div[2]; b++) {
          if (this.pimRow[b] >= 0) return false;
          if (this.dualBuffer ? this.openRow[b] === row : this.openRow[b] >= 0) return false;
        }
        return true;
      }
      case 5:
        return this.pimOpenTotal === this.numBanks;
      default:
        return this.pimOpenTotal > 0;
    }
  }

  /** Checked issue: throws timing_violation when too early or illegal in the current state. */
  issue(cmd: number, bank: number, row: number, cycle: number, arg = 0): void {
    const e = this.earliest(cmd, bank);
    if (cycle < e) {
      throw new HetsimError('timing_violation', `${this.cmdNames[cmd]} to bank ${bank} at cycle ${cycle} is before its earliest legal cycle ${e}`, 'dram');
    }
    if (!this.stateAllows(cmd, bank, row)) {
      throw new HetsimError('timing_violation', `${this.cmdNames[cmd]} to bank ${bank} row ${row} is illegal in the bank's state (normal row ${this.openRow[bank]}, PIM row ${this.pimRow[bank]})`, 'dram');
    }
    this.applyUnchecked(cmd, bank, row, cycle, arg);
  }

  /** Unchecked issue for controllers that already checked `earliest` and `stateAllows`. */
  apply(cmd: number, bank: number, row: number, cycle: number, arg = 0): void {
    if (this.strict) this.issue(cmd, bank, row, cycle, arg);
    else this.applyUnchecked(cmd, bank, row, cycle, arg);
  }

  /** The last command applied and its bank (lets a controller see what refresh/PIM just did). */
  lastCmd = -1;
  lastBank = -1;

  private applyUnchecked(cmd: number, bank: number, row: number, cycle: number, arg: number): void {
    this.counts[cmd]++;
    this.lastCmd = cmd;
    this.lastBank = bank;
    if (this.onIssue !== null) this.onIssue(cmd, bank, row, cycle);
    const nc = this.numCmds;
    const ready = this.ready;
    const k1 = this.plainStart[cmd * this.numBanks + bank + 1];
    for (let k = this.plainStart[cmd * this.numBanks + bank]; k < k1; k++) {
      const t = cycle + this.plainLat[k];
      const i = this.plainIdx[k];
      if (t > ready[i]) ready[i] = t;
    }
    const rows = this.rows[cmd];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const wl = r.wlevel;
      const node = (bank / this.div[wl]) | 0;
      let t = cycle + (r.latencyFn === null ? r.latency : r.latencyFn(arg));
      if (r.window > 0) {
        // Ring of the last `window` issues at this node; the rule binds once the ring is full.
        const h = r.hist!;
        const cnt = r.histCount!;
        const base = node * r.window;
        h[base + (cnt[node] % r.window)] = cycle;
        cnt[node]++;
        if (cnt[node] < r.window) continue;
        t = h[base + (cnt[node] % r.window)] + (t - cycle);
      }
      if (r.sibling) {
        const per = this.nodesPerLevel[wl] / this.nodesPerLevel[wl - 1];
        const first = node - (node % per);
        for (let s = first; s < first + per; s++) {
          if (s === node) continue;
          const k = (this.nodeOffset[wl] + s) * nc + r.following;
          if (t > this.ready[k]) this.ready[k] = t;
        }
      } else {
        const k = (this.nodeOffset[wl] + node) * nc + r.following;
        if (t > this.ready[k]) this.ready[k] = t;
      }
    }
    this.applyState(cmd, bank, row);
  }

  private applyState(cmd: number, bank: number, row: number): void {
    switch (this.effect[cmd]) {
      case 0:
        this.openRow[bank] = row;
        this.openInRank[this.rankOf(bank)]++;
        break;
      case 1:
        this.closeNormal(bank);
        break;
      case 4: {
        const first = bank - (bank % this.div[2]);
        for (let b = first; b < first + this.div[2]; b++) {
          this.pimRow[b] = row;
          this.pimOpenInRank[this.rankOf(b)]++;
        }
        this.pimOpenTotal += this.div[2];
        break;
      }
      case 6:
        this.closePimNoTiming();
        break;
      default:
        break;
    }
  }

  /** Closes every PIM buffer without timing (refresh catch-up: a PIM_PRE preceded the refresh). */
  closePimNoTiming(): void {
    this.pimRow.fill(-1);
    this.pimOpenInRank.fill(0);
    this.pimOpenTotal = 0;
  }

  /** Closes a normal buffer without timing (used by refresh catch-up after idle time). */
  closeNormal(bank: number): void {
    if (this.openRow[bank] >= 0) {
      this.openRow[bank] = -1;
      this.openInRank[this.rankOf(bank)]--;
    }
  }

  /** Per-command counts as plain JSON. */
  countsByName(): Record<string, number> {
    const out: Record<string, number> = {};
    this.cmdNames.forEach((n, i) => (out[n] = this.counts[i]));
    return out;
  }
}

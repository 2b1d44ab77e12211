/**
 * Runs the per-SLR instruction streams on the event kernel: every SLR has six decoupled units (LD,
 * ST, MM, MV, MISC, SYS) that each execute their own instructions in order, as soon as the tokens
 * their wait bits name are on the queues; loads and stores also wait for their HBM channels, which
 * all SLRs share. The k-th SYS instruction of every SLR is one barrier: it ends on all SLRs
 * `syncCycles` after the last one arrives. Compute durations are cycles on the design's clock
 * (a ClockDomain: 225 MHz is not a whole number of ps), transfers bytes over channel bandwidth.
 */
import { ClockDomain, EventPriority, Simulator, type ChromeTrace, type EventHandler, type SimEvent } from '../../sim/index.js';
import { HbmChannels } from '../../hw/fpga/hbm-channels.js';
import { LD, ST, SYS, UNIT_COUNT, UNITS, type Instr } from './isa.js';

export interface ExecConfig {
  clock: ClockDomain;
  hbm: { channels: number; channelBps: number; sameEff: number; crossEff: number };
  /** Channel group of each SLR (striped transfers use all of it, cross transfers its first channel). */
  slrChannels: number[][];
  syncCycles: number;
  trace: boolean;
}

export interface ExecStats {
  /** Time of the last completion, ps. */
  endPs: number;
  /** [slr][unit] busy ps. */
  busyPs: number[][];
  macs: number;
  bytes: { weight: number; kv: number; act: number };
  instructions: number;
  events: number;
  trace: ChromeTrace | null;
}

const COMPLETE = 0;

class SlrState {
  readonly heads = new Int32Array(UNIT_COUNT);
  readonly busy = new Uint8Array(UNIT_COUNT);
  readonly tokens = new Int32Array(UNIT_COUNT * UNIT_COUNT);
  readonly busyPs = new Array<number>(UNIT_COUNT).fill(0);
  constructor(readonly queues: Instr[][]) {}
}

export class Executor implements EventHandler {
  private readonly sim: Simulator;
  private readonly hbm: HbmChannels;
  private readonly slrs: SlrState[];
  private readonly barrierArrivals: number[] = [];
  private macs = 0;
  private readonly bytes = { weight: 0, kv: 0, act: 0 };
  private endPs = 0;

  constructor(programs: readonly Instr[][], private readonly cfg: ExecConfig) {
    this.sim = new Simulator({ trace: cfg.trace });
    this.hbm = new HbmChannels(cfg.hbm.channels, cfg.hbm.channelBps);
    this.slrs = programs.map((prog) => {
      const queues: Instr[][] = UNITS.map(() => []);
      for (const ins of prog) queues[ins.unit].push(ins);
      return new SlrState(queues);
    });
    const tr = this.sim.trace;
    if (tr) {
      this.slrs.forEach((_, s) => {
        tr.processName(s, `SLR ${s}`);
        UNITS.forEach((u, i) => tr.threadName(s, i, u));
      });
    }
  }

  run(): ExecStats {
    for (let s = 0; s < this.slrs.length; s++) this.tryIssue(s);
    this.sim.run();
    let instructions = 0;
    this.slrs.forEach((st, s) => {
      st.queues.forEach((q, u) => {
        if (st.heads[u] !== q.length) throw new Error(`FlightLLM executor deadlock: SLR ${s} unit ${UNITS[u]} stopped at instruction ${st.heads[u]} of ${q.length}`);
        instructions += q.length;
      });
    });
    return {
      endPs: this.endPs,
      busyPs: this.slrs.map((s) => s.busyPs),
      macs: this.macs,
      bytes: { ...this.bytes },
      instructions,
      events: this.sim.eventsHandled,
      trace: this.sim.trace ? this.sim.trace.toJSON() : null,
    };
  }

  /** Starts every unit of SLR `s` whose next instruction has its tokens (units in ISA order: deterministic). */
  private tryIssue(s: number): void {
    const st = this.slrs[s];
    for (let u = 0; u < UNIT_COUNT; u++) {
      if (st.busy[u]) continue;
      const q = st.queues[u];
      const ins = q[st.heads[u]];
      if (ins === undefined || !this.ready(st, ins)) continue;
      for (let w = 0; w < UNIT_COUNT; w++) if (ins.wait & (1 << w)) st.tokens[w * UNIT_COUNT + u]--;
      st.busy[u] = 1;
      this.start(s, ins);
    }
  }

  private ready(st: SlrState, ins: Instr): boolean {
    for (let w = 0; w < UNIT_COUNT; w++) if (ins.wait & (1 << w) && st.tokens[w * UNIT_COUNT + ins.unit] <= 0) return false;
    return true;
  }

  private start(s: number, ins: Instr): void {
    const now = this.sim.now;
    const clock = this.cfg.clock;
    if (ins.unit === LD || ins.unit === ST) {
      const group = this.cfg.slrChannels[s];
      const chans = ins.channels === 'striped' ? group : [group[0]];
      const eff = ins.channels === 'striped' ? this.cfg.hbm.sameEff : this.cfg.hbm.crossEff;
      const begin = this.hbm.readyAt(chans, now);
      const dur = Math.max(1, Math.ceil((ins.bytes / (chans.length * this.cfg.hbm.channelBps * eff)) * 1e12));
      this.hbm.occupy(chans, begin, begin + dur, ins.bytes);
      this.bytes[ins.traffic] += ins.bytes;
      this.finishAt(s, ins, begin, begin + dur);
    } else if (ins.unit === SYS) {
      const k = this.barrierArrivalsIndex(s);
      this.barrierArrivals[k] = (this.barrierArrivals[k] ?? 0) + 1;
      this.pendingSys[s] = ins;
      if (this.barrierArrivals[k] === this.slrs.length) {
        const c0 = clock.cycleAtOrAfter(now);
        const end = clock.toPs(c0 + this.cfg.syncCycles);
        for (let t = 0; t < this.slrs.length; t++) this.finishAt(t, this.pendingSys[t]!, now, end);
      }
    } else {
      const c0 = clock.cycleAtOrAfter(now);
      this.macs += ins.macs;
      this.finishAt(s, ins, clock.toPs(c0), clock.toPs(c0 + ins.cycles));
    }
  }

  private readonly pendingSys: (Instr | undefined)[] = [];
  private readonly sysCount: number[] = [];
  private barrierArrivalsIndex(s: number): number {
    const k = this.sysCount[s] ?? 0;
    this.sysCount[s] = k + 1;
    return k;
  }

  private finishAt(s: number, ins: Instr, begin: number, end: number): void {
    this.slrs[s].busyPs[ins.unit] += end - begin;
    this.sim.trace?.complete(ins.op, begin, end - begin, s, ins.unit, ins.bytes ? { bytes: ins.bytes } : ins.macs ? { macs: ins.macs } : undefined);
    this.sim.schedule(end, this, COMPLETE, { s, ins }, EventPriority.COMPLETION);
  }

  handleEvent(ev: SimEvent): void {
    const { s, ins } = ev.data as { s: number; ins: Instr };
    const st = this.slrs[s];
    st.busy[ins.unit] = 0;
    st.heads[ins.unit]++;
    for (let r = 0; r < UNIT_COUNT; r++) if (ins.release & (1 << r)) st.tokens[ins.unit * UNIT_COUNT + r]++;
    if (ev.time > this.endPs) this.endPs = ev.time;
    this.tryIssue(s);
  }
}

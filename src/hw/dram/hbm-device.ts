/**
 * A whole HBM2 stack: `org.channels` independent `HbmChannel`s on one Simulator plus the address
 * mapper. Standalone use creates its own Simulator; systems pass theirs so DRAM, NPU and
 * interconnect share one event queue.
 */
import { Simulator } from '../../sim/simulator.js';
import { HetsimError } from '../../errors.js';
import type { AddrMapper } from './address-mapper.js';
import type { DramSpec } from './dram-spec.js';
import { HbmChannel, type ChannelWaker } from './hbm-channel.js';
import { EventPriority, type EventHandler, type SimEvent } from '../../sim/types.js';
import { blankRequest, type MemRequest, type RequestInit } from './mem-request.js';
import { RoRaBgBaChCo } from './mappers/rorabgbachco.js';
import { MemStream, type StreamInit } from './mem-stream.js';
import type { DramScheduler } from './scheduler.js';
import { hbm2Spec } from './standards/hbm2.js';

export interface HbmDeviceOptions {
  /** Default: HBM2 (spec neupims.md §2). The PIM extension is `hbm2PimSpec()` from src/hw/pim. */
  spec?: DramSpec;
  sim?: Simulator;
  mapper?: AddrMapper;
  /** One scheduler instance per channel (schedulers may keep state). Default FR-FCFS. */
  makeScheduler?: () => DramScheduler;
  queueDepth?: number;
  dualBuffer?: boolean;
  refresh?: boolean;
  /** Refresh policy, a key of the registry's REFRESH table (default AllBank). */
  refreshImpl?: string;
  /** Validate every issued command against the timing table (tests; slower). */
  strict?: boolean;
  /** See HbmChannelOptions.skipIdleWakeups (default true). */
  skipIdleWakeups?: boolean;
  /** Stream transactions kept queued per channel (default 1024 = 32 per bank). */
  streamWindow?: number;
  /** Name used for the stats subtree (default "dram"). */
  statsName?: string;
}

export class HbmDevice implements ChannelWaker, EventHandler {
  readonly sim: Simulator;
  readonly spec: DramSpec;
  readonly mapper: AddrMapper;
  readonly channels: HbmChannel[];
  private nextId = 0;
  /** Pending wake-up cycle per channel, and the cycle of the one simulator event covering them. */
  private readonly wakeAt: Float64Array;
  private eventAt = Infinity;
  private readonly streams: MemStream[] = [];
  private readonly pool: MemRequest[] = [];
  private readonly streamWindow: number;

  constructor(opts: HbmDeviceOptions = {}) {
    this.sim = opts.sim ?? new Simulator();
    this.spec = opts.spec ?? hbm2Spec();
    this.mapper = opts.mapper ?? new RoRaBgBaChCo(this.spec.org);
    this.channels = Array.from(
      { length: this.spec.org.channels },
      (_, i) =>
        new HbmChannel({
          spec: this.spec,
          sim: this.sim,
          index: i,
          scheduler: opts.makeScheduler?.(),
          queueDepth: opts.queueDepth,
          dualBuffer: opts.dualBuffer,
          refresh: opts.refresh,
          refreshImpl: opts.refreshImpl,
          strict: opts.strict,
          skipIdleWakeups: opts.skipIdleWakeups,
        }),
    );
    this.streamWindow = opts.streamWindow ?? 1024;
    this.wakeAt = new Float64Array(this.channels.length).fill(Infinity);
    for (const ch of this.channels) ch.waker = this;
    const stats = opts.statsName ?? 'dram';
    this.sim.stats.provider(stats, () => this.collectStats());
    this.sim.stats.provider(`${stats}.commands`, () => this.commandCounts());
  }

  /**
   * Channels wake in lock-step under a full stream, so one simulator event per cycle serves all of
   * them (channel order = index order: deterministic) instead of one heap entry per channel.
   */
  requestWake(channel: number, cycle: number): void {
    this.wakeAt[channel] = cycle;
    if (cycle < this.eventAt) {
      this.eventAt = cycle;
      this.sim.schedule(this.channels[0].clock.toPs(cycle), this, 0, null, EventPriority.WAKE);
    }
  }

  /**
   * Queue room appeared since the last refill (only a served request frees room). Streams refill
   * at the start of an event, so room freed during this event's ticks needs an event next cycle:
   * channels no longer wake up every cycle after a command (see HbmChannel.nextAfterIssue).
   */
  private roomFreed = false;

  noteServed(): void {
    this.roomFreed = true;
  }

  handleEvent(ev: SimEvent): void {
    if (ev.kind === 1) {
      const st = ev.data as MemStream;
      return st.init.onDone!(st.doneCycle);
    }
    if (this.roomFreed && this.streams.length > 0) this.refill();
    const cycle = this.channels[0].clock.cycleOf(ev.time);
    if (cycle !== this.eventAt) return; // superseded by an earlier event
    const w = this.wakeAt;
    const n = w.length;
    // Ticks may request wake-ups at this same cycle for lower-indexed channels only through
    // completions, which run as earlier events; still, loop until none is due.
    let again = true;
    while (again) {
      again = false;
      for (let i = 0; i < n; i++) {
        if (w[i] <= cycle) {
          w[i] = Infinity;
          this.channels[i].runWake(cycle);
          if (w[i] <= cycle) again = true;
        }
      }
    }
    let next = Infinity;
    for (let i = 0; i < n; i++) if (w[i] < next) next = w[i];
    // The refill above cleared roomFreed, so it is set now only if a tick of this event served one.
    if (this.roomFreed && this.streams.length > 0 && next > cycle + 1) next = cycle + 1;
    this.eventAt = Infinity;
    if (next < Infinity) {
      this.eventAt = next;
      this.sim.schedule(this.channels[0].clock.toPs(next), this, 0, null, EventPriority.WAKE);
    }
  }

  /** Decodes and queues one 64 B transaction; returns the request (its fields fill in as it is served). */
  enqueue(init: RequestInit): MemRequest {
    const o = this.spec.org;
    const c = init.coord ?? (init.addr !== undefined ? this.mapper.apply(init.addr) : undefined);
    if (c === undefined) throw new HetsimError('config_invalid', 'request needs addr or coord', 'request');
    if (c.ch < 0 || c.ch >= o.channels || c.row < 0 || c.row >= o.rows || c.rank >= o.ranks || c.bg >= o.bankGroups || c.bank >= o.banksPerGroup) {
      throw new HetsimError('config_invalid', `coordinate ${JSON.stringify(c)} outside the ${this.spec.name} organisation`, 'request');
    }
    const req = blankRequest();
    req.id = this.nextId++;
    req.ch = c.ch;
    req.bank = (c.rank * o.bankGroups + c.bg) * o.banksPerGroup + c.bank;
    req.row = c.row;
    req.col = c.col;
    req.isWrite = init.isWrite === true;
    req.onDone = init.onDone;
    req.tag = init.tag;
    this.channels[c.ch].enqueue(req);
    return req;
  }

  /**
   * Queues a bulk transfer of `bytes` from `addr`; transactions enter the channels lazily (see
   * MemStream). Returns the stream, whose `doneCycle` is final once `onDone` has fired.
   */
  enqueueStream(init: StreamInit): MemStream {
    const st = new MemStream(init, this.spec.org, this.pool, (s) => this.streamFinished(s));
    if (st.total === 0) {
      if (init.onDone) this.sim.schedule(this.sim.now, this, 1, st, EventPriority.COMPLETION);
      return st;
    }
    this.mapper.apply(init.addr + init.bytes - 1); // range check up front
    this.streams.push(st);
    this.refill();
    return st;
  }

  /** Moves stream transactions into channels whose queues are below the window, in address order. */
  private refill(): void {
    this.roomFreed = false;
    const ss = this.streams;
    for (let k = 0; k < ss.length; k++) {
      const st = ss[k];
      while (st.generated < st.total) {
        const ch = this.channels[this.mapper.channelOf(st.nextAddr())];
        if (ch.queued >= this.streamWindow) break;
        ch.enqueue(st.next(this.nextId++, this.mapper));
      }
    }
    // Drop fully generated streams (they still count completions through their sink).
    let w = 0;
    for (let k = 0; k < ss.length; k++) if (ss[k].generated < ss[k].total) ss[w++] = ss[k];
    ss.length = w;
  }

  private streamFinished(st: MemStream): void {
    if (st.init.onDone) this.sim.schedule(this.channels[0].clock.toPs(st.doneCycle), this, 1, st, EventPriority.COMPLETION);
  }

  /** Runs the simulator until no events remain; returns the last data-completion cycle. */
  runUntilIdle(): number {
    this.sim.run();
    return this.lastDoneCycle();
  }

  lastDoneCycle(): number {
    let m = 0;
    for (const ch of this.channels) m = Math.max(m, ch.lastDoneCycle);
    return m;
  }

  /** Commands issued by type (ACT, PRE, RD, …, in the standard's order), summed over channels. */
  commandCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const ch of this.channels) for (const [k, v] of Object.entries(ch.state.countsByName())) out[k] = (out[k] ?? 0) + v;
    return out;
  }

  /** Totals over channels (per-command counts, reads, row hits, …). */
  collectStats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const ch of this.channels) {
      for (const [k, v] of Object.entries(ch.collectStats())) out[k] = k === 'lastDoneCycle' ? Math.max(out[k] ?? 0, v) : (out[k] ?? 0) + v;
    }
    return out;
  }
}

/**
 * A whole HBM2 stack: `org.channels` independent `HbmChannel`s on one Simulator plus the address
 * mapper. Standalone use creates its own Simulator; systems pass theirs so DRAM, NPU and
 * interconnect share one event queue.
 */
import { Simulator } from '../../sim/simulator.js';
import { HetsimError } from '../../errors.js';
import type { AddrMapper } from './address-mapper.js';
import type { DramSpec } from './dram-spec.js';
import { HbmChannel } from './hbm-channel.js';
import type { MemRequest, RequestInit } from './mem-request.js';
import { RoRaBgBaChCo } from './mappers/rorabgbachco.js';
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
  /** Name used for the stats subtree (default "dram"). */
  statsName?: string;
}

export class HbmDevice {
  readonly sim: Simulator;
  readonly spec: DramSpec;
  readonly mapper: AddrMapper;
  readonly channels: HbmChannel[];
  private nextId = 0;

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
        }),
    );
    this.sim.stats.provider(opts.statsName ?? 'dram', () => this.collectStats());
  }

  /** Decodes and queues one 64 B transaction; returns the request (its fields fill in as it is served). */
  enqueue(init: RequestInit): MemRequest {
    const o = this.spec.org;
    const c = init.coord ?? (init.addr !== undefined ? this.mapper.apply(init.addr) : undefined);
    if (c === undefined) throw new HetsimError('config_invalid', 'request needs addr or coord', 'request');
    if (c.ch < 0 || c.ch >= o.channels || c.row < 0 || c.row >= o.rows || c.rank >= o.ranks || c.bg >= o.bankGroups || c.bank >= o.banksPerGroup) {
      throw new HetsimError('config_invalid', `coordinate ${JSON.stringify(c)} outside the ${this.spec.name} organisation`, 'request');
    }
    const req: MemRequest = {
      id: this.nextId++,
      ch: c.ch,
      bank: (c.rank * o.bankGroups + c.bg) * o.banksPerGroup + c.bank,
      row: c.row,
      col: c.col,
      isWrite: init.isWrite === true,
      arriveCycle: 0,
      issueCycle: -1,
      doneCycle: -1,
      missed: false,
      conflicted: false,
      onDone: init.onDone,
      tag: init.tag,
    };
    this.channels[c.ch].enqueue(req);
    return req;
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

  /** Totals over channels (per-command counts, reads, row hits, …). */
  collectStats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const ch of this.channels) {
      for (const [k, v] of Object.entries(ch.collectStats())) out[k] = k === 'lastDoneCycle' ? Math.max(out[k] ?? 0, v) : (out[k] ?? 0) + v;
    }
    return out;
  }
}

import { describe, expect, it } from 'vitest';
import { runGemv } from '../../../src/hw/pim/run-gemv.js';
import { PimEngine } from '../../../src/hw/pim/pim-engine.js';
import { hbm2PimSpec } from '../../../src/hw/pim/hbm2-pim.js';
import { attachPim } from '../../../src/hw/pim/attach-pim.js';
import { HbmChannel } from '../../../src/hw/dram/hbm-channel.js';
import { HbmDevice } from '../../../src/hw/dram/hbm-device.js';
import { Simulator } from '../../../src/sim/simulator.js';
import type { MemRequest } from '../../../src/hw/dram/mem-request.js';
import type { PimOp } from '../../../src/hw/pim/pim-op.js';
import { HetsimError } from '../../../src/errors.js';

const tiles = (n: number, base = 100): PimOp[] => Array.from({ length: n }, (_, t) => ({ kind: 'gemv', row: base + t, numComps: 8, numReadres: 4 }));

function request(id: number, bank: number, row: number): MemRequest {
  return { id, ch: 0, bank, row, col: 0, isWrite: false, arriveCycle: 0, issueCycle: -1, doneCycle: -1, missed: false, conflicted: false, onDone: undefined, tag: undefined };
}

/** A traced, strictly checked channel + engine. */
function setup(mode: 'dual' | 'single', refresh = true) {
  const sim = new Simulator({ trace: true });
  const ch = new HbmChannel({ spec: hbm2PimSpec(mode), sim, dualBuffer: mode === 'dual', refresh, strict: true });
  const pim = new PimEngine(ch, { mode });
  const firstCycle = (name: string): number => {
    const ev = sim.trace!.events.find((e) => e.ph === 'X' && e.name === name);
    return ev === undefined ? -1 : Math.round(ev.ts * 1000);
  };
  return { sim, ch, pim, firstCycle };
}

describe('PimEngine (spec neupims.md §4–§5)', () => {
  it('NeuPIMs tile: P_HEADER, 8 G_ACTs two ranks at a time under tFAW, then fused COMPS_READRES', () => {
    const r = runGemv({ mode: 'dual', strict: true, refresh: false, ops: tiles(1) });
    expect(r.commands).toMatchObject({ G_ACT: 8, COMPS_READRES: 4, COMP: 0, READRES: 0 });
    expect(r.pim.P_HEADER).toBe(1);
    expect(r.pim.macs).toBe(4 * 8 * 16 * 32); // 16 FP16 MACs per bank per COMP, 32 banks
    // Last G_ACT at 3·tFAW + 1 = 91; COMPS_READRES at +tRCDRD = 105, then every 2·(8+1) = 18; done 18 later.
    expect(r.pimCycles).toBe(105 + 3 * 18 + 18);
  });

  it('Newton tile: separate COMP×n + READRES per result group', () => {
    const r = runGemv({ mode: 'single', strict: true, refresh: false, ops: tiles(1) });
    expect(r.commands).toMatchObject({ G_ACT: 8, COMP: 32, READRES: 4, COMPS_READRES: 0 });
    // Groups of 8 COMPs (2 cycles apart) + 6-cycle READRES fill + 2 to the next COMP: 22 cycles;
    // the last READRES at 105 + 3·22 + 14 + 6 = 191 returns data read_delay = 16 later.
    expect(r.pimCycles).toBe(207);
  });

  it('closes the PIM row (PIM_PRE) before the next tile on another row', () => {
    const r = runGemv({ mode: 'dual', strict: true, refresh: false, ops: tiles(3) });
    expect(r.commands).toMatchObject({ G_ACT: 24, PIM_PRE: 2, COMPS_READRES: 12 });
  });

  it('GWRITE opens its row in the normal buffer and holds the channel for gwrite_delay', () => {
    const r = runGemv({ mode: 'dual', strict: true, refresh: false, ops: [{ kind: 'gwrite', bank: 3, row: 7 }] });
    expect(r.commands).toMatchObject({ ACT: 1, GWRITE: 1 });
    expect(r.pimCycles).toBe(14 + 96);
  });

  it('dual buffers serve normal reads while GEMVs run; blocked mode serialises them', () => {
    const bg = { count: 8192 };
    const res = (mode: 'dual' | 'single') => ({
      pim: runGemv({ mode, strict: true, ops: tiles(64) }).cycles,
      normal: runGemv({ mode, strict: true, ops: [], background: bg }).cycles,
      both: runGemv({ mode, strict: true, ops: tiles(64), background: bg }),
    });
    const d = res('dual');
    const s = res('single');
    expect(d.both.parallelAccesses).toBeGreaterThan(1000);
    expect(s.both.parallelAccesses).toBe(0);
    // Dual: close to the longer of the two (each GEMV's 32-slot PIM_PRECHARGE train holds the
    // command bus, so not quite); blocked: about their sum.
    expect(d.both.cycles).toBeLessThan(1.25 * Math.max(d.pim, d.normal));
    expect(s.both.cycles).toBeGreaterThanOrEqual(s.pim + s.normal - 200);
    expect(d.both.cycles).toBeLessThan(0.6 * s.both.cycles);
  });

  it('blocked mode starts PIM work only once the normal queues are empty', () => {
    const { sim, ch, pim, firstCycle } = setup('single', false);
    const reqs = Array.from({ length: 64 }, (_, i) => request(i, i % 32, 500));
    reqs.forEach((r) => ch.enqueue(r));
    pim.submit(tiles(1)[0]);
    sim.run();
    const lastRead = Math.max(...reqs.map((r) => r.issueCycle));
    expect(firstCycle('G_ACT')).toBeGreaterThan(lastRead);
  });

  it('dual: a normal read of the reserved row waits for the GEMV, then PIM_PRE frees the row', () => {
    const { sim, ch, pim } = setup('dual', false);
    let gemvDone = -1;
    pim.submit(tiles(1, 9)[0], (_op, cycle) => (gemvDone = cycle));
    const other = request(0, 5, 300);
    const same = request(1, 5, 9);
    sim.schedule(1000, { handleEvent: () => (ch.enqueue(other), ch.enqueue(same)) });
    sim.run();
    expect(other.issueCycle).toBeLessThan(gemvDone); // served during the GEMV
    expect(same.issueCycle).toBeGreaterThan(gemvDone - 18);
    expect(ch.state.countsByName().PIM_PRE).toBe(1);
  });

  it('defers P_HEADER when the GEMV cannot finish before the next refresh', () => {
    const { sim, pim, firstCycle } = setup('dual', true);
    // Pseudo-channel 0 is first due at tREFI/2 = 1950; the estimate (~130 cycles) does not fit at 1900.
    sim.schedule(1900 * 1000, { handleEvent: () => pim.submit(tiles(1)[0]) });
    sim.run();
    expect(firstCycle('REF')).toBeGreaterThanOrEqual(1950);
    expect(firstCycle('G_ACT')).toBeGreaterThan(firstCycle('REF'));
    expect(pim.stats.headerDeferredForRefresh).toBeGreaterThan(0);
  });

  it('a GEMV submitted after a long idle gap does not replay the missed refreshes', () => {
    const { sim, pim } = setup('dual', true);
    let done = -1;
    const start = 600_100;
    pim.submit(tiles(1, 7)[0]); // leaves row 7 open in the PIM buffers
    sim.schedule(start * 1000, { handleEvent: () => pim.submit(tiles(1)[0], (_op, c) => (done = c)) });
    sim.run();
    expect(done - start).toBeLessThan(177 + 260 + 50); // at most one refresh in the way
  });

  it('runs the same program through attachPim on a whole device and reports pim stats', () => {
    const dev = new HbmDevice({ spec: hbm2PimSpec('dual'), dualBuffer: true, strict: true });
    const engines = attachPim(dev, { mode: 'dual' });
    const done: number[] = [];
    engines[3].submit(tiles(1)[0], (_op, c) => done.push(c));
    engines[7].submit(tiles(1)[0], (_op, c) => done.push(c));
    dev.enqueue({ addr: 0 });
    dev.runUntilIdle();
    expect(done).toEqual([177, 177]);
    expect(dev.sim.stats.collect().pim).toMatchObject({ gemvs: 2, P_HEADER: 2 });
  });

  it('rejects malformed ops and PIM on a plain HBM2 device', () => {
    const { pim } = setup('dual');
    expect(() => pim.submit({ kind: 'gemv', row: 1, numComps: 0, numReadres: 1 })).toThrow(HetsimError);
    expect(() => pim.submit({ kind: 'gwrite', bank: 40, row: 1 })).toThrow(/bank/);
    expect(() => attachPim(new HbmDevice(), { mode: 'dual' })).toThrow(/PIM commands/);
  });
});

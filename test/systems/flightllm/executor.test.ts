/** The decoupled-unit executor: wait/release tokens, overlap, shared HBM channels, barriers. */
import { describe, expect, it } from 'vitest';
import { ClockDomain } from '../../../src/sim/index.js';
import { Executor, type ExecConfig } from '../../../src/systems/flightllm/executor.js';
import { LD, MISC, MV, SYS } from '../../../src/systems/flightllm/isa.js';
import { ProgramBuilder } from '../../../src/systems/flightllm/program-builder.js';

// 1 GHz clock, 1 channel of 1 GB/s per SLR → 1 byte per ns
const cfg = (slrs: number, shared: boolean): ExecConfig => ({
  clock: new ClockDomain('t', 1000),
  hbm: { channels: 2, channelBps: 1e9, sameEff: 1, crossEff: 0.5 },
  slrChannels: Array.from({ length: slrs }, (_, s) => [shared ? 0 : s]),
  syncCycles: 1,
  trace: false,
});
const NS = 1000;

/** LD(1000 B) → MV(500 cycles), n tiles, loads double-buffered. */
function pipeline(n: number): ProgramBuilder {
  const b = new ProgramBuilder();
  const mvs: number[] = [];
  for (let i = 0; i < n; i++) {
    const ld = b.emit(LD, 'w', { bytes: 1000, traffic: 'weight' }, [mvs.length >= 2 ? mvs[mvs.length - 2] : -1]);
    mvs.push(b.emit(MV, 'mv', { cycles: 500, macs: 10 }, [ld]));
  }
  return b;
}

describe('executor', () => {
  it('overlaps loads with compute as far as the tokens allow', () => {
    const st = new Executor([pipeline(4).instrs], cfg(1, false)).run();
    // loads back to back (4 µs); the last MV starts when its load ends: 4000 + 500 ns
    expect(st.endPs).toBe(4500 * NS);
    expect(st.busyPs[0][LD]).toBe(4000 * NS);
    expect(st.busyPs[0][MV]).toBe(2000 * NS);
    expect(st.macs).toBe(40);
  });

  it('a compute-bound stream is limited by the buffer slots, not the loads', () => {
    const b = new ProgramBuilder();
    const mvs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const ld = b.emit(LD, 'w', { bytes: 100 }, [mvs.length >= 2 ? mvs[mvs.length - 2] : -1]);
      mvs.push(b.emit(MV, 'mv', { cycles: 1000 }, [ld]));
    }
    const st = new Executor([b.instrs], cfg(1, false)).run();
    expect(st.endPs).toBe((100 + 4000) * NS);
  });

  it('wait/release masks are set on both ends of a dependency', () => {
    const b = new ProgramBuilder();
    const ld = b.emit(LD, 'a', { bytes: 10 });
    const mv = b.emit(MV, 'b', { cycles: 1 }, [ld]);
    b.emit(MISC, 'c', { cycles: 1 }, [mv, ld]);
    expect(b.instrs[0].release).toBe((1 << MV) | (1 << MISC));
    expect(b.instrs[1].wait).toBe(1 << LD);
    expect(b.instrs[2].wait).toBe((1 << MV) | (1 << LD));
  });

  it('SLRs sharing one HBM channel serialise their loads', () => {
    const own = new Executor([pipeline(2).instrs, pipeline(2).instrs], cfg(2, false)).run();
    const shared = new Executor([pipeline(2).instrs, pipeline(2).instrs], cfg(2, true)).run();
    expect(own.endPs).toBe(2500 * NS);
    expect(shared.endPs).toBeGreaterThan(own.endPs);
    expect(shared.endPs).toBe(4500 * NS);
  });

  it('a SYS barrier ends on every SLR after the last one arrives', () => {
    const mk = (cycles: number) => {
      const b = new ProgramBuilder();
      const m = b.emit(MV, 'mv', { cycles });
      const s = b.emit(SYS, 'barrier', {}, [m]);
      b.emit(MV, 'after', { cycles: 10 }, [s]);
      return b.instrs;
    };
    const st = new Executor([mk(100), mk(300)], cfg(2, false)).run();
    expect(st.endPs).toBe((300 + 1 + 10) * NS);
  });

  it('is deterministic', () => {
    const a = new Executor([pipeline(5).instrs, pipeline(3).instrs], { ...cfg(2, true), trace: true }).run();
    const b = new Executor([pipeline(5).instrs, pipeline(3).instrs], { ...cfg(2, true), trace: true }).run();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.trace!.traceEvents.some((e) => e.name === 'mv' && e.pid === 1)).toBe(true);
  });
});

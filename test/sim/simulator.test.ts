import { describe, expect, it } from 'vitest';
import { EventQueue, Simulator, type EventHandler, type SimEvent } from '../../src/sim/index.js';

/** Records (time, kind) of every event it receives. */
class Recorder implements EventHandler {
  log: Array<[number, number]> = [];
  handleEvent(ev: SimEvent): void {
    this.log.push([ev.time, ev.kind]);
  }
}

describe('EventQueue', () => {
  it('pops by time, then priority, then insertion order', () => {
    const q = new EventQueue();
    const r = new Recorder();
    q.push(10, 5, r, 1, null);
    q.push(5, 5, r, 2, null);
    q.push(10, 1, r, 3, null);
    q.push(10, 5, r, 4, null);
    q.push(5, 5, r, 5, null);
    const order: number[] = [];
    for (let e = q.pop(); e; e = q.pop()) order.push(e.kind);
    expect(order).toEqual([2, 5, 3, 1, 4]);
  });

  it('stays a valid heap under many random pushes and pops', () => {
    const q = new EventQueue();
    const r = new Recorder();
    let seed = 1;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) q.push(Math.floor(rnd() * 100), Math.floor(rnd() * 3), r, i, null);
    let prev: SimEvent | undefined;
    for (let e = q.pop(); e; e = q.pop()) {
      if (prev) {
        const ok = prev.time < e.time || (prev.time === e.time && (prev.priority < e.priority || (prev.priority === e.priority && prev.seq < e.seq)));
        expect(ok).toBe(true);
      }
      prev = e;
    }
  });
});

describe('Simulator', () => {
  it('runs events in order and lets handlers schedule their own next event', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const ticker: EventHandler = {
      handleEvent(ev) {
        seen.push(sim.now);
        if (ev.kind < 3) sim.scheduleIn(1000, ticker, ev.kind + 1);
      },
    };
    sim.schedule(500, ticker, 0);
    expect(sim.run()).toBe(3500);
    expect(seen).toEqual([500, 1500, 2500, 3500]);
    expect(sim.eventsHandled).toBe(4);
  });

  it('run(until) leaves later events queued', () => {
    const sim = new Simulator();
    const r = new Recorder();
    sim.schedule(100, r, 1);
    sim.schedule(300, r, 2);
    sim.run(200);
    expect(r.log).toEqual([[100, 1]]);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(r.log.length).toBe(2);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulator();
    const r = new Recorder();
    sim.schedule(100, r);
    sim.run();
    expect(() => sim.schedule(50, r)).toThrow();
  });

  it('keeps statistics per instance (two simulators do not share counters)', () => {
    const a = new Simulator();
    const b = new Simulator();
    a.stats.counter('dram.ch0.ACT').value += 3;
    b.stats.add('dram.ch0.ACT');
    a.stats.provider('npu', () => ({ gemm: 2 }));
    // every simulator reports its own event count under `sim`
    expect(a.stats.collect()).toEqual({ dram: { ch0: { ACT: 3 } }, npu: { gemm: 2 }, sim: { events: 0 } });
    expect(b.stats.get('dram.ch0.ACT')).toBe(1);
  });

  it('exports a Chrome/Perfetto trace with X events in microseconds', () => {
    const sim = new Simulator({ trace: true });
    sim.trace!.processName(1, 'HBM ch0');
    sim.trace!.complete('GEMV', 2_000_000, 500_000, 1, 3);
    const json = JSON.parse(JSON.stringify(sim.trace!.toJSON()));
    expect(json.traceEvents[1]).toEqual({ name: 'GEMV', ph: 'X', ts: 2, dur: 0.5, pid: 1, tid: 3 });
    expect(new Simulator().trace).toBeNull();
  });
});

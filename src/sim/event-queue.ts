/**
 * Binary min-heap of events ordered by (time, priority, seq). `seq` is assigned on push, so two
 * events with equal time and priority pop in insertion order: runs are deterministic and a
 * simulation is a pure function of its inputs.
 */
import type { EventHandler, SimEvent, TimePs } from './types.js';

function less(a: SimEvent, b: SimEvent): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export class EventQueue {
  private heap: SimEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Creates and inserts an event; returns it so callers can keep a reference (e.g. to ignore it later). */
  push(time: TimePs, priority: number, target: EventHandler, kind: number, data: unknown): SimEvent {
    const ev: SimEvent = { time, priority, seq: this.nextSeq++, target, kind, data };
    const h = this.heap;
    let i = h.length;
    h.push(ev);
    // Sift up.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(ev, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = ev;
    return ev;
  }

  peek(): SimEvent | undefined {
    return this.heap[0];
  }

  pop(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    if (top === undefined) return undefined;
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      // Sift the last element down from the root.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && less(h[r], h[l]) ? r : l;
        if (!less(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  clear(): void {
    this.heap.length = 0;
  }
}

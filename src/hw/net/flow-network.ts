/**
 * Fluid model of shared links on the discrete-event kernel: every transfer is a flow over a list
 * of resources (a node's NIC transmit and receive sides, the inter-cluster link); concurrent flows
 * share each resource max-min fairly (progressive filling), and rates are recomputed whenever a
 * flow starts or ends. This is how several groups using one NIC at once slow each other down.
 */
import { EventPriority, type EventHandler, type SimEvent, type Simulator } from '../../sim/index.js';

export interface NetResource {
  readonly id: number;
  readonly name: string;
  /** Bytes per second. */
  readonly capacity: number;
}

interface Flow {
  id: number;
  remaining: number;
  resources: NetResource[];
  rate: number;
  done: () => void;
}

const ACTIVATE = 1;
const COMPLETE = 2;

export class FlowNetwork implements EventHandler {
  private readonly resources: NetResource[] = [];
  private active: Flow[] = [];
  private nextFlow = 0;
  private lastUpdate = 0;
  /** Completion events carry the generation they were computed for; older ones are stale. */
  private generation = 0;
  /** Bytes carried per resource (for utilisation reports). */
  readonly carried: number[] = [];

  constructor(private readonly sim: Simulator) {}

  resource(name: string, capacity: number): NetResource {
    if (!(capacity > 0)) throw new Error(`FlowNetwork: resource ${name} needs a positive capacity, got ${capacity}`);
    const r = { id: this.resources.length, name, capacity };
    this.resources.push(r);
    this.carried.push(0);
    return r;
  }

  /** Starts `bytes` over `resources` after `latencyS`; `done` runs when the last byte arrives. */
  transfer(bytes: number, resources: NetResource[], latencyPs: number, done: () => void): void {
    const flow: Flow = { id: this.nextFlow++, remaining: bytes, resources, rate: 0, done };
    if (bytes <= 0 || resources.length === 0) {
      this.sim.scheduleIn(latencyPs, this, COMPLETE, { flow, direct: true }, EventPriority.COMPLETION);
      return;
    }
    this.sim.scheduleIn(latencyPs, this, ACTIVATE, flow, EventPriority.COMPLETION);
  }

  handleEvent(ev: SimEvent): void {
    if (ev.kind === ACTIVATE) {
      this.advance();
      this.active.push(ev.data as Flow);
      this.reschedule();
      return;
    }
    const d = ev.data as { flow?: Flow; direct?: boolean; generation?: number };
    if (d.direct) {
      d.flow!.done();
      return;
    }
    if (d.generation !== this.generation) return;
    this.advance();
    // Finish every flow that has (numerically) nothing left, in flow-id order.
    const finished: Flow[] = [];
    const still: Flow[] = [];
    for (const f of this.active) (f.remaining <= Math.max(1e-3, 1e-9 * f.rate) ? finished : still).push(f);
    this.active = still;
    this.reschedule();
    for (const f of finished) f.done();
  }

  private advance(): void {
    const dt = (this.sim.now - this.lastUpdate) / 1e12;
    this.lastUpdate = this.sim.now;
    if (dt <= 0) return;
    for (const f of this.active) {
      const moved = Math.min(f.remaining, f.rate * dt);
      f.remaining -= moved;
      for (const r of f.resources) this.carried[r.id] += moved;
    }
  }

  /** Max-min fair rates by progressive filling, then one event at the earliest completion. */
  private reschedule(): void {
    this.generation++;
    if (this.active.length === 0) return;
    // per touched resource: its flows, how many are still unfrozen, and the capacity they leave
    const flowsOf = new Map<number, Flow[]>();
    for (const f of this.active) {
      f.rate = -1;
      for (const r of f.resources) {
        const list = flowsOf.get(r.id);
        if (list) list.push(f);
        else flowsOf.set(r.id, [f]);
      }
    }
    const ids = [...flowsOf.keys()].sort((a, b) => a - b);
    const open = new Map<number, number>(ids.map((id) => [id, flowsOf.get(id)!.length]));
    const left = new Map<number, number>(ids.map((id) => [id, this.resources[id].capacity]));
    while (open.size > 0) {
      let best = -1;
      let share = Infinity;
      for (const id of ids) {
        const n = open.get(id);
        if (n === undefined) continue;
        const sh = left.get(id)! / n;
        if (sh < share) {
          share = sh;
          best = id;
        }
      }
      for (const f of flowsOf.get(best)!) {
        if (f.rate >= 0) continue;
        f.rate = Math.max(share, 0);
        for (const r of f.resources) {
          left.set(r.id, left.get(r.id)! - f.rate);
          const n = open.get(r.id)! - 1;
          if (n === 0) open.delete(r.id);
          else open.set(r.id, n);
        }
      }
      open.delete(best);
    }
    let next = Infinity;
    for (const f of this.active) next = Math.min(next, f.remaining / f.rate);
    const delay = Math.max(1, Math.ceil(next * 1e12));
    this.sim.scheduleIn(delay, this, COMPLETE, { generation: this.generation }, EventPriority.COMPLETION);
  }
}

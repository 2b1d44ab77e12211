/**
 * The discrete-event kernel. Components schedule their own next event (a DRAM channel wakes at the
 * next cycle where a command can legally issue) instead of being ticked every cycle, so idle time
 * costs nothing. All state lives in the instance: a simulation is a pure function of its config and
 * can run in a worker thread.
 */
import { EventQueue } from './event-queue.js';
import { Stats } from './stats.js';
import { TraceRecorder } from './trace-recorder.js';
import { EventPriority, type EventHandler, type SimEvent, type TimePs } from './types.js';

export interface SimulatorOptions {
  /** Record Perfetto spans (off by default: the recorder costs memory per span). */
  trace?: boolean;
}

export class Simulator {
  /** Current time, ps. Only the run loop advances it. */
  now: TimePs = 0;
  readonly stats = new Stats();
  /** Null unless `{ trace: true }`; components test it before building span names. */
  readonly trace: TraceRecorder | null;
  /** Events handled so far (for speed reports). */
  eventsHandled = 0;
  private readonly queue = new EventQueue();
  private stopped = false;

  constructor(opts: SimulatorOptions = {}) {
    this.trace = opts.trace ? new TraceRecorder() : null;
    this.stats.provider('sim', () => ({ events: this.eventsHandled }));
  }

  /** Schedules `target.handleEvent` at absolute time `time` (never in the past). */
  schedule(time: TimePs, target: EventHandler, kind = 0, data: unknown = null, priority: number = EventPriority.DEFAULT): SimEvent {
    if (time < this.now) throw new Error(`Simulator.schedule: time ${time} ps is before now ${this.now} ps`);
    return this.queue.push(time, priority, target, kind, data);
  }

  scheduleIn(delay: TimePs, target: EventHandler, kind = 0, data: unknown = null, priority: number = EventPriority.DEFAULT): SimEvent {
    return this.schedule(this.now + delay, target, kind, data, priority);
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Makes `run` return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Pops events in (time, priority, seq) order until the queue is empty, `stop()` is called, or
   * the next event is later than `untilPs`. Returns the final time.
   */
  run(untilPs: TimePs = Infinity): TimePs {
    this.stopped = false;
    const q = this.queue;
    while (!this.stopped) {
      const next = q.peek();
      if (next === undefined || next.time > untilPs) break;
      q.pop();
      this.now = next.time;
      this.eventsHandled++;
      next.target.handleEvent(next);
    }
    return this.now;
  }
}

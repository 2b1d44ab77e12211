/**
 * Chrome/Perfetto trace export (the JSON "Trace Event Format"). Only complete ("X") events and
 * name metadata ("M") are produced; load the file in ui.perfetto.dev or chrome://tracing.
 * Timestamps in that format are microseconds; the kernel's picoseconds are divided by 1e6.
 */
import type { TimePs } from './types.js';

export interface TraceEvent {
  name: string;
  ph: 'X' | 'M';
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ns';
}

export class TraceRecorder {
  readonly events: TraceEvent[] = [];

  /** A span [startPs, startPs + durPs) on track (pid, tid). */
  complete(name: string, startPs: TimePs, durPs: TimePs, pid: number, tid: number, args?: Record<string, unknown>): void {
    const ev: TraceEvent = { name, ph: 'X', ts: startPs / 1e6, dur: durPs / 1e6, pid, tid };
    if (args) ev.args = args;
    this.events.push(ev);
  }

  /** Names a process (e.g. "HBM ch3") so the viewer shows labels instead of numbers. */
  processName(pid: number, name: string): void {
    this.events.push({ name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name } });
  }

  threadName(pid: number, tid: number, name: string): void {
    this.events.push({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
  }

  toJSON(): ChromeTrace {
    return { traceEvents: this.events, displayTimeUnit: 'ns' };
  }
}

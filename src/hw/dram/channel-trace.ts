/**
 * Perfetto export of DRAM commands: one process per channel, one track per bank (channel-wide
 * and rank-wide commands go to track −1), each command a 1-cycle span with its row. Installed only
 * when the Simulator records a trace, so the fast path pays one null check per command.
 */
import type { ClockDomain } from '../../sim/clock-domain.js';
import type { TraceRecorder } from '../../sim/trace-recorder.js';
import type { DramState } from './dram-state.js';

export function traceCommands(state: DramState, trace: TraceRecorder, pid: number, label: string, clock: ClockDomain): void {
  trace.processName(pid, label);
  const names = state.cmdNames;
  state.onIssue = (cmd, bank, row, cycle) => {
    const t = clock.toPs(cycle);
    trace.complete(names[cmd], t, clock.toPs(cycle + 1) - t, pid, state.scope[cmd] === 3 ? bank : -1, { row });
  };
}

/**
 * Contract: a second command source a channel controller serves before normal requests — the PIM
 * engine (`src/hw/pim/pim-engine.ts`). It is a DRAM-side interface so the controller never imports
 * PIM code; a plain HBM channel simply has no agent.
 */
import type { ClockDomain } from '../../sim/clock-domain.js';
import type { DramState } from './dram-state.js';
import type { RefreshManager } from './refresh-manager.js';

/** What an agent sees of its channel while polled and issuing (HbmChannel implements it). */
export interface AgentChannel {
  readonly index: number;
  readonly clock: ClockDomain;
  /** Bank and timing state: the agent issues through `state.apply`. */
  readonly state: DramState;
  /** Normal requests waiting (blocked mode starts PIM work only at 0). */
  readonly queued: number;
  /** The last scan saw a normal ACT blocked by a row open in the PIM buffer. */
  readonly blockedByPim: boolean;
  /** Refresh deadlines the agent must fit its work before. */
  readonly refresh: RefreshManager | null;
}

export interface ChannelAgent {
  /** Earliest cycle ≥ now it can issue its next command; Infinity if it has nothing it can do. */
  poll(ch: AgentChannel, now: number): number;
  /** Issues the command `poll` prepared; called only when `poll` returned ≤ now. */
  issue(ch: AgentChannel, now: number): void;
  /** Whether the controller may issue normal command `cmd` to (bank, row) now (row reservation, blocked mode, refresh slack). */
  allowsNormal(cmd: number, bank: number, row: number, now: number): boolean;
  /** True while a GEMV is in flight: refresh must wait for it to end. */
  busy(): boolean;
  /** True while it has queued or in-flight work (keeps the channel awake). */
  hasWork(): boolean;
}

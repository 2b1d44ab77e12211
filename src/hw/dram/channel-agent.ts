/**
 * Contract: a second command source a channel controller serves before normal requests — the PIM
 * engine (`src/hw/pim/pim-engine.ts`). It is a DRAM-side interface so the controller never imports
 * PIM code; a plain HBM channel simply has no agent.
 */
import type { HbmChannel } from './hbm-channel.js';

export interface ChannelAgent {
  /** Earliest cycle ≥ now it can issue its next command; Infinity if it has nothing it can do. */
  poll(ch: HbmChannel, now: number): number;
  /** Issues the command `poll` prepared; called only when `poll` returned ≤ now. */
  issue(ch: HbmChannel, now: number): void;
  /** Whether the controller may issue normal command `cmd` to (bank, row) now (row reservation, blocked mode, refresh slack). */
  allowsNormal(cmd: number, bank: number, row: number, now: number): boolean;
  /** True while a GEMV is in flight: refresh must wait for it to end. */
  busy(): boolean;
  /** True while it has queued or in-flight work (keeps the channel awake). */
  hasWork(): boolean;
}

/**
 * Contract: a RefreshManager owns refresh for one channel. The controller asks it first on every
 * wake-up; it may issue one command (PRE / PIM_PRE / REF) and may veto normal ACTs to a rank that
 * is waiting for refresh. Implementations live in `refresh/`.
 */
import type { DramState } from './dram-state.js';

/** What a refresh policy sees of its channel (HbmChannel implements it; tests may fake it). */
export interface RefreshChannel {
  /** Bank and timing state: refresh reads open rows and issues through `state.apply`. */
  readonly state: DramState;
  /** Command indices of PRE, REF and PIM_PRE (−1 without PIM commands) in `state`. */
  readonly cPRE: number;
  readonly cREF: number;
  readonly cPIMPRE: number;
  /** The second command source; a PIM row closes only while it has no GEMV in flight. */
  readonly agent: { busy(): boolean } | null;
}

export interface RefreshManager {
  readonly name: string;
  /** Earliest cycle ≥ now it needs to act (a due time or a command's ready time); Infinity if none. */
  poll(ch: RefreshChannel, now: number): number;
  /** Issues its pending command; called only when `poll` returned ≤ now. */
  issue(ch: RefreshChannel, now: number): void;
  /** False if an ACT to `rank` must wait because that rank is due for refresh. */
  allowsActivate(rank: number): boolean;
  /** True if some rank is due now (refresh keeps the channel awake even without requests). */
  pending(now: number): boolean;
  /** Cycle of the next refresh deadline of `rank` (PIM uses it to fit a GEMV before it). */
  nextDue(rank: number): number;
  /** The earliest of the ranks' next refresh deadlines. */
  earliestDue(): number;
  /** Accounts refreshes that fell into idle time before `now` (no wake-ups are spent on an idle channel). */
  catchUp(ch: RefreshChannel, now: number): void;
}

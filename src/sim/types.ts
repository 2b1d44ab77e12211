/**
 * Kernel contracts shared by every cycle-level model. `src/sim` imports nothing from
 * `hw`, `workload` or `systems`; models depend on these types, never the other way round.
 */
/** Simulated time in integer picoseconds (a JS number is exact up to 2^53 ps ≈ 104 days). */
export type TimePs = number;

/**
 * Something that receives events. Components implement this once and switch on `ev.kind`
 * instead of allocating a closure per scheduled event (the hot path of the DRAM model
 * schedules millions of events).
 */
export interface EventHandler {
  /** A handler that needs the kernel holds it (components get their Simulator at construction). */
  handleEvent(ev: SimEvent): void;
}

/** One scheduled event. Fields are public so handlers can read them without getters. */
export interface SimEvent {
  /** When it fires, ps. */
  time: TimePs;
  /** Tie-break among events at the same time: lower fires first (see EventPriority). */
  priority: number;
  /** Insertion sequence, assigned by the queue: the final tie-break, so order is deterministic. */
  seq: number;
  target: EventHandler;
  /** Handler-defined discriminator (e.g. WAKE vs COMPLETE). */
  kind: number;
  data: unknown;
}

/**
 * Conventional priorities. Completions fire before the wake-ups of the same instant so a
 * component woken at time t already sees everything that finished at t (vidur orders its
 * EventType enum for the same reason).
 */
export const EventPriority = {
  COMPLETION: 0,
  DEFAULT: 10,
  WAKE: 20,
  STATS: 30,
} as const;

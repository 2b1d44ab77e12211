/** A memory transaction (one 64 B burst) as the controller sees it. */

export type DoneCallback = (req: MemRequest, cycle: number) => void;

export interface MemRequest {
  /** Device-wide sequence number: FR-FCFS's "oldest first" compares it. */
  id: number;
  ch: number;
  /** Flat bank index inside the channel: (rank · bankGroups + bg) · banksPerGroup + bank. */
  bank: number;
  row: number;
  col: number;
  isWrite: boolean;
  /** DRAM cycle it entered the controller. */
  arriveCycle: number;
  /** Cycle of the RD/WR that served it, −1 until then. */
  issueCycle: number;
  /** Cycle its data burst completes, −1 until then. */
  doneCycle: number;
  /** Set when serving it needed an ACT (row miss) / a PRE (row conflict). */
  missed: boolean;
  conflicted: boolean;
  /** Called at the completion event (omit for fire-and-forget streams: no event is scheduled). */
  onDone: DoneCallback | undefined;
  /** Caller's payload (e.g. the NPU tile that waits for it). */
  tag: unknown;
  /** Told synchronously when the request is served (streams count completions without events). */
  sink?: RequestSink;
}

/**
 * A blank request. The device builds every request here (streams recycle theirs), so all share one
 * object shape and the controller's hot paths see a single hidden class.
 */
export function blankRequest(): MemRequest {
  return { id: 0, ch: 0, bank: 0, row: 0, col: 0, isWrite: false, arriveCycle: 0, issueCycle: -1, doneCycle: -1, missed: false, conflicted: false, onDone: undefined, tag: undefined, sink: undefined };
}

export interface RequestSink {
  /** Called when the RD/WR issues; `req` may be recycled after this returns. */
  served(req: MemRequest, doneCycle: number): void;
}

/** Coordinates of a transaction; `bank` here is the bank inside its group. */
export interface DramCoord {
  ch: number;
  rank: number;
  bg: number;
  bank: number;
  row: number;
  col: number;
}

export interface RequestInit {
  /** Byte address, decoded by the device's address mapper; or give `coord`. */
  addr?: number;
  coord?: DramCoord;
  isWrite?: boolean;
  onDone?: DoneCallback;
  tag?: unknown;
}

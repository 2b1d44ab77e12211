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

/**
 * A bulk transfer (an NPU MOVIN/MOVOUT of a whole tensor) fed to the device lazily: transactions
 * are generated in address order only while the channel they map to has fewer than `window`
 * requests queued, request objects are recycled, and completion is one event for the whole
 * stream. This keeps memory flat and avoids one callback event per 64 B for multi-MB tensors.
 */
import type { AddrMapper } from './address-mapper.js';
import type { DramOrg } from './dram-spec.js';
import { blankRequest, type MemRequest, type RequestSink } from './mem-request.js';

export interface StreamInit {
  /** First byte (rounded down to a transaction). */
  addr: number;
  bytes: number;
  isWrite?: boolean;
  /** Called (as a simulator event) at the cycle the last transaction's data completes. */
  onDone?: (cycle: number) => void;
}

export class MemStream implements RequestSink {
  readonly isWrite: boolean;
  /** Transactions in the stream. */
  readonly total: number;
  /** Transactions generated / served so far. */
  generated = 0;
  servedCount = 0;
  /** Cycle the last served transaction's data completes. */
  doneCycle = 0;
  private readonly firstTx: number;

  constructor(
    readonly init: StreamInit,
    private readonly org: DramOrg,
    private readonly pool: MemRequest[],
    private readonly finished: (s: MemStream) => void,
  ) {
    this.isWrite = init.isWrite === true;
    this.firstTx = Math.floor(init.addr / org.txBytes);
    const lastTx = Math.ceil((init.addr + init.bytes) / org.txBytes);
    this.total = Math.max(0, lastTx - this.firstTx);
  }

  get done(): boolean {
    return this.servedCount >= this.total;
  }

  /** Byte address of the next transaction to generate. */
  nextAddr(): number {
    return (this.firstTx + this.generated) * this.org.txBytes;
  }

  /** Builds (or recycles) the next request; the caller enqueues it. */
  next(id: number, mapper: AddrMapper): MemRequest {
    const c = mapper.apply(this.nextAddr());
    const o = this.org;
    const req = this.pool.pop() ?? blankRequest();
    req.id = id;
    req.ch = c.ch;
    req.bank = (c.rank * o.bankGroups + c.bg) * o.banksPerGroup + c.bank;
    req.row = c.row;
    req.col = c.col;
    req.isWrite = this.isWrite;
    req.arriveCycle = 0;
    req.issueCycle = -1;
    req.doneCycle = -1;
    req.missed = false;
    req.conflicted = false;
    req.sink = this;
    this.generated++;
    return req;
  }

  served(req: MemRequest, doneCycle: number): void {
    if (doneCycle > this.doneCycle) this.doneCycle = doneCycle;
    this.pool.push(req);
    if (++this.servedCount === this.total) this.finished(this);
  }
}

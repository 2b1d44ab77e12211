/**
 * One NPU core running an ordered program of GEMM and vector ops (spec §3). Ops run one after
 * another, as the reference's dataflow graph does within a stage: a GEMM issues the MOVIN of its
 * whole tile at once (activations, then weights in consumption order), each instruction waits for
 * its streaming block, and the output MOVOUT must drain before the next op starts.
 */
import type { EventHandler, SimEvent, Simulator } from '../../sim/index.js';
import { NPU_CLOCK } from '../../sim/index.js';
import type { NpuMemoryPort } from './memory-port.js';
import type { NpuConfig } from './npu-config.js';
import { Scratchpad, gemmTileBytes } from './scratchpad.js';
import { runGemm, tileCounts, type GemmShape } from './systolic-array.js';
import { VectorUnit, type VectorKernel } from './vector-unit.js';

export type NpuOp =
  | { kind: 'gemm'; name: string; shape: GemmShape; weightRow: number; actRow: number }
  | { kind: 'vector'; name: string; kernel: VectorKernel; rows: number; len: number }
  /** Stream `bytes` from HBM and consume them on the vector lanes (`macs` multiply-adds). */
  | { kind: 'stream'; name: string; bytes: number; row: number; macs: number };

export interface OpSpan {
  name: string;
  startCycle: number;
  endCycle: number;
}

const EV_OP_END = 1;
const EV_COMPUTE_END = 2;

export class NpuCore implements EventHandler {
  readonly vector: VectorUnit;
  readonly spad: Scratchpad;
  /** Cycles the systolic arrays issued instructions (utilization numerator, spec §10). */
  saBusyCycles = 0;
  saStallCycles = 0;
  macs = 0;
  readonly spans: OpSpan[] = [];
  private program: NpuOp[] = [];
  private pc = 0;
  private opStart = 0;
  private onDone: (() => void) | null = null;

  constructor(
    private readonly sim: Simulator,
    readonly cfg: NpuConfig,
    private readonly mem: NpuMemoryPort,
    private readonly tracePid = 0,
  ) {
    this.vector = new VectorUnit(cfg);
    this.spad = new Scratchpad(cfg);
  }

  get nowCycle(): number {
    return NPU_CLOCK.cycleAtOrAfter(this.sim.now);
  }

  /** Start `ops` now; `onDone` fires when the last op's output is stored. */
  run(ops: NpuOp[], onDone: () => void): void {
    this.program = ops;
    this.pc = 0;
    this.onDone = onDone;
    this.startOp();
  }

  private startOp(): void {
    if (this.pc >= this.program.length) {
      const cb = this.onDone;
      this.onDone = null;
      cb?.();
      return;
    }
    const op = this.program[this.pc];
    this.opStart = this.nowCycle;
    if (op.kind === 'vector') {
      const end = this.vector.issueRows(op.kernel, op.rows, op.len, this.opStart);
      this.sim.schedule(NPU_CLOCK.toPs(end), this, EV_OP_END);
      return;
    }
    if (op.kind === 'stream') return this.startStream(op);
    this.startGemm(op);
  }

  /** Streaming op: done when the last byte arrived and the lanes finished (they overlap). */
  private startStream(op: Extract<NpuOp, { kind: 'stream' }>): void {
    const lanes = this.cfg.vectorUnits * this.cfg.vectorLanes;
    const computeEnd = this.opStart + Math.ceil(op.macs / lanes) * this.cfg.vectorLatency.mul;
    this.vector.busyCycles += (computeEnd - this.opStart) * this.cfg.vectorUnits;
    this.mem.transfer(op.row * this.mem.rowBytes, op.bytes, false, () => {
      this.sim.schedule(NPU_CLOCK.toPs(Math.max(computeEnd, this.nowCycle)), this, EV_OP_END);
    });
  }

  private startGemm(op: Extract<NpuOp, { kind: 'gemm' }>): void {
    const c = this.cfg;
    const s = op.shape;
    const tile = gemmTileBytes(s, c);
    this.spad.allocate(tile, op.name);
    const actBytes = s.m * s.k * c.precisionBytes;
    const wBytes = s.k * s.n * c.precisionBytes;
    const { nt } = tileCounts(s, c);
    const blockBytes = c.saHeight * c.saWidth * c.precisionBytes;
    // Weight blocks are stored in consumption order (k-slab major) and fetched as one transfer
    // each, so block b's readiness is its own transfer's completion.
    const blocks = Math.ceil(wBytes / blockBytes);
    const ready = new Float64Array(blocks);
    let actDone = this.opStart;
    let pending = 1 + blocks;
    const finish = (): void => {
      const t = runGemm(s, c, this.opStart, (kt, n) => Math.max(actDone, ready[Math.min(blocks - 1, kt * nt + n)]));
      this.saBusyCycles += t.busyCycles;
      this.saStallCycles += t.stallCycles;
      this.macs += t.macs;
      this.spad.release(tile);
      this.sim.schedule(NPU_CLOCK.toPs(Math.max(t.end, this.nowCycle)), this, EV_COMPUTE_END, op);
    };
    const R = this.mem.rowBytes;
    // The whole tile's MOVIN is issued at once (§3): activations first, then the weight blocks.
    this.mem.transfer(op.actRow * R, actBytes, false, () => {
      actDone = this.nowCycle;
      if (--pending === 0) finish();
    });
    for (let b = 0; b < blocks; b++) {
      const bytes = Math.min(blockBytes, wBytes - b * blockBytes);
      this.mem.transfer(op.weightRow * R + b * blockBytes, bytes, false, () => {
        ready[b] = this.nowCycle;
        if (--pending === 0) finish();
      });
    }
  }

  /** MOVOUT of the GEMM output; the op ends when its last transaction completed. */
  private storeOutput(op: Extract<NpuOp, { kind: 'gemm' }>): void {
    const bytes = op.shape.m * op.shape.n * this.cfg.precisionBytes;
    this.mem.transfer(op.actRow * this.mem.rowBytes, bytes, true, () => this.endOp());
  }

  private endOp(): void {
    const op = this.program[this.pc];
    const end = this.nowCycle;
    this.spans.push({ name: op.name, startCycle: this.opStart, endCycle: end });
    this.sim.trace?.complete(op.name, NPU_CLOCK.toPs(this.opStart), NPU_CLOCK.toPs(end - this.opStart), this.tracePid, op.kind === 'gemm' ? 0 : 1);
    this.pc++;
    this.startOp();
  }

  handleEvent(ev: SimEvent): void {
    if (ev.kind === EV_COMPUTE_END) this.storeOutput(ev.data as Extract<NpuOp, { kind: 'gemm' }>);
    else if (ev.kind === EV_OP_END) this.endOp();
  }
}

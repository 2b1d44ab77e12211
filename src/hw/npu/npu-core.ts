/**
 * One NPU core running an ordered program of GEMM and vector ops (spec §3). Ops run one after
 * another, as the reference's dataflow graph does within a stage: a GEMM issues the MOVIN of its
 * whole tile at once (activations, then weights in consumption order), each instruction waits for
 * its streaming block, and the output MOVOUT must drain before the next op starts.
 */
import type { EventHandler, SimEvent, Simulator } from '../../sim/index.js';
import { NPU_CLOCK } from '../../sim/index.js';
import { CHUNK_BYTES, DmaStream } from './dma.js';
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

  /** Streaming op: done when the last chunk arrived and the lanes finished (they overlap). */
  private startStream(op: Extract<NpuOp, { kind: 'stream' }>): void {
    const C = this.mem.channels;
    const s = new DmaStream(op.bytes, C);
    const lanes = this.cfg.vectorUnits * this.cfg.vectorLanes;
    const computeEnd = this.opStart + Math.ceil(op.macs / lanes) * this.cfg.vectorLatency.mul;
    this.vector.busyCycles += computeEnd - this.opStart;
    let pending = 0;
    for (let ch = 0; ch < C; ch++) if (s.chunksOn(ch) > 0) pending++;
    const done = (): void => {
      this.sim.schedule(NPU_CLOCK.toPs(Math.max(computeEnd, this.nowCycle)), this, EV_OP_END);
    };
    if (pending === 0) return done();
    for (let ch = 0; ch < C; ch++) {
      const n = s.chunksOn(ch);
      if (n === 0) continue;
      let left = n;
      this.mem.read(ch, n, op.row, () => --left === 0 && --pending === 0 && done());
    }
  }

  private startGemm(op: Extract<NpuOp, { kind: 'gemm' }>): void {
    const c = this.cfg;
    const s = op.shape;
    const tile = gemmTileBytes(s, c);
    this.spad.allocate(tile, op.name);
    const actBytes = s.m * s.k * c.precisionBytes;
    const wBytes = s.k * s.n * c.precisionBytes;
    const C = this.mem.channels;
    const act = new DmaStream(actBytes, C);
    const w = new DmaStream(wBytes, C);
    const actReady = new Float64Array(act.chunks);
    const wReady = new Float64Array(w.chunks);
    let pending = act.chunks + w.chunks;
    const finish = (): void => {
      let actDone = this.opStart;
      for (const t of actReady) actDone = Math.max(actDone, t);
      const { nt } = tileCounts(s, c);
      const blockBytes = c.saHeight * c.saWidth * c.precisionBytes;
      // Blocks are stored in consumption order (k-slab major), so block b is bytes [b·32K, (b+1)·32K).
      const ready = (kt: number, n: number): number => {
        const b = kt * nt + n;
        const lo = Math.floor((b * blockBytes) / CHUNK_BYTES);
        const hi = Math.min(w.chunks, Math.ceil(((b + 1) * blockBytes) / CHUNK_BYTES));
        let r = actDone;
        for (let i = lo; i < hi; i++) if (wReady[i] > r) r = wReady[i];
        return r;
      };
      const t = runGemm(s, c, this.opStart, ready);
      this.saBusyCycles += t.busyCycles;
      this.saStallCycles += t.stallCycles;
      this.macs += t.macs;
      this.spad.release(tile);
      this.sim.schedule(NPU_CLOCK.toPs(Math.max(t.end, this.nowCycle)), this, EV_COMPUTE_END, op);
    };
    const issue = (stream: DmaStream, ready: Float64Array, baseRow: number): void => {
      for (let ch = 0; ch < C; ch++) {
        const n = stream.chunksOn(ch);
        if (n === 0) continue;
        this.mem.read(ch, n, baseRow, (j) => {
          ready[j * C + ch] = this.nowCycle;
          if (--pending === 0) finish();
        });
      }
    };
    issue(act, actReady, op.actRow);
    issue(w, wReady, op.weightRow);
    if (pending === 0) finish();
  }

  /** MOVOUT of the GEMM output; the op ends when every channel accepted its share. */
  private storeOutput(op: Extract<NpuOp, { kind: 'gemm' }>): void {
    const out = new DmaStream(op.shape.m * op.shape.n * this.cfg.precisionBytes, this.mem.channels);
    let pending = 0;
    for (let ch = 0; ch < this.mem.channels; ch++) if (out.chunksOn(ch) > 0) pending++;
    if (pending === 0) return this.endOp();
    for (let ch = 0; ch < this.mem.channels; ch++) {
      const n = out.chunksOn(ch);
      if (n > 0) this.mem.write(ch, n, op.actRow, () => --pending === 0 && this.endOp());
    }
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

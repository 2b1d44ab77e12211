/**
 * One NPU core running an ordered program of GEMM and vector ops (spec §3). Ops run one after
 * another, as the reference's dataflow graph does within a stage: a GEMM issues the MOVIN of its
 * whole tile at once (the first token tile's activations, the weights one k-slab per transfer, then
 * the other token tiles), each instruction waits for its token tile and the slab its block lives in,
 * and the output MOVOUT must drain before the next op starts.
 */
import type { ClockDomain, EventHandler, SimEvent, Simulator } from '../../sim/index.js';
import type { NpuMemoryPort } from './memory-port.js';
import { npuClock, type NpuConfig } from './npu-config.js';
import { Scratchpad, gemmTileBytes } from './scratchpad.js';
import { runGemm, tileCounts, type GemmShape } from './systolic-array.js';
import { rowCycles, VectorUnit, type VectorKernel } from './vector-unit.js';

export type NpuOp =
  | { kind: 'gemm'; name: string; shape: GemmShape; weightRow: number; actRow: number; weightOffset?: number }
  /** Row-wise vector op; with `actRow` its inputs stream in from HBM and its output goes back (MOVIN/MOVOUT). */
  | { kind: 'vector'; name: string; kernel: VectorKernel; rows: number; len: number; actRow?: number }
  /** Stream `bytes` from HBM and consume them on the vector lanes (`macs` multiply-adds). */
  | { kind: 'stream'; name: string; bytes: number; row: number; macs: number };

export interface OpSpan {
  name: string;
  startCycle: number;
  endCycle: number;
}

const EV_OP_END = 1;
const EV_COMPUTE_END = 2;
const EV_VECTOR_STORE = 3;

/** Input rows a vector kernel reads per output row (residual add: both operands; SwiGLU: gate and up). */
const VECTOR_INPUTS: Record<VectorKernel, number> = { layerNorm: 1, rmsNorm: 1, softmax: 1, add: 2, gelu: 1, siluMul: 2 };
/** Parameter rows a vector kernel loads once (LayerNorm γ and β, RMSNorm γ). */
const VECTOR_PARAMS: Record<VectorKernel, number> = { layerNorm: 2, rmsNorm: 1, softmax: 0, add: 0, gelu: 0, siluMul: 0 };

export class NpuCore implements EventHandler {
  readonly vector: VectorUnit;
  readonly spad: Scratchpad;
  /** Cycles the systolic arrays issued instructions (utilization numerator, spec §10). */
  saBusyCycles = 0;
  saStallCycles = 0;
  macs = 0;
  readonly spans: OpSpan[] = [];
  /** The core's clock, from `cfg.freqHz`: every cycle count here is one of its cycles. */
  readonly clock: ClockDomain;
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
    this.clock = npuClock(cfg);
    sim.stats.provider(`npu${tracePid === 0 ? '' : tracePid}`, () => ({
      saBusyCycles: this.saBusyCycles,
      saStallCycles: this.saStallCycles,
      macs: this.macs,
      vectorBusyCycles: this.vector.busyCycles,
    }));
  }

  get nowCycle(): number {
    return this.clock.cycleAtOrAfter(this.sim.now);
  }

  /** Start `ops` now; `onDone` fires when the last op's output is stored. */
  run(ops: NpuOp[], onDone: () => void): void {
    this.program = ops.flatMap((op) => (op.kind === 'gemm' ? this.splitToFit(op) : [op]));
    this.pc = 0;
    this.onDone = onDone;
    this.startOp();
  }

  /**
   * A GEMM whose tile exceeds the usable scratchpad (GPT3-30B/175B; §2 sizes the SRAM so that
   * GPT3-7B's GEMMs fit whole) runs as column slices of the weights, each a full tile that
   * reloads the activations — the fewest slices that fit.
   */
  private splitToFit(op: Extract<NpuOp, { kind: 'gemm' }>): NpuOp[] {
    const c = this.cfg;
    const s = op.shape;
    if (gemmTileBytes(s, c) <= this.spad.capacity) return [op];
    const nTiles = Math.ceil(s.n / c.saWidth);
    for (let parts = 2; parts <= nTiles; parts++) {
      const n = Math.ceil(nTiles / parts) * c.saWidth;
      if (gemmTileBytes({ ...s, n }, c) > this.spad.capacity) continue;
      const out: NpuOp[] = [];
      for (let i = 0, col = 0; col < s.n; i++, col += n) {
        const w = Math.min(n, s.n - col);
        out.push({ ...op, name: `${op.name}[${i}]`, shape: { ...s, n: w }, weightOffset: (op.weightOffset ?? 0) + col * s.k * c.precisionBytes });
      }
      return out;
    }
    return [op]; // even one column slice is too big: allocate() reports it
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
      if (op.actRow !== undefined) return this.startVectorWithMemory(op, op.actRow);
      const end = this.vector.issueRows(op.kernel, op.rows, op.len, this.opStart);
      this.sim.schedule(this.clock.toPs(end), this, EV_OP_END);
      return;
    }
    if (op.kind === 'stream') return this.startStream(op);
    this.startGemm(op);
  }

  /**
   * A vector op as the reference runs it (LayerNorm.cc, Add.cc: one tile): every input row's MOVIN
   * issues at once, each row computes once its data is in, and each row's MOVOUT follows its
   * compute. The output stream starts one row behind the input (first row's load + compute) and
   * shares the channels with the input stream; the op ends when the last output byte is written.
   */
  private startVectorWithMemory(op: Extract<NpuOp, { kind: 'vector' }>, actRow: number): void {
    const pb = this.cfg.precisionBytes;
    const inBytes = (op.rows * VECTOR_INPUTS[op.kernel] + VECTOR_PARAMS[op.kernel]) * op.len * pb;
    const outBytes = op.rows * op.len * pb;
    const start = this.opStart;
    const R = this.mem.rowBytes;
    let computeEnd = -1;
    let storeEnd = -1;
    const finish = (): void => {
      if (computeEnd < 0 || storeEnd < 0) return;
      this.sim.schedule(this.clock.toPs(Math.max(computeEnd + 1, storeEnd, this.nowCycle)), this, EV_OP_END);
    };
    this.mem.transfer(actRow * R, inBytes, false, () => {
      computeEnd = this.vector.issueFed(op.kernel, op.rows, op.len, start, this.nowCycle);
      finish();
    });
    // one row's input at the peak bus rate plus its compute latency
    const firstRow = Math.ceil((VECTOR_INPUTS[op.kernel] * op.len * pb) / this.mem.peakBytesPerCycle) + rowCycles(op.kernel, op.len, this.cfg);
    this.sim.schedule(this.clock.toPs(start + firstRow), this, EV_VECTOR_STORE, {
      addr: (actRow + 1) * R,
      bytes: outBytes,
      done: () => {
        storeEnd = this.nowCycle;
        finish();
      },
    });
  }

  /** Streaming op: done when the last byte arrived and the lanes finished (they overlap). */
  private startStream(op: Extract<NpuOp, { kind: 'stream' }>): void {
    const lanes = this.cfg.vectorUnits * this.cfg.vectorLanes;
    const computeEnd = this.opStart + Math.ceil(op.macs / lanes) * this.cfg.vectorLatency.mul;
    this.vector.busyCycles += (computeEnd - this.opStart) * this.cfg.vectorUnits;
    this.mem.transfer(op.row * this.mem.rowBytes, op.bytes, false, () => {
      this.sim.schedule(this.clock.toPs(Math.max(computeEnd, this.nowCycle)), this, EV_OP_END);
    });
  }

  private startGemm(op: Extract<NpuOp, { kind: 'gemm' }>): void {
    const c = this.cfg;
    const s = op.shape;
    const tile = gemmTileBytes(s, c);
    this.spad.allocate(tile, op.name);
    const pb = c.precisionBytes;
    const wBytes = s.k * s.n * pb;
    const { mt, kt } = tileCounts(s, c);
    // Weights are stored k-slab major (slab k = the nt streaming blocks of k-tile k), activations
    // token-major, so a token tile's rows and a k-slab are each one contiguous transfer.
    const slabBytes = c.saHeight * s.n * pb;
    const tokenTileBytes = c.saWidth * s.k * pb;
    const slabReady = new Float64Array(kt);
    const actReady = new Float64Array(mt);
    let pending = mt + kt;
    const finish = (): void => {
      const t = runGemm(s, c, this.opStart, (m, k) => Math.max(actReady[m], slabReady[k]));
      this.saBusyCycles += t.busyCycles;
      this.saStallCycles += t.stallCycles;
      this.macs += t.macs;
      this.spad.release(tile);
      this.sim.schedule(this.clock.toPs(Math.max(t.end, this.nowCycle)), this, EV_COMPUTE_END, op);
    };
    const R = this.mem.rowBytes;
    const loadTokens = (m: number): void => {
      const bytes = Math.min(tokenTileBytes, s.m * s.k * pb - m * tokenTileBytes);
      this.mem.transfer(op.actRow * R + m * tokenTileBytes, bytes, false, () => {
        actReady[m] = this.nowCycle;
        if (--pending === 0) finish();
      });
    };
    // The whole tile's MOVIN is issued at once (§3), in the reference's instruction order: the
    // first token tile's activations with the weight slabs, the later token tiles' activations
    // after all weights (their MOVINs belong to later passes of the token loop).
    loadTokens(0);
    for (let k = 0; k < kt; k++) {
      const bytes = Math.min(slabBytes, wBytes - k * slabBytes);
      this.mem.transfer(op.weightRow * R + (op.weightOffset ?? 0) + k * slabBytes, bytes, false, () => {
        slabReady[k] = this.nowCycle;
        if (--pending === 0) finish();
      });
    }
    for (let m = 1; m < mt; m++) loadTokens(m);
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
    const t0 = this.clock.toPs(this.opStart);
    this.sim.trace?.complete(op.name, t0, this.clock.toPs(end) - t0, this.tracePid, op.kind === 'gemm' ? 0 : 1);
    this.pc++;
    this.startOp();
  }

  handleEvent(ev: SimEvent): void {
    if (ev.kind === EV_COMPUTE_END) this.storeOutput(ev.data as Extract<NpuOp, { kind: 'gemm' }>);
    else if (ev.kind === EV_OP_END) this.endOp();
    else if (ev.kind === EV_VECTOR_STORE) {
      const st = ev.data as { addr: number; bytes: number; done: () => void };
      this.mem.transfer(st.addr, st.bytes, true, st.done);
    }
  }
}

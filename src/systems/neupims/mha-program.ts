/**
 * The PIM side of one stage: multi-head attention of one sub-batch (spec §6, reference
 * `StageProgram::init_PIM_program`). Two ops with a dependency, as in the reference dataflow graph:
 * LogitSoftmax (Q·Kᵀ on PIM, softmax of each head on the NPU vector units, logits stored to HBM)
 * must finish for EVERY request before Attend (logits·V on PIM, chunk partial sums added on the
 * NPU) starts — a device-wide barrier between the two GEMV phases.
 */
import type { ClockDomain, Simulator } from '../../sim/index.js';
import type { VectorUnit } from '../../hw/npu/vector-unit.js';
import { qkJob, svJob, svPartialSumRows } from './gemv-decompose.js';
import type { KvShape, PimGeometry, RequestRows } from './kv-layout.js';
import type { PimChannelModel } from './pim-channel-model.js';
import type { PimJob } from './pim-ops.js';
import { ACT_ROW } from './npu-programs.js';

export interface MhaRequest {
  id: number;
  seqLen: number;
  channel: number;
  rows: RequestRows;
}

export interface MhaPhaseTimes {
  start: number;
  qkDone: number;
  end: number;
}

/** Row region the NPU writes logits and attention outputs to (top rows, apart from KV and weights). */
const LOGIT_ROW = ACT_ROW + 128;

export class MhaProgram {
  constructor(
    private readonly sim: Simulator,
    private readonly channels: PimChannelModel[],
    private readonly vector: VectorUnit,
    private readonly shape: KvShape,
    private readonly geo: PimGeometry,
    private readonly precisionBytes: number,
    /** The NPU's clock (NpuCore.clock): MHA phase times are NPU cycles. */
    private readonly clock: ClockDomain,
  ) {}

  /** Run the MHA of `reqs` starting now; `onDone(times)` when the last output is stored. */
  run(reqs: readonly MhaRequest[], onDone: (t: MhaPhaseTimes) => void): void {
    const start = this.now();
    if (reqs.length === 0) return onDone({ start, qkDone: start, end: start });
    const s = this.shape;
    let pending = reqs.length;
    let qkDone = start;
    const span = (name: string, from: number, to: number): void =>
      this.sim.trace?.complete(name, this.clock.toPs(from), this.clock.toPs(to) - this.clock.toPs(from), 1, 0, { requests: reqs.length });
    const afterQk = (): void => {
      qkDone = this.now();
      span('MHA q·Kᵀ + softmax', start, qkDone);
      let left = reqs.length;
      for (const r of reqs) {
        const job = svJob(r.id, r.channel, r.seqLen, r.rows, s, this.geo);
        this.submit(job, () => {
          const rows = svPartialSumRows(r.seqLen, s, this.geo);
          const end = rows > 0 ? this.vector.issueRows('add', rows, this.geo.banksPerChannel * Math.ceil(s.headDim / this.geo.banksPerChannel), this.now(), 'pim') : this.now();
          const outChunks = Math.ceil((s.headsTp * s.headDim * this.precisionBytes) / this.geo.pageBytes);
          this.at(end, () =>
            this.channels[r.channel].write(outChunks, LOGIT_ROW, () => {
              if (--left > 0) return;
              span('MHA logits·V', qkDone, this.now());
              onDone({ start, qkDone, end: this.now() });
            }),
          );
        });
      }
    };
    for (const r of reqs) {
      const job = qkJob(r.id, r.channel, r.seqLen, r.rows, s, this.geo);
      this.submit(job, () => {
        // one softmax row per head over the request's context (§3 Softmax formula)
        const end = this.vector.issueRows('softmax', s.headsTp, r.seqLen, this.now(), 'pim');
        const logitChunks = Math.ceil((s.headsTp * r.seqLen * this.precisionBytes) / this.geo.pageBytes);
        this.at(end, () => this.channels[r.channel].write(logitChunks, LOGIT_ROW, () => --pending === 0 && afterQk()));
      });
    }
  }

  private submit(job: PimJob, done: () => void): void {
    this.channels[job.channel].pim(job.ops, done);
  }

  private now(): number {
    return this.clock.cycleAtOrAfter(this.sim.now);
  }

  /** Run `fn` at NPU cycle `cycle` (now if already past). */
  private at(cycle: number, fn: () => void): void {
    const t = this.clock.toPs(cycle);
    if (t <= this.sim.now) return fn();
    this.sim.schedule(t, { handleEvent: () => fn() });
  }
}

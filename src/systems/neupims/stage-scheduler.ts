/**
 * Stage-by-stage execution of decoder layers (spec §6). Each stage runs an NPU program and a PIM
 * program side by side and ends when both finish (a barrier).
 *
 * With sub-batch interleaving (SB1/SB2 = halves of every channel's requests):
 *   A: QKV SB1 | –        B: QKV SB2 | MHA SB1
 *   C: ProjFFN SB1 + QKV SB1 (next layer) | MHA SB2
 *   D: ProjFFN SB2 + QKV SB2 (next layer) | MHA SB1
 *   E: ProjFFN SB1 | MHA SB2               F: ProjFFN SB2 | –
 * N layers = A, B, (C, D)×(N−1), E, F. Without interleaving each layer is A (QKV all) → B (MHA all)
 * → E (ProjFFN all).
 */
import type { Simulator } from '../../sim/index.js';
import type { NpuCore, NpuOp } from '../../hw/npu/npu-core.js';
import type { MhaProgram, MhaRequest } from './mha-program.js';
import type { NeupimsModel } from './model-shapes.js';
import { DEFAULT_ROW_BYTES, npuAttentionOps, projFfnOps, qkvGenOps } from './npu-programs.js';

export type StageName = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export interface StagePlan {
  name: StageName;
  /** Decoder layer the stage belongs to (C/D straddle layers: the MHA's layer). */
  layer: number;
  npu: NpuOp[];
  /** Requests whose attention the PIM runs this stage. */
  pim: readonly MhaRequest[];
}

export interface StageRecord {
  name: StageName;
  layer: number;
  start: number;
  end: number;
  npuEnd: number;
  pimEnd: number;
}

/** Split each channel's requests into two halves in list order (odd counts alternate, §6). */
export function splitSubBatches(reqs: readonly MhaRequest[], channels: number): [MhaRequest[], MhaRequest[]] {
  const byCh: MhaRequest[][] = Array.from({ length: channels }, () => []);
  for (const r of reqs) byCh[r.channel].push(r);
  const sb1: MhaRequest[] = [];
  const sb2: MhaRequest[] = [];
  let odd = 0;
  for (const list of byCh) {
    let half = Math.floor(list.length / 2);
    if (list.length % 2 === 1) half += odd++ % 2 === 0 ? 1 : 0;
    sb1.push(...list.slice(0, half));
    sb2.push(...list.slice(half));
  }
  // keep trace order inside each sub-batch so the PIM queues see requests as the reference does
  sb1.sort((a, b) => a.id - b.id);
  sb2.sort((a, b) => a.id - b.id);
  return [sb1, sb2];
}

/** `rowBytes`: the memory's row index size (NpuMemoryPort.rowBytes), where each op's weights start. */
export function interleavedPlan(m: NeupimsModel, reqs: readonly MhaRequest[], layers: number, channels: number, rowBytes = DEFAULT_ROW_BYTES): StagePlan[] {
  const [sb1, sb2] = splitSubBatches(reqs, channels);
  const n1 = sb1.length;
  const n2 = sb2.length;
  const plan: StagePlan[] = [
    { name: 'A', layer: 0, npu: qkvGenOps(m, n1, 0, rowBytes), pim: [] },
    { name: 'B', layer: 0, npu: qkvGenOps(m, n2, 0, rowBytes), pim: sb1 },
  ];
  for (let l = 1; l < layers; l++) {
    plan.push({ name: 'C', layer: l - 1, npu: [...projFfnOps(m, n1, l - 1, rowBytes), ...qkvGenOps(m, n1, l, rowBytes)], pim: sb2 });
    plan.push({ name: 'D', layer: l, npu: [...projFfnOps(m, n2, l - 1, rowBytes), ...qkvGenOps(m, n2, l, rowBytes)], pim: sb1 });
  }
  plan.push({ name: 'E', layer: layers - 1, npu: projFfnOps(m, n1, layers - 1, rowBytes), pim: sb2 });
  plan.push({ name: 'F', layer: layers - 1, npu: projFfnOps(m, n2, layers - 1, rowBytes), pim: [] });
  return plan;
}

export function sequentialPlan(m: NeupimsModel, reqs: readonly MhaRequest[], layers: number, rowBytes = DEFAULT_ROW_BYTES): StagePlan[] {
  const plan: StagePlan[] = [];
  for (let l = 0; l < layers; l++) {
    plan.push({ name: 'A', layer: l, npu: qkvGenOps(m, reqs.length, l, rowBytes), pim: [] });
    plan.push({ name: 'B', layer: l, npu: [], pim: reqs });
    plan.push({ name: 'E', layer: l, npu: projFfnOps(m, reqs.length, l, rowBytes), pim: [] });
  }
  return plan;
}

/** NPU-only: attention is an NPU op (KV streamed from plain HBM), stages keep the A/B/E names. */
export function npuOnlyPlan(m: NeupimsModel, reqs: readonly MhaRequest[], layers: number, rowBytes = DEFAULT_ROW_BYTES): StagePlan[] {
  const attn = npuAttentionOps(
    m,
    reqs.map((r) => r.seqLen),
  );
  const plan: StagePlan[] = [];
  for (let l = 0; l < layers; l++) {
    plan.push({ name: 'A', layer: l, npu: qkvGenOps(m, reqs.length, l, rowBytes), pim: [] });
    plan.push({ name: 'B', layer: l, npu: attn, pim: [] });
    plan.push({ name: 'E', layer: l, npu: projFfnOps(m, reqs.length, l, rowBytes), pim: [] });
  }
  return plan;
}

/** Runs the plan on the kernel; resolves the per-stage records once the last stage ends. */
export function runPlan(sim: Simulator, npu: NpuCore, mha: MhaProgram | null, plan: readonly StagePlan[]): StageRecord[] {
  const records: StageRecord[] = [];
  const clk = npu.clock; // stage times are NPU cycles
  const cyc = (): number => clk.cycleAtOrAfter(sim.now);
  let i = 0;
  const startStage = (): void => {
    if (i >= plan.length) return;
    const st = plan[i];
    const start = cyc();
    let npuEnd = start;
    let pimEnd = start;
    let left = 2;
    const finish = (): void => {
      if (--left > 0) return;
      const end = cyc();
      records.push({ name: st.name, layer: st.layer, start, end, npuEnd, pimEnd });
      sim.trace?.complete(`stage ${st.name} (layer ${st.layer})`, clk.toPs(start), clk.toPs(end) - clk.toPs(start), 0, 9);
      i++;
      startStage();
    };
    npu.run(st.npu, () => {
      npuEnd = cyc();
      finish();
    });
    if (st.pim.length > 0 && mha) {
      mha.run(st.pim, (t) => {
        pimEnd = t.end;
        finish();
      });
    } else finish();
  };
  startStage();
  sim.run();
  if (records.length !== plan.length) throw new Error(`stage scheduler stalled after ${records.length}/${plan.length} stages`);
  return records;
}

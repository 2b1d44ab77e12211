/**
 * Per-micro-batch compute time of a pipeline stage, from the roofline analyzer used as a library:
 * each forward operator of a decoder block (prefill shape: micro-batch × sequence tokens) is
 * evaluated in `ideal` or `calibrated` mode, a matmul never faster than `mfu_cap` of the tensor
 * peak; backward costs twice the forward (dgrad + wgrad) plus what recompute re-runs; TP
 * all-reduces (or sequence-parallel reduce-scatter + all-gather, the same bytes) run over the
 * node's NVLink or PCIe, once in forward and once in backward.
 */
import { HetsimError } from '../../errors.js';
import type { DeviceSpec } from '../../hw/device.js';
import { PCIE_GEN4_BPS, PCIE_LATENCY_S, type IntraKind } from '../../hw/net/transport.js';
import type { OpCost } from '../../workload/kernels.js';
import type { ModelSpec } from '../../workload/model.js';
import { blockForwardOps, blockParams, embeddingParams, headOps, recomputedOps, type TrainingShape } from '../../workload/training-pass.js';
import { makeEvaluator } from '../roofline/evaluate.js';
import { matmulPeak } from '../roofline/peaks.js';
import type { ScenarioFile } from './scenario.js';

export interface PassTimes {
  fwd_s: number;
  bwd_s: number;
  /** FLOPs one TP rank executes (forward + backward + recompute). */
  flops: number;
}

export interface ComputeModel {
  layer: PassTimes;
  first: PassTimes;
  last: PassTimes;
  /** Seconds per parameter of one GPU's optimizer shard (Adam, memory-bound). */
  optimizerSPerParam: number;
}

const BITS = { w: 16, a: 16, kv: 16 };
/** Adam on fp32 master weights: read + write master, m, v (24 B), read the fp32 gradient (4 B), write the fp16 weight (2 B). */
const ADAM_BYTES_PER_PARAM = 30;

export function computeModel(m: ModelSpec, dev: DeviceSpec, s: ScenarioFile, intra: IntraKind): ComputeModel {
  const tp = s.parallelism.tp;
  const link = intra === 'pcie' ? { bandwidth: PCIE_GEN4_BPS, latency: PCIE_LATENCY_S } : dev.interconnect;
  const device: DeviceSpec = { ...dev, interconnect: link ?? { bandwidth: PCIE_GEN4_BPS, latency: PCIE_LATENCY_S } };
  let ev;
  try {
    ev = makeEvaluator(device, BITS, tp, s.compute.mode);
  } catch (e) {
    if (e instanceof HetsimError) throw new HetsimError(e.code, e.detail, 'compute.mode');
    throw e;
  }
  const peak = matmulPeak(device, BITS).opsPerS;
  const cap = s.compute.mfu_cap;
  // The A100 calibration has no measured prefill-attention kernels: a FlashAttention forward is
  // evaluated with the fitted GEMM class (its matmuls run on the same tensor cores) instead of the datasheet peak.
  const asGemm = s.compute.mode === 'calibrated';
  const time = (o: OpCost): number => {
    const t = ev.row(asGemm && o.cls === 'attention_prefill' ? { ...o, cls: 'gemm' } : o, 'prefill').time_s;
    return o.matmul ? Math.max(t, o.ops / (cap * peak)) : t;
  };
  const shape: TrainingShape = { microBatch: s.training.micro_batch, seq: s.training.seq, tp, flash: s.compute.flash };
  const pass = (ops: OpCost[], recompute: OpCost[]): PassTimes => {
    let fwd = 0;
    let bwd = 0;
    let flops = 0;
    for (const o of ops) {
      const t = time(o);
      fwd += t;
      // a TP all-reduce has one mirror in backward; every other op costs twice its forward
      bwd += o.cls === 'allreduce' ? t : 2 * t;
      flops += 3 * o.ops;
    }
    for (const o of recompute) {
      bwd += time(o);
      flops += o.ops;
    }
    return { fwd_s: fwd, bwd_s: bwd, flops };
  };
  const block = blockForwardOps(m, shape);
  const heads = headOps(m, shape);
  return {
    layer: pass(block, recomputedOps(block, s.training.recompute)),
    first: pass(heads.first, []),
    last: pass(heads.last, []),
    optimizerSPerParam: ADAM_BYTES_PER_PARAM / (dev.bandwidth * 0.8),
  };
}

/** Parameters a stage holds (all TP ranks): its blocks, the embedding on the first stage, the tied LM-head copy on the last. */
export function stageParams(m: ModelSpec, layers: number, stage: number, pp: number): number {
  let p = layers * blockParams(m);
  if (stage === 0) p += embeddingParams(m);
  if (stage === pp - 1 && (pp > 1 || !m.tiedEmbeddings)) p += embeddingParams(m);
  return p;
}

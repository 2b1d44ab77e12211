/**
 * GPT-3 shapes and the parallelism NeuPIMs evaluates them with (spec §7).
 * The shapes repeat `models/llm/gpt3-*.yaml` (test/systems/neupims/model-shapes.test.ts keeps them
 * equal) because the scenario code needs them synchronously; loading them through the async preset
 * registry in loadScenario (as the gpu baseline already does) would remove the copy. The TP/PP
 * defaults are NeuPIMs' own (§7) and belong here.
 */
import { HetsimError } from '../../errors.js';

export interface NeupimsModel {
  id: string;
  /** Embedding size E. */
  hidden: number;
  heads: number;
  /** d_k (spec §7: 128 for every GPT-3 variant simulated). */
  headDim: number;
  /** FFN inner size (GPT-3: 4E). */
  ffn: number;
  layers: number;
  /** Tensor- and pipeline-parallel degree (spec §7). */
  tp: number;
  pp: number;
}

const TABLE: Record<string, NeupimsModel> = {
  'gpt3-7b': { id: 'gpt3-7b', hidden: 4096, heads: 32, headDim: 128, ffn: 16384, layers: 32, tp: 4, pp: 1 },
  'gpt3-13b': { id: 'gpt3-13b', hidden: 5120, heads: 40, headDim: 128, ffn: 20480, layers: 40, tp: 4, pp: 1 },
  'gpt3-30b': { id: 'gpt3-30b', hidden: 7168, heads: 56, headDim: 128, ffn: 28672, layers: 48, tp: 4, pp: 2 },
  'gpt3-175b': { id: 'gpt3-175b', hidden: 12288, heads: 96, headDim: 128, ffn: 49152, layers: 96, tp: 8, pp: 4 },
};

export const NEUPIMS_MODEL_IDS = Object.keys(TABLE);

export function neupimsModel(id: string, override?: { tp?: number; pp?: number }): NeupimsModel {
  const m = TABLE[id.toLowerCase()];
  if (!m) throw new HetsimError('unknown_id', `unknown model '${id}'; valid: ${NEUPIMS_MODEL_IDS.join(', ')}`, 'model');
  const out = { ...m, ...(override?.tp ? { tp: override.tp } : {}), ...(override?.pp ? { pp: override.pp } : {}) };
  if (out.heads % out.tp !== 0) throw new HetsimError('config_invalid', `tp ${out.tp} does not divide ${out.heads} heads of ${id}`, 'tp');
  return out;
}

/** Per-device slice under tensor parallelism. */
export function tpSlice(m: NeupimsModel): { eTp: number; headsTp: number; ffnTp: number } {
  return { eTp: m.hidden / m.tp, headsTp: m.heads / m.tp, ffnTp: m.ffn / m.tp };
}

/** Decoder layers one pipeline stage (one simulated device) runs. */
export function layersPerDevice(m: NeupimsModel): number {
  return Math.ceil(m.layers / m.pp);
}

/**
 * A decoder-only transformer as the workload generators see it. Built from a YAML preset
 * (`models/llm/*.yaml`) or a Hugging Face config.json by `src/workload/model-preset.ts`.
 */
export type NormType = 'rmsnorm' | 'layernorm';
export type Activation = 'swiglu' | 'gelu' | 'relu';

export interface ModelSpec {
  /** Preset id (lower-case file name) or the path it was loaded from. */
  id: string;
  name: string;
  hidden: number;
  /** FFN inner size (per expert for MoE). */
  intermediate: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  layers: number;
  vocab: number;
  norm: NormType;
  activation: Activation;
  /** MoE: experts per layer and experts each token is routed to. Absent for dense models. */
  experts?: number;
  topK?: number;
  /** Input embedding and lm_head share one matrix. */
  tiedEmbeddings?: boolean;
  aliases?: string[];
  source?: string;
}

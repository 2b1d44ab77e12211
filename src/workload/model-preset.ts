/**
 * LLM preset files (`models/llm/*.yaml`) and Hugging Face `config.json` files → ModelSpec.
 */
import { z } from 'zod';
import { validate } from '../config/validate.js';
import { HetsimError, warnOnce } from '../errors.js';
import type { ModelSpec } from './model.js';

const posInt = z.number().int().positive();

export const llmFileSchema = z.strictObject({
  name: z.string().min(1),
  source: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  hidden: posInt.describe('hidden size (d_model)'),
  intermediate: posInt.describe('FFN inner size (per expert for MoE)'),
  heads: posInt.describe('attention (query) heads'),
  kv_heads: posInt.optional().describe('key/value heads (GQA/MQA); default = heads'),
  head_dim: posInt.optional().describe('default = hidden / heads'),
  layers: posInt,
  vocab: posInt,
  norm: z.enum(['rmsnorm', 'layernorm']),
  activation: z.enum(['swiglu', 'gelu', 'relu']),
  tied_embeddings: z.boolean().default(false),
  experts: posInt.optional().describe('MoE experts per layer'),
  top_k: posInt.optional().describe('MoE experts per token'),
});
export type LlmFile = z.infer<typeof llmFileSchema>;

/** Shape checks shared by presets and config.json: each names the offending field. */
export function checkModelShape(m: ModelSpec): ModelSpec {
  if (m.kvHeads > m.heads || m.heads % m.kvHeads !== 0) {
    throw new HetsimError('config_invalid', `kv_heads (${m.kvHeads}) must divide heads (${m.heads})`, 'kv_heads');
  }
  if (m.headDim * m.heads !== m.hidden && m.hidden % m.heads !== 0) {
    throw new HetsimError('config_invalid', `heads (${m.heads}) must divide hidden (${m.hidden}) unless head_dim is given explicitly`, 'heads');
  }
  if ((m.experts === undefined) !== (m.topK === undefined)) {
    throw new HetsimError('config_invalid', 'MoE models need both experts and top_k', m.experts === undefined ? 'experts' : 'top_k');
  }
  if (m.experts !== undefined && m.topK! > m.experts) {
    throw new HetsimError('config_invalid', `top_k (${m.topK}) cannot exceed experts (${m.experts})`, 'top_k');
  }
  return m;
}

/**
 * Keys a preset might be expected to take (they are in the model's config.json) that hetsim's
 * decoder does not implement. A preset is hetsim's own format, so they are refused with the
 * reason rather than accepted and ignored; models/llm/mistral-7b.yaml records its window in a comment.
 */
const PRESET_UNMODELLED: Record<string, string> = {
  sliding_window:
    'sliding-window attention is not modelled (attention spans the full context, so KV cache and attention past the window are overestimated); remove the key and note the window in a comment, as models/llm/mistral-7b.yaml does',
};

export function modelFromPresetObject(raw: unknown, id: string, label: string): ModelSpec {
  const where = `LLM preset ${label}`;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const k of Object.keys(raw)) {
      if (Object.hasOwn(PRESET_UNMODELLED, k)) throw new HetsimError('config_invalid', `${PRESET_UNMODELLED[k]} (in ${where})`, k);
    }
  }
  const f = validate(llmFileSchema, raw, where);
  if (f.head_dim === undefined && f.hidden % f.heads !== 0) {
    throw new HetsimError('config_invalid', `heads (${f.heads}) must divide hidden (${f.hidden}), or give head_dim explicitly (in ${where})`, 'heads');
  }
  const m: ModelSpec = {
    id,
    name: f.name,
    hidden: f.hidden,
    intermediate: f.intermediate,
    heads: f.heads,
    kvHeads: f.kv_heads ?? f.heads,
    headDim: f.head_dim ?? f.hidden / f.heads,
    layers: f.layers,
    vocab: f.vocab,
    norm: f.norm,
    activation: f.activation,
    tiedEmbeddings: f.tied_embeddings,
    aliases: f.aliases,
  };
  if (f.source !== undefined) m.source = f.source;
  if (f.experts !== undefined) m.experts = f.experts;
  if (f.top_k !== undefined) m.topK = f.top_k;
  return checkModelShape(m);
}

/** Hugging Face config.json (Llama, Mistral, Mixtral, Qwen2, OPT, GPT-2/NeoX-style keys). */
export function modelFromHfConfig(raw: unknown, path: string): ModelSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new HetsimError('config_invalid', `expected a JSON object in ${path}`);
  }
  const c = raw as Record<string, unknown>;
  const num = (keys: string[], required: boolean): number | undefined => {
    for (const k of keys) {
      const v = c[k];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
        throw new HetsimError('config_invalid', `expected a positive integer, got ${JSON.stringify(v)} (in ${path})`, k);
      }
      return v;
    }
    if (required) throw new HetsimError('config_invalid', `missing field (one of: ${keys.join(', ')}) in ${path}`, keys[0]);
    return undefined;
  };
  const hidden = num(['hidden_size', 'n_embd', 'd_model'], true)!;
  const heads = num(['num_attention_heads', 'n_head'], true)!;
  const type = String(c.model_type ?? '');
  const act = String(c.hidden_act ?? c.activation_function ?? c.hidden_activation ?? 'silu');
  const gated = /silu|swish|swiglu/.test(act) || ['llama', 'mistral', 'mixtral', 'qwen2', 'qwen3', 'gemma'].includes(type);
  const activation = gated ? 'swiglu' : act.startsWith('relu') ? 'relu' : 'gelu';
  const norm = type === 'opt' || type.startsWith('gpt') || 'layer_norm_epsilon' in c || 'layer_norm_eps' in c ? 'layernorm' : 'rmsnorm';
  if (hidden % heads !== 0 && c.head_dim === undefined) {
    throw new HetsimError('config_invalid', `num_attention_heads (${heads}) must divide hidden_size (${hidden}) when head_dim is absent (in ${path})`, 'num_attention_heads');
  }
  const m: ModelSpec = {
    id: path,
    name: String(c._name_or_path ?? c.name_or_path ?? path),
    hidden,
    intermediate: num(['intermediate_size', 'ffn_dim', 'n_inner'], false) ?? 4 * hidden,
    heads,
    // Falcon: num_kv_heads; Falcon (old layout) and GPT-BigCode: multi_query = one KV head.
    kvHeads: num(['num_key_value_heads', 'multi_query_group_num', 'num_kv_heads'], false) ?? (c.multi_query === true ? 1 : heads),
    headDim: num(['head_dim'], false) ?? hidden / heads,
    layers: num(['num_hidden_layers', 'n_layer', 'num_layers'], true)!,
    vocab: num(['vocab_size', 'padded_vocab_size'], true)!,
    norm,
    activation,
    tiedEmbeddings: c.tie_word_embeddings === true,
  };
  const experts = num(['num_local_experts', 'num_experts', 'n_routed_experts'], false);
  if (experts !== undefined && experts > 1) {
    m.experts = experts;
    m.topK = num(['num_experts_per_tok', 'top_k', 'moe_top_k'], true);
    m.intermediate = num(['moe_intermediate_size'], false) ?? m.intermediate;
  }
  checkModelShape(m);
  warnUnmodelled(c, m, path);
  return m;
}

const positive = (v: unknown): v is number => typeof v === 'number' && v > 0;

/**
 * config.json keys that change the model but that hetsim's decoder (src/workload/decoder-ops.ts)
 * does not implement: each is warned about once per (file, key), never silently dropped. Keys that
 * do not change the cost (rope_scaling, *_eps, token ids, torch_dtype, …) are metadata and pass quietly.
 */
const HF_UNMODELLED: { key: string; applies: (c: Record<string, unknown>, m: ModelSpec) => boolean; say: (c: Record<string, unknown>) => string }[] = [
  {
    // Mistral 7B v0.1: 4096. Qwen2 carries a window with use_sliding_window: false; a window at or
    // past max_position_embeddings never binds.
    key: 'sliding_window',
    applies: (c) =>
      positive(c.sliding_window) && c.use_sliding_window !== false && !(positive(c.max_position_embeddings) && c.sliding_window >= c.max_position_embeddings),
    say: (c) => `sliding_window ${c.sliding_window} is not modelled (attention spans the full context)`,
  },
  {
    key: 'attention_chunk_size', // Llama 4: chunked local attention
    applies: (c) => positive(c.attention_chunk_size),
    say: (c) => `attention_chunk_size ${c.attention_chunk_size} is not modelled (attention spans the full context)`,
  },
  {
    key: 'kv_lora_rank', // DeepSeek V2/V3 multi-head latent attention
    applies: (c) => positive(c.kv_lora_rank),
    say: (c) => `kv_lora_rank ${c.kv_lora_rank} (multi-head latent attention) is not modelled (attention and KV cache are costed as standard attention)`,
  },
  {
    key: 'q_lora_rank',
    applies: (c) => positive(c.q_lora_rank),
    say: (c) => `q_lora_rank ${c.q_lora_rank} is not modelled (the query projection is costed at full rank)`,
  },
  {
    key: 'n_shared_experts', // DeepSeek
    applies: (c, m) => m.experts !== undefined && positive(c.n_shared_experts),
    say: (c) => `n_shared_experts ${c.n_shared_experts} is not modelled (only the routed experts' FFNs are costed)`,
  },
  {
    key: 'shared_expert_intermediate_size', // Qwen2-MoE
    applies: (c, m) => m.experts !== undefined && positive(c.shared_expert_intermediate_size),
    say: (c) => `shared_expert_intermediate_size ${c.shared_expert_intermediate_size} is not modelled (only the routed experts' FFNs are costed)`,
  },
  {
    key: 'first_k_dense_replace', // DeepSeek: the first k layers are dense
    applies: (c, m) => m.experts !== undefined && positive(c.first_k_dense_replace),
    say: (c) => `first_k_dense_replace ${c.first_k_dense_replace} is not modelled (every layer is costed as a mixture-of-experts layer)`,
  },
  {
    key: 'decoder_sparse_step', // Qwen2-MoE: every n-th layer is MoE
    applies: (c, m) => m.experts !== undefined && positive(c.decoder_sparse_step) && c.decoder_sparse_step > 1,
    say: (c) => `decoder_sparse_step ${c.decoder_sparse_step} is not modelled (every layer is costed as a mixture-of-experts layer)`,
  },
  {
    key: 'quantization_config', // AWQ/GPTQ/FP8 checkpoints
    applies: (c) => typeof c.quantization_config === 'object' && c.quantization_config !== null,
    say: (c) => {
      const q = c.quantization_config as Record<string, unknown>;
      const what = [q.quant_method, q.bits !== undefined ? `${q.bits} bits` : undefined].filter((x) => x !== undefined).join(', ');
      return `quantization_config${what ? ` (${what})` : ''} is not read (weights are costed at --bits, default w16a16kv16)`;
    },
  },
];

function warnUnmodelled(c: Record<string, unknown>, m: ModelSpec, path: string): void {
  for (const u of HF_UNMODELLED) if (u.applies(c, m)) warnOnce(`${path}\0${u.key}`, `${path}: ${u.say(c)}`);
}

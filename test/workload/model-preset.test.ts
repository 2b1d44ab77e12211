/**
 * Hugging Face config.json keys that change the model but that hetsim does not implement are
 * warned about once per (file, key) on stderr; metadata keys pass quietly. A preset cannot carry
 * sliding_window: it is refused with the reason.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HetsimError } from '../../src/errors.js';
import { modelFromHfConfig, modelFromPresetObject } from '../../src/workload/model-preset.js';

const mistral = {
  model_type: 'mistral',
  hidden_size: 4096,
  intermediate_size: 14336,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  num_hidden_layers: 32,
  vocab_size: 32000,
  hidden_act: 'silu',
  max_position_embeddings: 32768,
  rope_theta: 10000.0,
  rms_norm_eps: 1e-5,
  torch_dtype: 'bfloat16',
  bos_token_id: 1,
  sliding_window: 4096,
};

let lines: string[];
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('config.json settings hetsim does not model', () => {
  it("Mistral's sliding_window is warned about once per file, and the model is still built", () => {
    const m = modelFromHfConfig(mistral, '/x/mistral/config.json');
    expect(m.kvHeads).toBe(8);
    modelFromHfConfig(mistral, '/x/mistral/config.json');
    expect(lines).toEqual(['hetsim: warning: /x/mistral/config.json: sliding_window 4096 is not modelled (attention spans the full context)\n']);
    modelFromHfConfig(mistral, '/y/config.json'); // another model: its own warning
    expect(lines).toHaveLength(2);
  });

  it('no warning for metadata, for a disabled window (Qwen2) or a window no context reaches', () => {
    modelFromHfConfig({ ...mistral, sliding_window: null }, '/a/config.json');
    modelFromHfConfig({ ...mistral, sliding_window: 32768, use_sliding_window: false }, '/b/config.json');
    modelFromHfConfig({ ...mistral, sliding_window: 32768 }, '/c/config.json');
    modelFromHfConfig({ ...mistral, sliding_window: undefined, rope_scaling: { type: 'linear', factor: 2 }, architectures: ['MistralForCausalLM'] }, '/d/config.json');
    expect(lines).toEqual([]);
  });

  it('MoE shared experts, dense first layers, latent attention and quantized weights are warned about', () => {
    const deepseek = {
      ...mistral,
      sliding_window: undefined,
      num_attention_heads: 32,
      n_routed_experts: 64,
      num_experts_per_tok: 6,
      moe_intermediate_size: 1408,
      n_shared_experts: 2,
      first_k_dense_replace: 1,
      kv_lora_rank: 512,
      quantization_config: { quant_method: 'awq', bits: 4 },
    };
    modelFromHfConfig(deepseek, '/ds/config.json');
    expect(lines).toEqual([
      'hetsim: warning: /ds/config.json: kv_lora_rank 512 (multi-head latent attention) is not modelled (attention and KV cache are costed as standard attention)\n',
      "hetsim: warning: /ds/config.json: n_shared_experts 2 is not modelled (only the routed experts' FFNs are costed)\n",
      'hetsim: warning: /ds/config.json: first_k_dense_replace 1 is not modelled (every layer is costed as a mixture-of-experts layer)\n',
      'hetsim: warning: /ds/config.json: quantization_config (awq, 4 bits) is not read (weights are costed at --bits, default w16a16kv16)\n',
    ]);
  });

  it('a config that fails validation warns about nothing', () => {
    expect(() => modelFromHfConfig({ ...mistral, num_hidden_layers: 0 }, '/bad/config.json')).toThrow(HetsimError);
    expect(lines).toEqual([]);
  });

  it('multi_query (Falcon, GPT-BigCode) and num_kv_heads (Falcon) are honoured, not dropped', () => {
    const base = { hidden_size: 4544, num_attention_heads: 71, n_layer: 32, vocab_size: 65024 };
    expect(modelFromHfConfig({ ...base, multi_query: true }, '/f7/config.json').kvHeads).toBe(1);
    expect(modelFromHfConfig({ hidden_size: 8192, num_attention_heads: 128, num_kv_heads: 8, n_layer: 60, vocab_size: 65024 }, '/f40/config.json').kvHeads).toBe(8);
    expect(modelFromHfConfig(base, '/mha/config.json').kvHeads).toBe(71);
  });
});

describe('LLM presets', () => {
  const preset = { name: 'm', hidden: 64, intermediate: 128, heads: 4, layers: 2, vocab: 100, norm: 'rmsnorm', activation: 'swiglu' };
  it('sliding_window is refused with the reason, not accepted and ignored', () => {
    let e: unknown;
    try {
      modelFromPresetObject({ ...preset, sliding_window: 4096 }, 'm', 'm.yaml');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(HetsimError);
    expect((e as HetsimError).path).toBe('sliding_window');
    expect((e as HetsimError).message).toMatch(/^sliding_window: sliding-window attention is not modelled \(attention spans the full context.*models\/llm\/mistral-7b\.yaml does \(in LLM preset m\.yaml\)$/);
    expect(lines).toEqual([]);
  });
});

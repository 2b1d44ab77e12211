import { describe, expect, it } from 'vitest';
import { layersPerDevice, layerWeightBytes, neupimsModel, NEUPIMS_REFERENCE_MODELS, tpSlice } from '../../../src/systems/neupims/model-shapes.js';
import { loadModel } from '../../../src/systems/preset-registry.js';

const shape = async (id: string, par?: { tp?: number; pp?: number }) => neupimsModel(await loadModel(id), par);

describe('NeuPIMs model shapes from the LLM presets', () => {
  it('GPT-3 variants take the spec §7 parallelism: 7B/13B TP4, 30B TP4 PP2, 175B TP8 PP4, d_k 128', async () => {
    expect(NEUPIMS_REFERENCE_MODELS).toEqual(['gpt3-7b', 'gpt3-13b', 'gpt3-30b', 'gpt3-175b']);
    const m7 = await shape('gpt3-7b');
    expect(m7).toMatchObject({ hidden: 4096, heads: 32, kvHeads: 32, headDim: 128, ffn: 16384, ffnGated: false, norm: 'layernorm', layers: 32, tp: 4, pp: 1 });
    expect(tpSlice(m7)).toEqual({ eTp: 1024, headsTp: 8, kvHeadsTp: 8, kvTp: 1024, ffnTp: 4096 });
    // 12·E²/tp FP16 bytes per GPT-3 layer (QKV 3E², proj E², FFN 8E²)
    expect(layerWeightBytes(m7)).toBe((2 * 12 * 4096 * 4096) / 4);
    expect(layersPerDevice(await shape('gpt3-30b'))).toBe(24);
    expect(await shape('gpt3-175b')).toMatchObject({ tp: 8, pp: 4, headDim: 128 });
  });

  it('any dense preset maps on: GQA, SwiGLU and RMSNorm (Llama-3.1-8B, TP 4)', async () => {
    const m = await shape('llama-3.1-8b', { tp: 4 });
    expect(m).toMatchObject({ heads: 32, kvHeads: 8, headDim: 128, ffn: 14336, ffnGated: true, norm: 'rmsnorm', tp: 4, pp: 1 });
    expect(tpSlice(m)).toEqual({ eTp: 1024, headsTp: 8, kvHeadsTp: 2, kvTp: 256, ffnTp: 3584 });
    // QKV 4096×(1024+2·256), proj 1024×4096, gate+up+down 3·4096·3584, FP16
    expect(layerWeightBytes(m)).toBe(2 * (4096 * 1536 + 1024 * 4096 + 3 * 4096 * 3584));
    expect((await shape('llama-2-7b')).tp).toBe(1); // non-reference models default to one device
  });

  it('rejects what the PIM layout cannot hold, naming the field', async () => {
    await expect(shape('gpt3-7b', { tp: 3 })).rejects.toThrow(/tp 3 does not divide 32 heads/);
    await expect(shape('llama-3.1-8b', { tp: 16 })).rejects.toThrow(/tp 16 does not divide 8 KV heads/);
    await expect(shape('mixtral-8x7b')).rejects.toThrow(/mixture of experts \(8 experts\)/);
  });
});

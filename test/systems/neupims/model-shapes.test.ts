import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { modelFromPresetObject } from '../../../src/workload/model-preset.js';
import { layersPerDevice, neupimsModel, NEUPIMS_MODEL_IDS, tpSlice } from '../../../src/systems/neupims/model-shapes.js';
import { ROOT } from './harness.js';

describe('NeuPIMs model table (spec §7)', () => {
  it.each(NEUPIMS_MODEL_IDS)('%s matches its models/llm preset (until the table is replaced by the loader)', (id) => {
    const raw = YAML.parse(readFileSync(resolve(ROOT, 'models/llm', `${id}.yaml`), 'utf8'));
    const p = modelFromPresetObject(raw, id, id);
    const m = neupimsModel(id);
    expect({ hidden: m.hidden, heads: m.heads, headDim: m.headDim, ffn: m.ffn, layers: m.layers }).toEqual({
      hidden: p.hidden,
      heads: p.heads,
      headDim: p.headDim,
      ffn: p.intermediate,
      layers: p.layers,
    });
  });

  it('TP/PP follow the spec: 7B/13B TP4, 30B TP4 PP2, 175B TP8 PP4, d_k 128', () => {
    expect(tpSlice(neupimsModel('gpt3-7b'))).toEqual({ eTp: 1024, headsTp: 8, ffnTp: 4096 });
    expect(layersPerDevice(neupimsModel('gpt3-30b'))).toBe(24);
    expect(neupimsModel('gpt3-175b')).toMatchObject({ tp: 8, pp: 4, headDim: 128 });
    expect(() => neupimsModel('gpt3-1t')).toThrow(/unknown model 'gpt3-1t'; valid: gpt3-7b/);
    expect(() => neupimsModel('gpt3-7b', { tp: 3 })).toThrow(/tp 3 does not divide 32 heads/);
  });
});

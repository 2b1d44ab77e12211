/** Every shipped preset loads through the schema; units resolve; schemas on disk match the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../src/config/units.js';
import { jsonSchemas } from '../../src/cli/commands/schema.js';
import { listPresetIds, loadDevice, loadModel } from '../../src/systems/preset-registry.js';
import { SYSTEMS } from '../../src/systems/registry.js';

describe('presets', () => {
  it('all LLM presets load, with head_dim × heads consistent and sources cited', async () => {
    const ids = listPresetIds('llm');
    expect(ids).toEqual(expect.arrayContaining(['llama-2-7b', 'llama-2-13b', 'llama-2-70b', 'llama-3.1-8b', 'llama-3.1-70b', 'llama-3.1-405b', 'mistral-7b', 'mixtral-8x7b', 'opt-6.7b', 'gpt3-7b', 'gpt3-13b', 'gpt3-30b', 'gpt3-175b', 'megatron-gpt-3.6b', 'megatron-gpt-7.5b', 'megatron-gpt-39.1b']));
    for (const id of ids) {
      const m = await loadModel(id);
      expect(m.source, id).toMatch(/^http|paper|arXiv|Table/i);
      expect(m.heads % m.kvHeads, id).toBe(0);
    }
  });

  it('all hardware presets load; hetsim devices have capacity and per-dtype peaks', async () => {
    for (const id of ['v100', 'v100s', 'a100-40gb', 'a100-80gb', 'h100-sxm', 'h100-pcie', 'h200']) {
      const d = await loadDevice(id);
      expect(d.capacity, id).toBeGreaterThan(1e10);
      expect(d.peak.fp16 ?? d.peak.bf16, id).toBeGreaterThan(1e13);
      expect(d.source, id).toMatch(/^http/);
    }
    const h200 = await loadDevice('h200');
    expect(h200.bandwidth).toBe(4.8e12);
    expect(h200.peak.bf16).toBe(989.4e12);
    expect(h200.capacity).toBe(141e9);
    for (const id of listPresetIds('hardware')) await loadDevice(id);
  });

  it('Hugging Face ids are aliases', async () => {
    expect((await loadModel('meta-llama/Llama-2-70b-hf')).id).toBe('llama-2-70b');
    expect((await loadModel('mistralai/Mixtral-8x7B-v0.1')).id).toBe('mixtral-8x7b');
  });

  it('unit strings resolve with mathjs', async () => {
    expect(await parseQuantity('3.35 TB/s', 'bandwidth', 'x')).toBe(3.35e12);
    expect(await parseQuantity('80 GiB', 'bytes', 'x')).toBe(80 * 2 ** 30);
    expect(await parseQuantity('989.4 TFLOP/s', 'rate', 'x')).toBeCloseTo(989.4e12, 0);
    expect(await parseQuantity('1979 TOPS', 'rate', 'x')).toBeCloseTo(1979e12, 0);
    expect(await parseQuantity('2 us', 'time', 'x')).toBeCloseTo(2e-6, 18);
    await expect(parseQuantity('3.35 TB', 'bandwidth', 'bandwidth')).rejects.toThrow(/bandwidth: "3.35 TB" is not a bandwidth/);
  });

  it('schemas/*.schema.json are the ones the code exports (regenerate: hetsim schema --out schemas)', () => {
    const all = jsonSchemas();
    // every registered system's scenario kind, each followed by its own file kinds (roofline: measurements)
    const systemKinds = SYSTEMS.flatMap((s) => [s.id, ...(s.fileSchemas ?? []).map((f) => f.kind)]);
    expect(Object.keys(all)).toEqual(['hardware', 'llm', 'scenarios', 'sweep', ...systemKinds]);
    for (const kind of Object.keys(all)) {
      const onDisk = JSON.parse(readFileSync(new URL(`../../schemas/${kind}.schema.json`, import.meta.url), 'utf8'));
      expect(onDisk).toEqual(all[kind]);
    }
  });
});

/** Planning a sweep: every config validated by its system, keyed by the hash its result will have. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configHash } from '../../src/sweep/config-hash.js';
import { planSweep } from '../../src/sweep/plan.js';
import { scratchDir } from '../scratch.js';

const BASE = 'kind: roofline\nbase: {model: llama-2-7b, hardware: h100-sxm, stage: decode, bits: w16a16kv16}\n';
function specFile(body: string, name = 'spec.yaml'): string {
  const p = join(scratchDir(), name);
  writeFileSync(p, BASE + body);
  return p;
}

describe('planSweep', () => {
  it('axes × modes in spec order (modes innermost), hashes of {system, mode, config with the mode}', async () => {
    const plan = await planSweep(specFile('modes: [ideal, calibrated]\naxes:\n  batch: [1, 8]\n  seq: {from: 512, to: 1024, step: 512}\n'));
    expect(plan.configs.map((c) => c.label)).toEqual([
      'batch=1 seq=512 mode=ideal', 'batch=1 seq=512 mode=calibrated', 'batch=1 seq=1024 mode=ideal', 'batch=1 seq=1024 mode=calibrated',
      'batch=8 seq=512 mode=ideal', 'batch=8 seq=512 mode=calibrated', 'batch=8 seq=1024 mode=ideal', 'batch=8 seq=1024 mode=calibrated',
    ]);
    for (const c of plan.configs) {
      expect(c.config.mode).toBe(c.mode);
      expect(c.hash).toBe(configHash('roofline', c.mode, c.config));
    }
    expect(new Set(plan.configs.map((c) => c.hash)).size).toBe(8);
  });

  it("without modes: each point's own mode (an axis may set it); equal configs collapse; filters drop points", async () => {
    const plan = await planSweep(specFile('axes:\n  mode: [ideal, llm-viewer]\n  batch: [1, "1", 4, 64]\nwhere: [{key: batch, le: 32}, {key: mode, ne: llm-viewer}]\n'));
    expect(plan.configs.map((c) => c.label)).toEqual(['mode=ideal batch=1', 'mode=ideal batch=4']);
    expect(plan.duplicates).toBe(1); // batch "1" resolves to the config of batch 1
    expect(plan.filtered).toBe(5);
  });

  it('a base file relative to the spec; nested dotted keys of a cycle-level system', async () => {
    const dir = scratchDir();
    const spec = join(dir, 'n.yaml');
    writeFileSync(spec, `kind: neupims\nbase: ${join(process.cwd(), 'models/scenarios/neupims-gpt3-7b.yaml')}\naxes:\n  npu.freq_mhz: [500, 1000]\n  layers: [1]\n`);
    const plan = await planSweep(spec);
    expect(plan.configs.map((c) => [(c.config.npu as { freq_mhz: number }).freq_mhz, c.mode])).toEqual([[500, 'neupims'], [1000, 'neupims']]);
    writeFileSync(join(dir, 'rel.yaml'), 'kind: neupims\nbase: ../../no/such.yaml\n');
    await expect(planSweep(join(dir, 'rel.yaml'))).rejects.toThrow(/^base: .*scenario '..\/..\/no\/such.yaml' not found/);
  });

  it('an invalid point names the spec key and its value; an unknown axis key gets the system schema`s suggestion', async () => {
    await expect(planSweep(specFile('axes:\n  seq: [512]\n  batch: [1, 0]\n'))).rejects.toThrow(/^axes\.batch: .*axes\.batch = 0 is invalid \(point seq=512 batch=0\): batch: expected a positive integer/);
    await expect(planSweep(specFile('zip: [{bach: [1]}]\n'))).rejects.toThrow(/^zip\[0\]\.bach: .*unknown key 'bach' in roofline scenario; did you mean 'batch'/);
    await expect(planSweep(specFile('modes: [fast]\n'))).rejects.toThrow(/^modes\[0\]: system roofline has no mode 'fast'/);
    await expect(planSweep(specFile('axes: {batch: [1]}\nextra: 1\n'))).rejects.toThrow(/^extra: unknown key 'extra' in sweep spec/);
    await expect(planSweep(specFile('axes: {batch: []}\n'))).rejects.toThrow(/^axes\.batch: an axis needs at least one value/);
    await expect(planSweep(specFile('where: [{key: batch, le: 1, ge: 1}]\n'))).rejects.toThrow(/exactly one of eq, ne/);
    const p = specFile('').replace('roofline', 'x');
    writeFileSync(p, 'kind: roofine\nbase: {}\n');
    await expect(planSweep(p)).rejects.toThrow(/^kind: unknown system "roofine"; registered systems: roofline, neupims/);
  });

  it('max_configs bounds the sweep (spec key or the option); filters may thin a product up to 10 × the limit', async () => {
    const spec = specFile('axes: {batch: {from: 1, to: 8, factor: 2}, seq: [512, 1024]}\nmax_configs: 6\n');
    await expect(planSweep(spec)).rejects.toThrow(/^axes: .*expands to 8 configs, more than 6/);
    expect((await planSweep(spec, { maxConfigs: 8 })).configs).toHaveLength(8);
    const filtered = specFile('axes: {batch: {from: 1, to: 20, step: 1}}\nwhere: [{key: batch, le: 5}]\nmax_configs: 5\n');
    expect((await planSweep(filtered)).configs).toHaveLength(5);
    await expect(planSweep(filtered, { maxConfigs: 4 })).rejects.toThrow(/^max_configs: .*more than max_configs 4/);
  });
});

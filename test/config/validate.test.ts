/**
 * Unknown keys are errors in every config schema, reported before any other issue and with the
 * nearest valid key: hardware and LLM presets, NeuPIMs scenarios, scenario sets, roofline requests.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { objectKeysAt } from '../../src/config/suggest.js';
import { validate } from '../../src/config/validate.js';
import { HetsimError } from '../../src/errors.js';
import { deviceFromObject } from '../../src/hw/hardware-preset.js';
import { parseScenario } from '../../src/systems/neupims/scenario.js';
import { toRequest } from '../../src/systems/roofline/request.js';
import { scenarioSetSchema } from '../../src/sweep/scenario-set.js';
import { modelFromPresetObject } from '../../src/workload/model-preset.js';

function caught(f: () => unknown): HetsimError {
  try {
    f();
  } catch (e) {
    if (e instanceof HetsimError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

async function caughtAsync(f: () => Promise<unknown>): Promise<HetsimError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof HetsimError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

const dev = { name: 'chip', bandwidth: '3.35 TB/s', peak: { fp16: '100 TFLOP/s' } };
const llm = { name: 'm', hidden: 64, intermediate: 128, heads: 4, layers: 2, vocab: 100, norm: 'rmsnorm', activation: 'swiglu' };

describe('unknown keys in hardware presets', () => {
  it('a typo of a required key is reported as the unknown key, not as the missing one', async () => {
    const { bandwidth, ...rest } = dev;
    const e = await caughtAsync(() => deviceFromObject({ ...rest, bandwith: bandwidth }, 'x', 'x.yaml'));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toBe('bandwith');
    expect(e.message).toBe("bandwith: unknown key 'bandwith' in hardware preset x.yaml; did you mean 'bandwidth'?");
  });

  it('nested keys name the object they are in', async () => {
    const e = await caughtAsync(() => deviceFromObject({ ...dev, peak: { fp61: '1 TFLOP/s' } }, 'x', 'x.yaml'));
    expect(e.message).toBe("peak.fp61: unknown key 'fp61' in hardware preset x.yaml under 'peak'; did you mean 'fp16'?");
    const f = await caughtAsync(() => deviceFromObject({ ...dev, interconnect: { bandwidth: 1e9, latncy: 1e-6 } }, 'x', 'x.yaml'));
    expect(f.message).toMatch(/interconnect\.latncy: .*did you mean 'latency'\?$/);
  });

  it('with nothing close, the valid keys are listed', async () => {
    const e = await caughtAsync(() => deviceFromObject({ ...dev, memory: 5 }, 'x', 'x.yaml'));
    expect(e.message).toMatch(/unknown key 'memory' in hardware preset x\.yaml \(expected one of: name, source, bandwidth, capacity, peak, /);
  });

  it('a unit error names the file too', async () => {
    const e = await caughtAsync(() => deviceFromObject({ ...dev, bandwidth: '3.35 TB' }, 'x', 'x.yaml'));
    expect(e.message).toBe('bandwidth: "3.35 TB" is not a bandwidth; expected a unit string like "3.35 TB/s" (in hardware preset x.yaml)');
  });
});

describe('unknown keys elsewhere', () => {
  it('LLM presets', () => {
    const { layers, ...rest } = llm;
    expect(caught(() => modelFromPresetObject({ ...rest, layres: layers }, 'm', 'm.yaml')).message).toBe("layres: unknown key 'layres' in LLM preset m.yaml; did you mean 'layers'?");
    expect(caught(() => modelFromPresetObject({ ...llm, kvheads: 2 }, 'm', 'm.yaml')).message).toMatch(/did you mean 'kv_heads'\?$/);
  });

  it('NeuPIMs scenarios, also inside a union branch (requests: {dataset, seed})', () => {
    const base = { system: 'neupims', model: 'gpt3-7b', batch: 8, requests: 'x.csv' };
    expect(caught(() => parseScenario({ ...base, npu: { sa_heigth: 4 } }, 'x.yaml')).message).toBe(
      "npu.sa_heigth: unknown key 'sa_heigth' in scenario x.yaml under 'npu'; did you mean 'sa_height'?",
    );
    expect(caught(() => parseScenario({ ...base, requests: { dataset: 'sharegpt', sed: 3 } }, 'x.yaml')).message).toMatch(/requests\.sed: .*did you mean 'seed'\?$/);
    expect(caught(() => parseScenario({ ...base, bacth: 8 }, 'x.yaml')).message).toMatch(/unknown key 'bacth' .*did you mean 'batch'\?$/);
  });

  it('scenario sets', () => {
    // Written against the schema's own keys, so it holds whatever entries the set format has.
    expect(caught(() => validate(scenarioSetSchema, { titel: 't' }, 'set.yaml')).message).toBe("titel: unknown key 'titel' in set.yaml; did you mean 'title'?");
    const list = objectKeysAt(scenarioSetSchema, []).find((k) => objectKeysAt(scenarioSetSchema, [k, 0]).includes('caption'));
    expect(list).toBeDefined();
    expect(caught(() => validate(scenarioSetSchema, { title: 't', [list!]: [{ captoin: 'c' }] }, 'set.yaml')).message).toBe(
      `${list}[0].captoin: unknown key 'captoin' in set.yaml under '${list}[0]'; did you mean 'caption'?`,
    );
  });

  it('roofline requests (flags objects and --input lines)', () => {
    const base = { model: 'llama-2-7b', hardware: 'h100-sxm' };
    const e = caught(() => toRequest({ ...base, btach: 4 }, {}, '--input line 3: '));
    expect(e.code).toBe('input_line');
    expect(e.message).toBe("btach: --input line 3: unknown key 'btach'; did you mean 'batch'?");
    expect(caught(() => toRequest({ ...base, sequence: 5 })).message).toMatch(/unknown key 'sequence' \(expected one of: model, hardware, stage, batch, seq, gen, bits, flash, tp, mode\)/);
    expect(caught(() => toRequest({ ...base, bits: { w: 4, a: 16, kvv: 16 } })).message).toBe("bits.kvv: unknown key 'kvv'; did you mean 'kv'?");
  });

  it('several unknown keys are listed together, each with its suggestion', () => {
    const schema = z.strictObject({ alpha: z.number().optional(), gamma: z.number().optional() });
    expect(caught(() => validate(schema, { alpah: 1, gamam: 2 }, 'f.yaml')).message).toBe(
      "alpah: unknown keys 'alpah', 'gamam' in f.yaml; did you mean 'alpha' for 'alpah', 'gamma' for 'gamam'?",
    );
  });

  it('a missing required key, and a file that holds no mapping, are said plainly', async () => {
    const { layers, ...rest } = llm;
    void layers;
    expect(caught(() => modelFromPresetObject(rest, 'm', 'm.yaml')).message).toBe('layers: required key is missing (expected number) (in LLM preset m.yaml)');
    const { bandwidth, ...noBw } = dev;
    void bandwidth;
    expect((await caughtAsync(() => deviceFromObject(noBw, 'x', 'x.yaml'))).message).toBe('bandwidth: required key is missing (expected a number or a unit string) (in hardware preset x.yaml)');
    expect((await caughtAsync(() => deviceFromObject(null, 'x', 'x.yaml'))).message).toBe('expected a mapping of keys, got an empty file (in hardware preset x.yaml)');
    expect((await caughtAsync(() => deviceFromObject({ ...dev, bandwidth: [1] }, 'x', 'x.yaml'))).message).toBe('bandwidth: expected a number or a unit string (in hardware preset x.yaml)');
  });

  it('other issues are still reported as before', () => {
    expect(caught(() => modelFromPresetObject({ ...llm, norm: 'batchnorm' }, 'm', 'm.yaml')).code).toBe('config_invalid');
  });
});

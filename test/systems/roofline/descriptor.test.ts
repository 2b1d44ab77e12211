/**
 * The roofline system's descriptor: a scenario is a request under `system: roofline`; every key of
 * its schema acts on the result (or a bad value is refused naming it), and results carry their
 * resolved config and the descriptor's metrics.
 */
import { describe, expect, it } from 'vitest';
import { HetsimError } from '../../../src/errors.js';
import { rooflineScenarioSchema, rooflineSystem } from '../../../src/systems/roofline/descriptor.js';

const BASE = { system: 'roofline', model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'decode', batch: 8, seq: 1024, gen: 16, bits: 'w16a16kv16', flash: false, tp: 1, mode: 'ideal' };

async function run(over: Record<string, unknown> = {}) {
  const s = await rooflineSystem.load({ ...BASE, ...over });
  return rooflineSystem.run(s);
}

/** A changed value per key, chosen so that it must change the analysis. */
const CHANGED: Record<string, unknown> = {
  model: 'llama-2-13b',
  hardware: 'h200',
  stage: 'prefill',
  batch: 16,
  seq: 2048,
  bits: 'w4a16kv16',
  flash: true,
  tp: 2,
  mode: 'calibrated',
};

describe('roofline descriptor', () => {
  it('each scenario key changes the result', async () => {
    const base = await run();
    const keys = Object.keys(rooflineScenarioSchema.shape).filter((k) => k !== 'system');
    for (const k of keys) {
      if (k === 'gen') {
        // gen acts on generate only: decode ignores it by definition, so test it where it acts
        const a = await run({ stage: 'generate' });
        const b = await run({ stage: 'generate', gen: 32 });
        expect(b.metrics.time_s, 'gen').toBeGreaterThan(a.metrics.time_s);
        continue;
      }
      expect(CHANGED[k], `no changed value for key ${k}`).toBeDefined();
      const r = await run({ [k]: CHANGED[k] });
      expect(r.config[k as keyof typeof r.config], k).not.toEqual(base.config[k as keyof typeof base.config]);
      expect(JSON.stringify(r.metrics), k).not.toBe(JSON.stringify(base.metrics));
    }
  });

  it('the result carries system, mode, resolved config (defaults filled), flat metrics and version', async () => {
    const s = await rooflineSystem.load({ system: 'roofline', model: 'llama-2-7b', hardware: 'h100-sxm' });
    const r = await rooflineSystem.run(s, { mode: 'llm-viewer' });
    expect(r.system).toBe('roofline');
    expect(r.mode).toBe('llm-viewer');
    expect(r.config).toEqual({ model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'prefill', batch: 1, seq: 1024, gen: 128, bits: { w: 16, a: 16, kv: 16 }, flash: false, tp: 1, mode: 'llm-viewer' });
    expect(Object.keys(r.metrics)).toEqual(rooflineSystem.metrics.map((m) => m.name));
    expect(r.metrics.tokens_per_s).toBeCloseTo((1 * 1024) / r.totals.time_s, 6);
    expect(r.metrics.arithmetic_intensity).toBeCloseTo(r.totals.ops / r.totals.memory_access, 9);
    expect(r.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown key and a bad value are refused, naming them', async () => {
    await expect(rooflineSystem.load({ ...BASE, sequence: 10 })).rejects.toThrow(/unknown key 'sequence'/);
    await expect(rooflineSystem.load({ ...BASE, batch: 0 })).rejects.toThrow(HetsimError);
    await expect(rooflineSystem.load({ ...BASE, batch: 0 })).rejects.toThrow(/batch: expected a positive integer/);
    await expect(rooflineSystem.load({ ...BASE, stage: 'train' })).rejects.toThrow(/stage/);
  });

  it('overrides (flags, sweep axes) set scenario keys before validation', async () => {
    const s = await rooflineSystem.load(BASE, { batch: 32, bits: 'w8a8kv8' });
    expect(s.config.batch).toBe(32);
    expect(s.config.bits).toEqual({ w: 8, a: 8, kv: 8 });
  });
});

import { describe, expect, it } from 'vitest';
import { buildMemory } from '../../../src/hw/pim/memory-config.js';
import { Simulator } from '../../../src/sim/simulator.js';
import { HetsimError } from '../../../src/errors.js';

function err(fn: () => unknown): HetsimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HetsimError) return e;
    throw e;
  }
  throw new Error('expected a HetsimError');
}

describe('buildMemory (memory config node)', () => {
  it('fills defaults: HBM2, FR-FCFS, rorabgbachco, no PIM', () => {
    const m = buildMemory({}, new Simulator());
    expect(m.pim).toBeNull();
    expect(m.device.spec.name).toBe('HBM2');
    expect(m.config).toMatchObject({ standard: 'HBM2', scheduler: { impl: 'FRFCFS' }, addressMapping: 'rorabgbachco', queueDepth: 128 });
  });

  it('builds dual-buffer PIM engines on every channel and applies timing overrides', () => {
    const m = buildMemory({ pim: { mode: 'dual' }, timing: { nRFC: 350 } }, new Simulator());
    expect(m.pim).toHaveLength(32);
    expect(m.device.spec.name).toBe('HBM2-PIM-dual');
    expect(m.device.spec.timing.nRFC).toBe(350);
  });

  it('names the offending path for bad values, unknown keys and unknown implementations', () => {
    expect(err(() => buildMemory({ queueDepth: -1 }, new Simulator())).path).toBe('memory.queueDepth');
    expect(err(() => buildMemory({ timing: { tRCD: 3 } }, new Simulator())).path).toBe('memory.timing.tRCD');
    const e = err(() => buildMemory({ scheduler: { impl: 'FCFS' } }, new Simulator()));
    expect(e.code).toBe('unknown_impl');
    expect(e.message).toMatch(/valid: FRFCFS/);
    expect(err(() => buildMemory({ pim: { mode: 'triple' } }, new Simulator())).path).toBe('memory.pim.mode');
  });
});

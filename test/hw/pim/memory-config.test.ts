import { describe, expect, it } from 'vitest';
import { buildHbmPim, buildMemory, hbmPimConfigFromNode, hbmPimNodeSchema, type HbmPimNode } from '../../../src/hw/pim/memory-config.js';
import { HBM2_ORG } from '../../../src/hw/dram/standards/hbm2.js';
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

describe('HBM-PIM node (hbmPimNodeSchema → hbmPimConfigFromNode → buildHbmPim)', () => {
  const node = (o: Partial<HbmPimNode> = {}): HbmPimNode => ({ ...hbmPimNodeSchema.parse(undefined), ...o });

  it('the defaults build §2\'s HBM2 organisation: 32 channels × 2 ranks × 4 groups × 4 banks, 16 × 64 B columns', () => {
    const m = buildHbmPim(hbmPimConfigFromNode(node()), new Simulator(), { pim: 'dual' });
    expect(m.device.spec.org).toEqual(HBM2_ORG);
    expect(m.device.spec.name).toBe('HBM2-PIM-dual');
    expect(m.pim).toHaveLength(32);
  });

  it('channels, banks_per_channel and page_bytes become the device organisation (bank groups = banks / 8, columns = page / 64 B)', () => {
    const m = buildHbmPim(hbmPimConfigFromNode(node({ channels: 8, banks_per_channel: 16, page_bytes: 2048 })), new Simulator(), { pim: 'single' });
    expect(m.device.channels).toHaveLength(8);
    expect(m.device.spec.org).toMatchObject({ channels: 8, ranks: 2, bankGroups: 2, banksPerGroup: 4, columns: 32 });
    expect(m.device.channels[0].state.numBanks).toBe(16);
  });

  it('without PIM it builds plain HBM2 of the same organisation (the NPU-only baseline)', () => {
    const m = buildHbmPim(hbmPimConfigFromNode(node({ channels: 4 })), new Simulator(), { pim: null });
    expect(m.pim).toBeNull();
    expect(m.device.spec.name).toBe('HBM2');
    expect(m.device.channels).toHaveLength(4);
  });

  it('comp_coverage sets the MACs a COMP counts (16 per bank by default)', () => {
    const sim = new Simulator();
    const m = buildHbmPim(hbmPimConfigFromNode(node({ channels: 1, comp_coverage: 8 })), sim, { pim: 'dual' });
    m.pim![0].submit({ kind: 'gemv', row: 100, numComps: 8, numReadres: 4 });
    sim.run();
    expect(m.pim![0].stats.macs).toBe(4 * 8 * 8 * 32);
  });

  it('rejects a bank count or page it cannot organise, naming the key and the accepted values', () => {
    const banks = err(() => hbmPimConfigFromNode(node({ banks_per_channel: 12 })));
    expect(banks.path).toBe('memory.banks_per_channel');
    expect(banks.message).toMatch(/multiple of 8/);
    const page = err(() => hbmPimConfigFromNode(node({ page_bytes: 1000 })));
    expect(page.path).toBe('memory.page_bytes');
    expect(page.message).toMatch(/multiple of 64/);
  });
});

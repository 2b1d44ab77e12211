import { describe, expect, it } from 'vitest';
import { HetsimError } from '../../../src/errors.js';
import { HbmChannel } from '../../../src/hw/dram/hbm-channel.js';
import { lookup, REFRESH, STANDARDS } from '../../../src/hw/dram/registry.js';
import type { RefreshChannel } from '../../../src/hw/dram/refresh-manager.js';
import { DramState } from '../../../src/hw/dram/dram-state.js';
import { hbm2Spec } from '../../../src/hw/dram/standards/hbm2.js';
import { Simulator } from '../../../src/sim/simulator.js';

describe('DRAM registry', () => {
  it('STANDARDS builds a standard with an organisation override', () => {
    const spec = lookup(STANDARDS, 'HBM2', 'memory.standard')({ nRFC: 350 }, { channels: 4, bankGroups: 2 });
    expect(spec.org).toMatchObject({ channels: 4, ranks: 2, bankGroups: 2, banksPerGroup: 4 });
    expect(spec.timing.nRFC).toBe(350);
  });

  it('REFRESH: AllBank is looked up by name; an unknown policy lists the valid ones', () => {
    expect(Object.keys(REFRESH)).toEqual(['AllBank']);
    expect(() => lookup(REFRESH, 'PerBank', 'memory.refresh')).toThrow(/valid: AllBank/);
    expect(() => new HbmChannel({ spec: hbm2Spec(), sim: new Simulator(), refreshImpl: 'PerBank' })).toThrow(HetsimError);
  });

  it('a refresh policy needs only the RefreshChannel members (a bare DramState will do)', () => {
    const state = new DramState(hbm2Spec(), true);
    const ch: RefreshChannel = { state, cPRE: state.cmd('PRE'), cREF: state.cmd('REF'), cPIMPRE: -1, agent: null };
    const rf = REFRESH.AllBank(ch);
    // §2: rank r first due at (r + 1)·tREFI/ranks
    expect([rf.nextDue(0), rf.nextDue(1)]).toEqual([1950, 3900]);
    expect(rf.poll(ch, 1950)).toBe(1950);
    rf.issue(ch, 1950);
    expect(state.countsByName().REF).toBe(1);
    expect(rf.nextDue(0)).toBe(1950 + 3900);
  });

  it('a channel runs at its standard\'s tCK_ps (HBM2: 1000 ps)', () => {
    const sim = new Simulator();
    expect(new HbmChannel({ spec: hbm2Spec(), sim }).clock.toPs(7)).toBe(7000);
    expect(new HbmChannel({ spec: hbm2Spec({ tCK_ps: 833 }), sim }).clock.toPs(1000)).toBe(833_000);
  });
});

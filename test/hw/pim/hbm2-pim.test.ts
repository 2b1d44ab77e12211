import { describe, expect, it } from 'vitest';
import { compsReadresSpacing, gwriteDelay, hbm2PimSpec } from '../../../src/hw/pim/hbm2-pim.js';
import { HBM2_TIMING as T } from '../../../src/hw/dram/standards/hbm2.js';
import { bank, expectIllegal, expectRule, type Step } from '../dram/harness.js';

const dual = hbm2PimSpec('dual');
const single = hbm2PimSpec('single');
const R = 9; // the PIM row
/** G_ACT of row R in all 8 bank groups (unchecked setup), the last one at `last`. */
const allGact = (last: number): Step[] =>
  [0, 1, 2, 3].flatMap((g) => [0, 1].map((r): Step => ['G_ACT', bank(r, g, 0), R, g === 3 && r === 1 ? last : 0]));

describe('HBM2-PIM timing (spec neupims.md §4, §5)', () => {
  it('derives gwrite_delay 96 and the COMPS_READRES spacing 2·(max(n, 6) + 1)', () => {
    expect(gwriteDelay(T)).toBe(96);
    expect(compsReadresSpacing(8)).toBe(18);
    expect(compsReadresSpacing(2)).toBe(14);
    expect(dual.commands.map((c) => c.name)).toEqual(['ACT', 'PRE', 'RD', 'WR', 'REF', 'GWRITE', 'G_ACT', 'COMP', 'COMPS_READRES', 'READRES', 'PIM_PRE']);
  });

  it('PIM: COMP after the last G_ACT waits nRCDRD', () => expectRule(dual, allGact(100), ['COMP', 0, R], 100 + T.nRCDRD));
  it('PIM: COMPS_READRES after G_ACT waits nRCDRD', () => expectRule(dual, allGact(100), ['COMPS_READRES', 0, R, 8], 100 + T.nRCDRD));
  it('PIM: G_ACT after G_ACT in the same pseudo-channel waits nFAW', () =>
    expectRule(dual, [['G_ACT', bank(0, 0, 0), R, 0]], ['G_ACT', bank(0, 1, 0), R], T.nFAW));
  it('PIM: G_ACTs in different pseudo-channels do not wait for each other', () =>
    expectRule(dual, [['G_ACT', bank(1, 0, 0), R, 5]], ['G_ACT', bank(0, 0, 0), R], 0));
  it('PIM: ACT after G_ACT in the same pseudo-channel waits nFAW (tFAW shared)', () =>
    expectRule(dual, [['G_ACT', bank(0, 0, 0), R, 0]], ['ACT', bank(0, 2, 1), 3], T.nFAW));
  it('PIM: G_ACT after four ACTs waits nFAW after the first', () =>
    expectRule(dual, [0, 1, 2, 3].map((g): Step => ['ACT', bank(0, g, 1), 3, g * 4]), ['G_ACT', bank(0, 0, 0), R], T.nFAW));
  it('PIM dual: ACT after G_ACT to the same bank waits nRRDL, not nRC', () =>
    expectRule(hbm2PimSpec('dual', { nFAW: 4 }), [['G_ACT', bank(0, 0, 0), R, 0]], ['ACT', bank(0, 0, 1), 3], T.nRRDL));
  it('PIM single: ACT after G_ACT to the same bank waits nRC', () =>
    expectRule(hbm2PimSpec('single', { nRC: 60 }), [['G_ACT', bank(0, 0, 0), R, 0], ['PIM_PRE', 0, 0, T.nRAS]], ['ACT', bank(0, 0, 1), 3], 60, false));
  it('PIM: PIM_PRE after G_ACT waits nRAS', () => expectRule(dual, allGact(0), ['PIM_PRE', 0, 0], T.nRAS));
  it('PIM single: G_ACT after PIM_PRE waits nRP', () =>
    expectRule(single, [...allGact(0), ['PIM_PRE', 0, 0, 50]], ['G_ACT', bank(0, 0, 0), R + 1], 50 + T.nRP, false));
  it('PIM dual: G_ACT after PIM_PRE waits the 32 per-bank PIM_PRECHARGE slots and the P_HEADER', () =>
    expectRule(dual, [...allGact(0), ['PIM_PRE', 0, 0, 50]], ['G_ACT', bank(0, 0, 0), R + 1], 50 + 32 + 1));
  it('PIM dual: any command after PIM_PRE waits the 32-slot precharge train', () =>
    expectRule(dual, [...allGact(0), ['PIM_PRE', 0, 0, 50]], ['ACT', bank(0, 0, 1), 3], 50 + 32));
  it('PIM dual: PIM_PRE after COMPS_READRES waits read-to-precharge, not the COMPs', () =>
    expectRule(dual, [...allGact(0), ['COMPS_READRES', 0, R, 100, 8]], ['PIM_PRE', 0, 0], 100 + T.nAL + T.nRTP));
  it('PIM single (fused): PIM_PRE after COMPS_READRES waits for the COMPs to drain', () =>
    expectRule(single, [...allGact(0), ['COMPS_READRES', 0, R, 100, 8]], ['PIM_PRE', 0, 0], 100 + 18, false));
  it('PIM: G_ACT after GWRITE waits gwrite_delay and the P_HEADER slot', () =>
    expectRule(dual, [['ACT', bank(0, 0, 0), 5, 0], ['GWRITE', bank(0, 0, 0), 5, 20]], ['G_ACT', bank(1, 1, 0), R], 20 + 96 + 1));
  it('PIM: COMPS_READRES after COMPS_READRES waits 2·(max(num_comps, 6) + 1)', () => {
    expectRule(dual, [...allGact(0), ['COMPS_READRES', 0, R, 100, 8]], ['COMPS_READRES', 0, R, 8], 100 + 18);
    expectRule(dual, [...allGact(0), ['COMPS_READRES', 0, R, 100, 2]], ['COMPS_READRES', 0, R, 2], 100 + 14);
  });
  it('PIM: COMP after COMP waits 2 cycles', () => expectRule(single, [...allGact(0), ['COMP', 0, R, 100]], ['COMP', 0, R], 102, false));
  it('PIM: READRES after COMP waits the 6·tCCD_S pipeline fill', () =>
    expectRule(single, [...allGact(0), ['COMP', 0, R, 100]], ['READRES', 0, R], 100 + 6 * T.nCCDS, false));
  it('PIM: READRES after READRES waits 2 cycles', () => expectRule(single, [...allGact(0), ['READRES', 0, R, 100]], ['READRES', 0, R], 102, false));
  it('PIM: RD after GWRITE to the same bank waits gwrite_delay', () =>
    expectRule(dual, [['ACT', bank(0, 0, 0), 5, 0], ['GWRITE', bank(0, 0, 0), 5, 14]], ['RD', bank(0, 0, 0), 5], 14 + 96));
  it('PIM: COMP after GWRITE waits gwrite_delay', () =>
    expectRule(dual, [...allGact(0), ['GWRITE', bank(0, 0, 1), 5, 20]], ['COMP', 0, R], 20 + 96));
  it('PIM: only one GWRITE at a time per channel', () =>
    expectRule(dual, [['ACT', bank(1, 0, 0), 5, 0], ['GWRITE', bank(0, 0, 0), 5, 20]], ['GWRITE', bank(1, 0, 0), 5], 20 + 96));
  it('PIM: GWRITE after ACT waits nRCDRD', () => expectRule(dual, [['ACT', bank(0, 0, 0), 5, 0]], ['GWRITE', bank(0, 0, 0), 5], T.nRCDRD));
  it('PIM dual: COMP after WR waits only the bus (nBL)', () =>
    expectRule(dual, [...allGact(0), ['ACT', bank(0, 0, 1), 3, 0], ['WR', bank(0, 0, 1), 3, 100]], ['COMP', 0, R], 100 + T.nBL));
  it('PIM single: COMP after WR waits write_delay + nWTRL', () =>
    expectRule(single, [...allGact(0), ['WR', bank(0, 0, 1), 3, 100]], ['COMP', 0, R], 100 + 6 + T.nWTRL, false));
  it('PIM: RD after COMP waits the bus (nBL) in both modes', () => {
    expectRule(dual, [...allGact(0), ['ACT', bank(0, 2, 1), 3, 0], ['COMP', 0, R, 100]], ['RD', bank(0, 2, 1), 3], 100 + T.nBL);
  });
  it('PIM dual: PRE after COMP is not delayed; single: waits read-to-precharge', () => {
    expectRule(dual, [...allGact(0), ['ACT', bank(0, 0, 1), 3, 0], ['COMP', 0, R, 100]], ['PRE', bank(0, 0, 1), 3], T.nRAS);
    expectRule(single, [['ACT', bank(0, 0, 1), 3, 0], ...allGact(0), ['COMP', 0, R, 100]], ['PRE', bank(0, 0, 1), 3], 100 + T.nAL + T.nRTP, false);
  });
  it('PIM single: REF after PIM_PRE waits nRP', () => expectRule(single, [...allGact(0), ['PIM_PRE', 0, 0, 100]], ['REF', 0, 0], 100 + T.nRP, false));
  it('PIM dual: REF after PIM_PRE waits the precharge train', () => expectRule(dual, [...allGact(0), ['PIM_PRE', 0, 0, 100]], ['REF', 0, 0], 100 + 32));

  // ---- dual row buffers: state rules (§5 "Exclusion") ----
  it('PIM dual: a normal ACT to the row open in the PIM buffer is rejected, another row is fine', () => {
    expectIllegal(dual, allGact(0), ['ACT', bank(0, 0, 1), R]);
    expectRule(dual, allGact(0), ['ACT', bank(0, 0, 1), R + 1], T.nFAW);
  });
  it('PIM dual: G_ACT of a row open in a normal buffer of the bank group is rejected', () =>
    expectIllegal(dual, [['ACT', bank(0, 0, 2), R, 0]], ['G_ACT', bank(0, 0, 0), R]));
  it('PIM single: a normal ACT while the PIM buffer is open is rejected', () => expectIllegal(single, allGact(0), ['ACT', bank(0, 0, 1), R + 1], false));
  it('PIM single: G_ACT with any normal row open in the bank group is rejected', () =>
    expectIllegal(single, [['ACT', bank(0, 0, 2), 3, 0]], ['G_ACT', bank(0, 0, 0), R], false));
  it('PIM: COMP needs the row open in every bank group', () => expectIllegal(dual, allGact(0).slice(0, 7), ['COMP', 0, R]));
  it('PIM: REF needs the PIM buffers closed', () => expectIllegal(dual, allGact(0), ['REF', 0, 0]));
});

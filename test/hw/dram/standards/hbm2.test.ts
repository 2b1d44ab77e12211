import { describe, expect, it } from 'vitest';
import { HBM2_TIMING as T, hbm2Spec, readDelay, writeDelay } from '../../../../src/hw/dram/standards/hbm2.js';
import { bank, expectIllegal, expectRule } from '../harness.js';

const spec = hbm2Spec();
const B0 = bank(0, 0, 0);
const B1 = bank(0, 0, 1); // same bank group as B0
const B4 = bank(0, 1, 0); // other bank group, same pseudo-channel
const B16 = bank(1, 0, 0); // other pseudo-channel
const RD_T = readDelay(T);
const WR_T = writeDelay(T);

describe('HBM2 timing table (spec neupims.md §2)', () => {
  it('derives read_delay 16 and write_delay 6', () => {
    expect(RD_T).toBe(16);
    expect(WR_T).toBe(6);
    expect(spec.org.ranks * spec.org.bankGroups * spec.org.banksPerGroup).toBe(32);
  });

  // ---- bank ----
  it('HBM2: RD after ACT to the same bank waits nRCDRD', () => expectRule(spec, [['ACT', B0, 1, 0]], ['RD', B0, 1], T.nRCDRD));
  it('HBM2: WR after ACT to the same bank waits nRCDWR', () => expectRule(spec, [['ACT', B0, 1, 0]], ['WR', B0, 1], T.nRCDWR));
  it('HBM2: PRE after ACT to the same bank waits nRAS', () => expectRule(spec, [['ACT', B0, 1, 0]], ['PRE', B0, 1], T.nRAS));
  it('HBM2: ACT after PRE to the same bank waits nRP', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['PRE', B0, 1, 40]], ['ACT', B0, 2], 40 + T.nRP));
  it('HBM2: ACT after ACT to the same bank waits nRC', () =>
    // nRC = nRAS + nRP in HBM2, so raise it to isolate the row.
    expectRule(hbm2Spec({ nRC: 60 }), [['ACT', B0, 1, 0], ['PRE', B0, 1, T.nRAS]], ['ACT', B0, 2], 60));
  it('HBM2: PRE after RD to the same bank waits nRTP', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['RD', B0, 1, 40]], ['PRE', B0, 1], 40 + T.nAL + T.nRTP));
  it('HBM2: PRE after WR to the same bank waits nCWL + nBL + nWR', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['WR', B0, 1, 40]], ['PRE', B0, 1], 40 + T.nCWL + T.nBL + T.nWR));

  // ---- bank group ----
  it('HBM2: ACT after ACT in the same bank group waits nRRDL', () => expectRule(spec, [['ACT', B0, 1, 0]], ['ACT', B1, 1], T.nRRDL));
  it('HBM2: RD after RD in the same bank group waits max(nBL, nCCDL)', () => {
    const s = hbm2Spec({ nCCDL: 4 });
    expectRule(s, [['ACT', B0, 1, 0], ['ACT', B1, 1, 0], ['RD', B0, 1, 20]], ['RD', B1, 1], 24);
  });
  it('HBM2: WR after WR in the same bank group waits max(nBL, nCCDL)', () => {
    const s = hbm2Spec({ nCCDL: 4 });
    expectRule(s, [['ACT', B0, 1, 0], ['ACT', B1, 1, 0], ['WR', B0, 1, 20]], ['WR', B1, 1], 24);
  });
  it('HBM2: RD after WR in the same bank group waits write_delay + nWTRL', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['ACT', B1, 1, 0], ['WR', B0, 1, 20]], ['RD', B1, 1], 20 + WR_T + T.nWTRL));

  // ---- pseudo-channel (rank) ----
  it('HBM2: ACT after ACT in another bank group waits nRRDS', () => expectRule(spec, [['ACT', B0, 1, 0]], ['ACT', B4, 1], T.nRRDS));
  it('HBM2: the fifth ACT in a pseudo-channel waits nFAW after the first', () =>
    expectRule(spec, [['ACT', bank(0, 0, 0), 1, 0], ['ACT', bank(0, 1, 0), 1, 4], ['ACT', bank(0, 2, 0), 1, 8], ['ACT', bank(0, 3, 0), 1, 12]], ['ACT', bank(0, 0, 1), 1], T.nFAW));
  it('HBM2: RD after RD in another bank group waits max(nBL, nCCDS)', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['ACT', B4, 1, 0], ['RD', B0, 1, 20]], ['RD', B4, 1], 20 + Math.max(T.nBL, T.nCCDS)));
  it('HBM2: WR after WR in another bank group waits max(nBL, nCCDS)', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['ACT', B4, 1, 0], ['WR', B0, 1, 20]], ['WR', B4, 1], 20 + Math.max(T.nBL, T.nCCDS)));
  it('HBM2: WR after RD in the same pseudo-channel waits nCL + nBL − nCWL + nRTRS', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['RD', B0, 1, 20]], ['WR', B0, 1], 20 + T.nCL + T.nBL - T.nCWL + T.nRTRS));
  it('HBM2: RD after WR in another bank group waits write_delay + nWTRS', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['ACT', B4, 1, 0], ['WR', B0, 1, 20]], ['RD', B4, 1], 20 + WR_T + T.nWTRS));
  it('HBM2: REF after ACT waits nRC', () =>
    expectRule(hbm2Spec({ nRC: 60 }), [['ACT', B0, 1, 0], ['PRE', B0, 1, 0]], ['REF', B0, 0], 60));
  it('HBM2: REF after PRE waits nRP', () => expectRule(spec, [['ACT', B0, 1, 0], ['PRE', B0, 1, 40]], ['REF', B0, 0], 40 + T.nRP));
  it('HBM2: REF after RD waits nRTP + nRP', () => expectRule(spec, [['RD', B0, 1, 40]], ['REF', B0, 0], 40 + T.nAL + T.nRTP + T.nRP));
  it('HBM2: REF after WR waits nCWL + nBL + nWR + nRP', () =>
    expectRule(spec, [['WR', B0, 1, 40]], ['REF', B0, 0], 40 + T.nCWL + T.nBL + T.nWR + T.nRP));
  it('HBM2: ACT after REF waits nRFC', () => expectRule(spec, [['REF', B0, 0, 10]], ['ACT', bank(0, 3, 3), 1], 10 + T.nRFC));
  it('HBM2: REF after REF waits nRFC', () => expectRule(spec, [['REF', B0, 0, 10]], ['REF', B1, 0], 10 + T.nRFC));

  // ---- other pseudo-channel (shared data bus) ----
  it('HBM2: RD after RD in the other pseudo-channel waits nBL + nRTRS', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['ACT', B16, 1, 0], ['RD', B0, 1, 20]], ['RD', B16, 1], 20 + T.nBL + T.nRTRS));
  it('HBM2: WR after WR in the other pseudo-channel waits nBL', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['ACT', B16, 1, 0], ['WR', B0, 1, 20]], ['WR', B16, 1], 20 + T.nBL));
  it('HBM2: WR after RD in the other pseudo-channel waits read_delay + nBL + nRTRS − write_delay', () =>
    expectRule(spec, [['ACT', B0, 1, 0], ['ACT', B16, 1, 0], ['RD', B0, 1, 20]], ['WR', B16, 1], 20 + RD_T + T.nBL + T.nRTRS - WR_T));
  it('HBM2: ACTs in different pseudo-channels do not constrain each other', () => {
    expectRule(spec, [['ACT', B16, 1, 7]], ['ACT', B0, 1], 0);
  });

  // ---- bank state ----
  it('HBM2: RD to a closed bank is rejected', () => expectIllegal(spec, [], ['RD', B0, 1]));
  it('HBM2: RD to a row other than the open one is rejected', () => expectIllegal(spec, [['ACT', B0, 1, 0]], ['RD', B0, 2]));
  it('HBM2: ACT to an open bank is rejected', () => expectIllegal(spec, [['ACT', B0, 1, 0]], ['ACT', B0, 2]));
  it('HBM2: PRE to a closed bank is rejected', () => expectIllegal(spec, [], ['PRE', B0, 1]));
  it('HBM2: REF with a bank of the pseudo-channel open is rejected', () => expectIllegal(spec, [['ACT', B1, 1, 0]], ['REF', B0, 0]));
  it('HBM2: REF of one pseudo-channel ignores open banks of the other', () => expectRule(spec, [['ACT', B16, 1, 0]], ['REF', B0, 0], 0));
});

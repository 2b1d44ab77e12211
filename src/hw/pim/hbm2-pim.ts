/**
 * HBM2-PIM: the HBM2 table extended with NeuPIMs/Newton PIM commands (spec neupims.md §4, §5),
 * rather than a fork of it. `mode` selects NeuPIMs' dual row buffers or Newton's single buffer;
 * the two differ only in the cross-buffer rows marked below (§5 "Timing relaxations").
 */
import { banksPerChannel, type CommandSpec, type DramOrg, type DramSpec, type TimingConstraint } from '../dram/dram-spec.js';
import { HBM2_TIMING, hbm2Spec, type Hbm2Timing } from '../dram/standards/hbm2.js';

export type PimBufferMode = 'dual' | 'single';

export const pimCommands: readonly CommandSpec[] = [
  // §4: GWRITE is a normal-buffer command: it reads the open row into the global buffer.
  { name: 'GWRITE', scope: 'bank', effect: 'access' },
  // §4: G_ACT opens the row in the PIM buffers of all 4 banks of a bank group.
  { name: 'G_ACT', scope: 'bankgroup', effect: 'pimOpen' },
  // §4: COMP / COMPS_READRES / READRES act on every bank of the channel at once.
  { name: 'COMP', scope: 'channel', effect: 'pimAccess' },
  { name: 'COMPS_READRES', scope: 'channel', effect: 'pimAccess' },
  { name: 'READRES', scope: 'channel', effect: 'pimAccess' },
  // §4 "PIM_PRECHARGE (generated): close PIM row buffer"; channel-wide, one command per GEMV row.
  { name: 'PIM_PRE', scope: 'channel', effect: 'pimClose' },
];

/** §4 "gwrite_delay = (tCCD_S + tCCD_L)·32 = 96". */
export const gwriteDelay = (t: Hbm2Timing): number => (t.nCCDS + t.nCCDL) * 32;

/** §4 "next COMPS_READRES after 2·(max(num_comps, 6) + 1) cycles". */
export const compsReadresSpacing = (numComps: number): number => 2 * (Math.max(numComps, 6) + 1);

const PIM_ACCESS = ['COMP', 'COMPS_READRES', 'READRES'] as const;

/**
 * `banks`: banks per channel — the command slots one PIM_PRE holds in dual mode, where the reference
 * issues a PIM_PRECHARGE per bank (32 with §2's organisation).
 */
export function pimConstraints(t: Hbm2Timing, mode: PimBufferMode, banks: number): TimingConstraint[] {
  const gw = gwriteDelay(t);
  const wd = t.nAL + t.nCWL + t.nBL;
  const rows: TimingConstraint[] = [
    // ---- GWRITE (§4) ----
    { level: 'bank', preceding: ['ACT'], following: ['GWRITE'], latency: t.nRCDRD, source: '§4 GWRITE needs the row open (tRCDRD)' },
    { level: 'bank', preceding: ['GWRITE'], following: ['RD', 'WR', 'PRE'], latency: gw, source: '§4 GWRITE blocks R/W/PRE on its bank' },
    { level: 'rank', preceding: ['GWRITE'], following: [...PIM_ACCESS], latency: gw, source: '§4 GWRITE blocks COMP/READRES in the rank' },
    { level: 'channel', preceding: ['GWRITE'], following: ['GWRITE'], latency: gw, source: '§4 one GWRITE at a time' },
    // §4 "other PIM commands wait" for the GWRITE; the next GEMV's P_HEADER then takes a command slot.
    { level: 'channel', preceding: ['GWRITE'], following: ['G_ACT'], latency: gw + 1, source: '§4 is_gwriting_, then P_HEADER' },
    // ---- G_ACT (§4): counts as four activations of its rank, shares tFAW with ACT (§5) ----
    { level: 'rank', preceding: ['G_ACT'], following: ['G_ACT', 'ACT'], latency: t.nFAW, source: '§4 same rank: next G_ACT/ACT after tFAW' },
    { level: 'rank', preceding: ['ACT'], following: ['G_ACT'], latency: t.nRRDS, source: 'tRRD_S' },
    { level: 'rank', preceding: ['ACT'], following: ['G_ACT'], latency: t.nFAW, window: 4, source: '§5 tFAW shared by ACT and G_ACT' },
    { level: 'channel', preceding: ['G_ACT'], following: [...PIM_ACCESS], latency: t.nRCDRD, source: '§4 COMP after tRCDRD' },
    { level: 'bankgroup', preceding: ['G_ACT'], following: ['PIM_PRE'], latency: t.nRAS, source: '§4 PIM_PRECHARGE after tRAS' },
    { level: 'rank', preceding: ['G_ACT'], following: ['REF'], latency: t.nRC, source: 'activate_to_refresh' },
    { level: 'rank', preceding: ['REF'], following: ['G_ACT'], latency: t.nRFC, source: 'tRFC' },
    { level: 'channel', preceding: ['PIM_PRE'], following: ['G_ACT'], latency: t.nRP, source: 'tRP' },
    { level: 'rank', preceding: ['PIM_PRE'], following: ['REF'], latency: t.nRP, source: 'tRP' },
    { level: 'bank', preceding: ['PRE'], following: ['G_ACT'], latency: t.nRP, source: 'tRP before the row is sensed again' },
    // ---- compute (§4) ----
    { level: 'channel', preceding: ['COMP'], following: ['COMP'], latency: 2, source: '§4 COMP→COMP 2 cycles' },
    { level: 'channel', preceding: ['COMP'], following: ['READRES'], latency: 6 * t.nCCDS, source: '§4 READRES waits a 6·tCCD_S pipeline fill' },
    { level: 'channel', preceding: ['READRES'], following: ['READRES', 'COMP'], latency: 2, source: '§4 estimate 2·(num_readres − 1)' },
    { level: 'channel', preceding: ['COMPS_READRES'], following: ['COMPS_READRES', 'COMP', 'READRES'], latency: compsReadresSpacing, source: '§4 2·(max(num_comps, 6) + 1)' },
    { level: 'channel', preceding: ['COMP'], following: ['PIM_PRE'], latency: 2, source: '§4 COMP spacing' },
    { level: 'channel', preceding: ['READRES'], following: ['PIM_PRE'], latency: t.nAL + t.nRTP, source: 'read_to_precharge' },
    // Bus-level COMP↔READ constraints stay in both modes (§5 "other bank groups stay (2 cycles)").
    { level: 'channel', preceding: [...PIM_ACCESS], following: ['RD', 'WR'], latency: t.nBL, source: '§5 bus' },
    { level: 'channel', preceding: ['RD', 'WR'], following: [...PIM_ACCESS], latency: t.nBL, source: '§5 bus' },
  ];
  if (mode === 'dual') {
    // §5 dual: read/write → COMP same bank/BG = 0 (only the bus row above), PIM → PRE = 0,
    // G_ACT ↔ ACT same bank = tRRD_L instead of tRC.
    rows.push(
      // The NeuPIMs controller closes the PIM buffers read-to-precharge after the last fused
      // command (its COMPs may still drain) with one PIM_PRECHARGE per bank, one per command
      // cycle — its command log shows 32 in a row, then the next P_HEADER, then G_ACT. So the
      // channel's command bus is held for a bank's worth of slots, and the P_HEADER takes one more.
      { level: 'channel', preceding: ['COMPS_READRES'], following: ['PIM_PRE'], latency: t.nAL + t.nRTP, source: 'read_to_precharge' },
      { level: 'channel', preceding: ['PIM_PRE'], following: ['ACT', 'PRE', 'RD', 'WR', 'REF', 'GWRITE', 'COMP', 'COMPS_READRES', 'READRES'], latency: banks, source: 'per-bank PIM_PRECHARGE train' },
      { level: 'channel', preceding: ['PIM_PRE'], following: ['G_ACT'], latency: banks + 1, source: 'per-bank PIM_PRECHARGE train, then P_HEADER' },
      { level: 'bank', preceding: ['G_ACT'], following: ['ACT'], latency: t.nRRDL, source: '§5 dual: G_ACT↔ACT tRRD_L' },
      { level: 'bank', preceding: ['ACT'], following: ['G_ACT'], latency: t.nRRDL, source: '§5 dual: G_ACT↔ACT tRRD_L' },
    );
  } else {
    rows.push(
      // A fused GEMV (`pim: {fused: true}`) closes its row once the COMPs have drained.
      { level: 'channel', preceding: ['COMPS_READRES'], following: ['PIM_PRE'], latency: compsReadresSpacing, source: '§4 2·(max(num_comps, 6) + 1)' },
      { level: 'bankgroup', preceding: ['RD'], following: [...PIM_ACCESS], latency: Math.max(t.nBL, t.nCCDL), source: '§5 single: tCCD_L' },
      { level: 'bankgroup', preceding: ['WR'], following: [...PIM_ACCESS], latency: wd + t.nWTRL, source: '§5 single: write-to-read' },
      { level: 'bank', preceding: [...PIM_ACCESS], following: ['PRE'], latency: t.nAL + t.nRTP, source: '§5 single: read-to-precharge' },
      { level: 'bank', preceding: ['G_ACT'], following: ['ACT'], latency: t.nRC, source: '§5 single: tRC' },
      { level: 'bank', preceding: ['ACT'], following: ['G_ACT'], latency: t.nRC, source: '§5 single: tRC' },
      { level: 'bank', preceding: ['PIM_PRE'], following: ['ACT'], latency: t.nRP, source: 'single buffer: tRP' },
    );
  }
  return rows;
}

/** HBM2 + PIM commands for `mode` ("HBM2-PIM-dual" / "HBM2-PIM-single"); `org` overrides HBM2_ORG fields. */
export function hbm2PimSpec(mode: PimBufferMode = 'dual', overrides: Partial<Hbm2Timing> = {}, org: Partial<DramOrg> = {}): DramSpec {
  const base = hbm2Spec(overrides, org);
  const t: Hbm2Timing = { ...HBM2_TIMING, ...overrides };
  return {
    ...base,
    name: `HBM2-PIM-${mode}`,
    timing: { ...base.timing, gwriteDelay: gwriteDelay(t) },
    commands: [...base.commands, ...pimCommands],
    constraints: [...base.constraints, ...pimConstraints(t, mode, banksPerChannel(base.org))],
  };
}

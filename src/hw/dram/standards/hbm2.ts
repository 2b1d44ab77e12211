/**
 * HBM2 8 Gb x128 as shipped with the NeuPIMs simulator (NewtonSim, DRAMsim3-derived):
 * spec neupims.md §2, from `extern/NewtonSim/configs/HBM2_8Gb_x128_dualpim.ini`.
 * Constraint latencies follow DRAMsim3's `timing.cc` derivations (read_to_read_l = max(burst,
 * tCCD_L), write_to_read_l = write_delay + tWTR_L, …) because that is what NewtonSim runs.
 */
import type { CommandSpec, DramOrg, DramSpec, TimingConstraint, TimingParams } from '../dram-spec.js';

export const levels = ['channel', 'rank', 'bankgroup', 'bank'] as const;

/** §2 "channels 32; ranks 2; bank groups × banks 4 × 4; rows × columns 32768 × 64 (×128 bit); BL 4 → 64 B". */
export const HBM2_ORG: DramOrg = {
  channels: 32,
  ranks: 2,
  bankGroups: 4,
  banksPerGroup: 4,
  rows: 32768,
  columns: 16,
  txBytes: 64,
};

/**
 * §2 "DRAM timing (cycles of 1 ns)". nBL is the burst in clock cycles (BL 4 / DDR = 2).
 * nRTP: the .ini's tRTP_L/S are ignored, the code reads `tRTP` with default 5 (§2).
 */
export const HBM2_TIMING = {
  tCK_ps: 1000,
  nBL: 2,
  nCL: 14,
  nCWL: 4,
  nAL: 0,
  nRCDRD: 14,
  nRCDWR: 14,
  nRP: 14,
  nRAS: 34,
  nRC: 48,
  nRRDS: 4,
  nRRDL: 6,
  nFAW: 30,
  nWTRS: 6,
  nWTRL: 8,
  nWR: 16,
  nCCDS: 1,
  nCCDL: 2,
  nRFC: 260,
  nREFI: 3900,
  nRTP: 5,
  nRTRS: 2,
} as const satisfies TimingParams;

export type Hbm2Timing = { [K in keyof typeof HBM2_TIMING]: number };

export const commands: readonly CommandSpec[] = [
  { name: 'ACT', scope: 'bank', effect: 'open' },
  { name: 'PRE', scope: 'bank', effect: 'close' },
  { name: 'RD', scope: 'bank', effect: 'access' },
  { name: 'WR', scope: 'bank', effect: 'access' },
  // §2 "Refresh: rank-level staggered" → all-bank refresh of one pseudo-channel.
  { name: 'REF', scope: 'rank', effect: 'refresh' },
];

/** read_delay = AL + CL + burst = 16 (§2 "read_delay 16"). */
export const readDelay = (t: Hbm2Timing): number => t.nAL + t.nCL + t.nBL;
/** write_delay = AL + CWL + burst = 6 (§2 "write_delay 6"). */
export const writeDelay = (t: Hbm2Timing): number => t.nAL + t.nCWL + t.nBL;

/** The constraint table; every latency is a DRAMsim3 `timing.cc` expression over §2's parameters. */
export function constraints(t: Hbm2Timing): TimingConstraint[] {
  const rd = readDelay(t);
  const wd = writeDelay(t);
  return [
    // ---- rank (pseudo-channel): shared command/data path ----
    { level: 'rank', preceding: ['RD'], following: ['RD'], latency: Math.max(t.nBL, t.nCCDS), source: 'read_to_read_s' },
    { level: 'rank', preceding: ['WR'], following: ['WR'], latency: Math.max(t.nBL, t.nCCDS), source: 'write_to_write_s' },
    { level: 'rank', preceding: ['RD'], following: ['WR'], latency: t.nCL + t.nBL - t.nCWL + t.nRTRS, source: 'read_to_write' },
    { level: 'rank', preceding: ['WR'], following: ['RD'], latency: wd + t.nWTRS, source: 'write_to_read_s' },
    { level: 'rank', preceding: ['ACT'], following: ['ACT'], latency: t.nRRDS, source: 'tRRD_S' },
    { level: 'rank', preceding: ['ACT'], following: ['ACT'], latency: t.nFAW, window: 4, source: 'tFAW' },
    { level: 'rank', preceding: ['ACT'], following: ['REF'], latency: t.nRC, source: 'activate_to_refresh = tRC' },
    { level: 'rank', preceding: ['PRE'], following: ['REF'], latency: t.nRP, source: 'tRP' },
    { level: 'rank', preceding: ['RD'], following: ['REF'], latency: t.nAL + t.nRTP + t.nRP, source: 'read_to_activate' },
    { level: 'rank', preceding: ['WR'], following: ['REF'], latency: t.nCWL + t.nBL + t.nWR + t.nRP, source: 'write_to_activate' },
    { level: 'rank', preceding: ['REF'], following: ['ACT', 'REF'], latency: t.nRFC, source: 'tRFC' },
    // ---- other pseudo-channel: the 128-bit data bus is shared, switching costs tRTRS ----
    { level: 'rank', sibling: true, preceding: ['RD'], following: ['RD'], latency: t.nBL + t.nRTRS, source: 'read_to_read_o' },
    { level: 'rank', sibling: true, preceding: ['WR'], following: ['WR'], latency: t.nBL, source: 'write_to_write_o' },
    { level: 'rank', sibling: true, preceding: ['RD'], following: ['WR'], latency: rd + t.nBL + t.nRTRS - wd, source: 'read_to_write_o' },
    // write_to_read_o = write_delay + burst + tRTRS − read_delay is negative for HBM2: no row.
    // ---- bank group ----
    { level: 'bankgroup', preceding: ['RD'], following: ['RD'], latency: Math.max(t.nBL, t.nCCDL), source: 'read_to_read_l' },
    { level: 'bankgroup', preceding: ['WR'], following: ['WR'], latency: Math.max(t.nBL, t.nCCDL), source: 'write_to_write_l' },
    { level: 'bankgroup', preceding: ['WR'], following: ['RD'], latency: wd + t.nWTRL, source: 'write_to_read_l' },
    { level: 'bankgroup', preceding: ['ACT'], following: ['ACT'], latency: t.nRRDL, source: 'tRRD_L' },
    // ---- bank ----
    { level: 'bank', preceding: ['ACT'], following: ['ACT'], latency: t.nRC, source: 'tRC' },
    { level: 'bank', preceding: ['ACT'], following: ['RD'], latency: t.nRCDRD - t.nAL, source: 'tRCDRD' },
    { level: 'bank', preceding: ['ACT'], following: ['WR'], latency: t.nRCDWR - t.nAL, source: 'tRCDWR' },
    { level: 'bank', preceding: ['ACT'], following: ['PRE'], latency: t.nRAS, source: 'tRAS' },
    { level: 'bank', preceding: ['PRE'], following: ['ACT'], latency: t.nRP, source: 'tRP' },
    { level: 'bank', preceding: ['RD'], following: ['PRE'], latency: t.nAL + t.nRTP, source: 'read_to_precharge' },
    { level: 'bank', preceding: ['WR'], following: ['PRE'], latency: t.nCWL + t.nBL + t.nWR, source: 'write_to_precharge' },
  ];
}

/** Builds the HBM2 spec; `overrides` replaces timing parameters (presets override only what differs). */
export function hbm2Spec(overrides: Partial<Hbm2Timing> = {}, org: Partial<DramOrg> = {}): DramSpec {
  const t: Hbm2Timing = { ...HBM2_TIMING, ...overrides };
  return {
    name: 'HBM2',
    org: { ...HBM2_ORG, ...org },
    timing: t,
    commands,
    constraints: constraints(t),
    readDelay: readDelay(t),
    writeDelay: writeDelay(t),
  };
}

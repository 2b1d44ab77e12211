/**
 * The shape of a DRAM standard as data (after ramulator2's `python/ramulator/dram/hbm2.py`):
 * organisation, commands with their scope and buffer, timing parameters, and constraint rows
 * `{level, preceding, following, latency, window?, sibling?}`. `DramState` compiles a spec
 * into flat typed arrays; nothing else interprets the rows.
 */
import { ClockDomain } from '../../sim/clock-domain.js';

/** Hierarchy levels, coarsest first. HBM2 "rank" = pseudo-channel (spec neupims.md §2). */
export const LEVELS = ['channel', 'rank', 'bankgroup', 'bank'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_INDEX: Record<Level, number> = { channel: 0, rank: 1, bankgroup: 2, bank: 3 };

/**
 * What a command does to bank state. `DramState` enforces the matching legality rule:
 * open needs a closed (normal) buffer; access needs the addressed row open; refresh needs every
 * buffer of the rank closed; pimOpen/pimAccess/pimClose act on the second (PIM) row buffer.
 */
export type CommandEffect = 'open' | 'close' | 'access' | 'refresh' | 'pimOpen' | 'pimAccess' | 'pimClose';

export interface CommandSpec {
  name: string;
  /** The node a command addresses: ACT a bank, REF a rank, G_ACT a bank group, COMP the whole channel. */
  scope: Level;
  effect: CommandEffect;
}

/** Latency in cycles, or a function of the command's argument (COMPS_READRES: number of COMPs). */
export type Latency = number | ((arg: number) => number);

export interface TimingConstraint {
  /** Level at which preceding and following must share a node for the rule to apply. */
  level: Level;
  preceding: readonly string[];
  following: readonly string[];
  latency: Latency;
  /** Rolling window: `following` waits `latency` after the `window`-th most recent `preceding` (tFAW). */
  window?: number;
  /** Applies between *different* nodes of `level` under the same parent (rank-to-rank switching). */
  sibling?: boolean;
  /** Spec section / JEDEC name the number comes from. */
  source?: string;
}

export interface DramOrg {
  channels: number;
  /** Pseudo-channels per channel. */
  ranks: number;
  bankGroups: number;
  banksPerGroup: number;
  rows: number;
  /** Transactions (bursts) per row: 1 KB row / 64 B = 16. */
  columns: number;
  /** Bytes per transaction (BL × bus width). */
  txBytes: number;
}

export type TimingParams = Readonly<Record<string, number>>;

export interface DramSpec {
  name: string;
  org: DramOrg;
  timing: TimingParams;
  commands: readonly CommandSpec[];
  constraints: readonly TimingConstraint[];
  /** Cycles from RD issue to the last data beat (AL + CL + burst). */
  readDelay: number;
  /** Cycles from WR issue to the last data beat (AL + CWL + burst). */
  writeDelay: number;
}

export function banksPerChannel(org: DramOrg): number {
  return org.ranks * org.bankGroups * org.banksPerGroup;
}

/** The clock a standard runs at: one cycle per `tCK_ps` (default 1000 ps = 1 GHz, HBM2 §2). */
export function dramClock(spec: DramSpec): ClockDomain {
  return ClockDomain.fromPeriodPs('dram', spec.timing.tCK_ps ?? 1000, 'memory.timing.tCK_ps');
}

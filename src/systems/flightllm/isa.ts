/**
 * FlightLLM's instruction set as the demo's generator encodes it (profile/inst_gen/isa.py at
 * 4a96251): six decoupled units, each instruction carrying wait/release bit-masks over the other
 * unit types. A release from unit A to unit B adds one token on the (A→B) queue when the
 * instruction ends; an instruction of B that waits on A consumes one (FIFO), so units run ahead of
 * each other exactly as far as their dependencies allow.
 */
export const UNITS = ['LD', 'ST', 'MM', 'MV', 'MISC', 'SYS'] as const;
export type UnitName = (typeof UNITS)[number];
export const LD = 0, ST = 1, MM = 2, MV = 3, MISC = 4, SYS = 5;
export const UNIT_COUNT = UNITS.length;

/** 32-bit words per instruction (demo isa.py): LD 7, ST 3, MM 4, MV 4, MISC 3, SYS 1. */
export const INSTR_WORDS = [7, 3, 4, 4, 3, 1] as const;

/** Where a load/store goes: striped over the SLR's channel group, or one channel across the switch. */
export type ChannelMode = 'striped' | 'cross';

/** What a transfer carries (for the byte breakdown). */
export type Traffic = 'weight' | 'kv' | 'act';

export interface Instr {
  unit: number;
  /** Bit i set: wait for one token from unit i (release: give one to unit i). */
  wait: number;
  release: number;
  /** Compute units: cycles at the design clock. */
  cycles: number;
  /** LD/ST: bytes moved. */
  bytes: number;
  channels: ChannelMode;
  traffic: Traffic;
  /** INT8 MACs an MM/MV performs. */
  macs: number;
  /** The operator it belongs to (trace span name). */
  op: string;
}

export function programBytes(words: readonly number[]): number {
  return 4 * words.reduce((a, b) => a + b, 0);
}

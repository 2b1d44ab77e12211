/**
 * Builds one SLR's instruction stream from dependencies between instructions: `emit` names the
 * instructions an instruction needs, and the builder turns each into a wait bit on the consumer
 * and a release bit on the producer. A dependency already implied (same unit: in order; or the
 * consumer's unit already waited on a later instruction of the producer's unit) is dropped, which
 * keeps every (producer unit → consumer unit) token queue FIFO-consistent.
 */
import { UNIT_COUNT, INSTR_WORDS, type ChannelMode, type Instr, type Traffic } from './isa.js';

export interface EmitFields {
  cycles?: number;
  bytes?: number;
  channels?: ChannelMode;
  traffic?: Traffic;
  macs?: number;
}

export class ProgramBuilder {
  readonly instrs: Instr[] = [];
  /** Words per unit, for the storage count. */
  readonly words = new Array<number>(UNIT_COUNT).fill(0);
  readonly counts = new Array<number>(UNIT_COUNT).fill(0);
  private readonly lastWaited = new Int32Array(UNIT_COUNT * UNIT_COUNT).fill(-1);

  /** Counting only (storage sizes of many programs): no instruction objects are kept. */
  constructor(readonly countOnly = false) {}

  emit(unit: number, op: string, f: EmitFields, deps: readonly number[] = []): number {
    const idx = this.counts.reduce((a, b) => a + b, 0);
    this.counts[unit]++;
    this.words[unit] += INSTR_WORDS[unit];
    if (this.countOnly) return idx;
    const ins: Instr = { unit, wait: 0, release: 0, cycles: f.cycles ?? 0, bytes: f.bytes ?? 0, channels: f.channels ?? 'striped', traffic: f.traffic ?? 'act', macs: f.macs ?? 0, op };
    // one token per unit pair: of several producers on one unit only the latest counts
    const latest = new Map<number, number>();
    for (const p of deps) if (p >= 0) latest.set(this.instrs[p].unit, Math.max(p, latest.get(this.instrs[p].unit) ?? -1));
    for (const p of [...latest.values()].sort((a, b) => a - b)) {
      const prod = this.instrs[p];
      if (prod.unit === unit) continue;
      const key = prod.unit * UNIT_COUNT + unit;
      if (this.lastWaited[key] >= p) continue;
      this.lastWaited[key] = p;
      ins.wait |= 1 << prod.unit;
      prod.release |= 1 << unit;
    }
    this.instrs.push(ins);
    return idx;
  }

  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }
}

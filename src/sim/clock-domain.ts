/**
 * Clock domains convert between a component's cycles and the kernel's picoseconds. Periods are
 * integers (1 GHz → 1000 ps, 2 GHz → 500 ps) so cycle↔time conversion is exact.
 */
import { HetsimError } from '../errors.js';
import type { TimePs } from './types.js';

export class ClockDomain {
  readonly periodPs: number;

  constructor(
    readonly name: string,
    readonly freqMHz: number,
  ) {
    const period = 1e6 / freqMHz;
    if (!Number.isFinite(period) || period <= 0 || !Number.isInteger(period)) {
      throw new HetsimError('config_invalid', `clock ${name}: ${freqMHz} MHz does not give an integer period in ps`, 'freqMHz');
    }
    this.periodPs = period;
  }

  /** Start time of cycle `c`. */
  toPs(c: number): TimePs {
    return c * this.periodPs;
  }

  /** First cycle that starts at or after `t` (a component woken mid-cycle acts on the next edge). */
  cycleAtOrAfter(t: TimePs): number {
    return Math.ceil(t / this.periodPs);
  }

  /** Cycle containing `t`. */
  cycleOf(t: TimePs): number {
    return Math.floor(t / this.periodPs);
  }
}

/** NeuPIMs clock domains (spec neupims.md §3 "Clock domains: core 1 GHz, DRAM 1 GHz, icnt 2 GHz"). */
export const NPU_CLOCK = new ClockDomain('npu', 1000);
export const DRAM_CLOCK = new ClockDomain('dram', 1000);
export const ICNT_CLOCK = new ClockDomain('icnt', 2000);

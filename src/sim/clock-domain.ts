/**
 * Clock domains convert between a component's cycles and the kernel's integer picoseconds.
 *
 * Choice: ROUNDED EDGES. Cycle c starts at edge(c) = round(c·10⁶ / f_MHz) ps (halves round up),
 * computed exactly in integers for an integer-MHz clock. A 1 GHz or 2 GHz clock has an integer
 * period (1000 ps, 500 ps) and gets exactly c·period; a 225 MHz clock (4444.4… ps) gets edges
 * 0, 4444, 8889, 13333, …: cycles are not uniform (they differ by at most 1 ps) but never drift,
 * and kernel time stays an exact integer, so event order stays deterministic. The alternatives were
 * worse: rejecting such clocks (an FPGA at 225 MHz is legitimate), a rounded uniform period (drifts:
 * 4444 ps instead of 4444.4 is 0.01% fast, forever), or fractional kernel time (ties break on
 * floating-point noise).
 *
 * `toPs`, `cycleAtOrAfter` and `cycleOf` agree with each other: cycleAtOrAfter(t) is the smallest
 * c with edge(c) ≥ t, cycleOf(t) the largest c with edge(c) ≤ t.
 */
import { HetsimError } from '../errors.js';
import type { TimePs } from './types.js';

const PS_PER_US = 1e6;

export class ClockDomain {
  /** Nominal period, ps (fractional unless 10⁶ / f is an integer). */
  readonly periodPs: number;
  /** The integer period when there is one (the fast path), else 0. */
  private readonly intPeriod: number;
  /** f in MHz when it is an integer (exact rational edges), else 0. */
  private readonly intMHz: number;

  /**
   * `path` is the config key the frequency came from (for the error). `exactPeriodPs` (use
   * `fromPeriodPs`) pins an integer period whose 10⁶ / p is not exact in binary (p = 833 ps).
   */
  constructor(
    readonly name: string,
    readonly freqMHz: number,
    path = 'freqMHz',
    exactPeriodPs = 0,
  ) {
    if (!Number.isFinite(freqMHz) || freqMHz <= 0 || freqMHz > PS_PER_US) {
      throw new HetsimError('config_invalid', `clock ${name}: frequency ${freqMHz} MHz must be a finite number > 0 and ≤ 1000000 MHz (a period of at least 1 ps)`, path);
    }
    const period = exactPeriodPs > 0 ? exactPeriodPs : PS_PER_US / freqMHz;
    this.periodPs = period;
    this.intPeriod = exactPeriodPs > 0 || (Number.isInteger(period) && period * freqMHz === PS_PER_US) ? period : 0;
    this.intMHz = Number.isInteger(freqMHz) ? freqMHz : 0;
  }

  /** A clock given by an integer period in ps (a DRAM standard's tCK_ps). */
  static fromPeriodPs(name: string, periodPs: number, path = 'tCK_ps'): ClockDomain {
    if (!Number.isInteger(periodPs) || periodPs <= 0) {
      throw new HetsimError('config_invalid', `clock ${name}: period ${periodPs} ps must be a positive integer`, path);
    }
    return new ClockDomain(name, PS_PER_US / periodPs, path, periodPs);
  }

  /** Start time of cycle `c` (an integer ≥ 0). */
  toPs(c: number): TimePs {
    if (this.intPeriod > 0) return c * this.intPeriod;
    const f = this.intMHz;
    if (f === 0) return Math.round((c * PS_PER_US) / this.freqMHz);
    // exact integer division of c·10⁶ by f, then round half up (2r ≥ f)
    const n = c * PS_PER_US;
    let q = Math.floor(n / f);
    let r = n - q * f;
    while (r < 0) (q--, (r += f));
    while (r >= f) (q++, (r -= f));
    return 2 * r >= f ? q + 1 : q;
  }

  /** First cycle that starts at or after `t` (a component woken mid-cycle acts on the next edge). */
  cycleAtOrAfter(t: TimePs): number {
    if (this.intPeriod > 0) return Math.ceil(t / this.intPeriod);
    let c = Math.max(0, Math.ceil(t / this.periodPs));
    while (c > 0 && this.toPs(c - 1) >= t) c--;
    while (this.toPs(c) < t) c++;
    return c;
  }

  /** Cycle containing `t`: the last one that starts at or before it. */
  cycleOf(t: TimePs): number {
    if (this.intPeriod > 0) return Math.floor(t / this.intPeriod);
    let c = Math.max(0, Math.floor(t / this.periodPs));
    while (c > 0 && this.toPs(c) > t) c--;
    while (this.toPs(c + 1) <= t) c++;
    return c;
  }
}

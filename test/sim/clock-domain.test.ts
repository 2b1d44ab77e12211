import { describe, expect, it } from 'vitest';
import { HetsimError } from '../../src/errors.js';
import { ClockDomain } from '../../src/sim/index.js';

/** edge(c) = round(c·10⁶ / f) ps with halves rounded up, in exact rational (BigInt) arithmetic. */
function exactEdge(c: number, fMHz: number): number {
  const num = 2n * BigInt(c) * 1_000_000n + BigInt(fMHz); // ⌊(2·c·10⁶ + f) / 2f⌋ = round half up
  return Number(num / (2n * BigInt(fMHz)));
}

/** Cycles to check: the first few hundred, around a long run, and near 2^40 ps. */
const SAMPLE = [...Array.from({ length: 400 }, (_, i) => i), 999_999, 1_000_000, 1_000_001, 123_456_789, 250_000_000];

describe('ClockDomain', () => {
  for (const f of [225, 300]) {
    it(`${f} MHz: cycle edges are round(c·10⁶/${f}) ps, exactly`, () => {
      const clk = new ClockDomain('fpga', f);
      for (const c of SAMPLE) expect(clk.toPs(c)).toBe(exactEdge(c, f));
    });

    it(`${f} MHz: cycleAtOrAfter / cycleOf invert the edges`, () => {
      const clk = new ClockDomain('fpga', f);
      for (const c of SAMPLE) {
        const t = clk.toPs(c);
        expect(clk.cycleAtOrAfter(t)).toBe(c);
        expect(clk.cycleOf(t)).toBe(c);
        // one ps after an edge is inside cycle c and before the next edge
        expect(clk.cycleOf(t + 1)).toBe(c);
        expect(clk.cycleAtOrAfter(t + 1)).toBe(c + 1);
        if (c > 0) {
          expect(clk.cycleOf(t - 1)).toBe(c - 1);
          expect(clk.cycleAtOrAfter(t - 1)).toBe(c);
        }
      }
    });

    it(`${f} MHz: cycleAtOrAfter(t) is the smallest c with edge(c) ≥ t, cycleOf(t) the largest with edge(c) ≤ t`, () => {
      const clk = new ClockDomain('fpga', f);
      for (let t = 0; t < 50_000; t += 7) {
        const a = clk.cycleAtOrAfter(t);
        expect(exactEdge(a, f)).toBeGreaterThanOrEqual(t);
        if (a > 0) expect(exactEdge(a - 1, f)).toBeLessThan(t);
        const o = clk.cycleOf(t);
        expect(exactEdge(o, f)).toBeLessThanOrEqual(t);
        expect(exactEdge(o + 1, f)).toBeGreaterThan(t);
      }
    });
  }

  it('225 MHz edges are not uniform but never drift (4444 or 4445 ps apart)', () => {
    const clk = new ClockDomain('fpga', 225);
    expect([0, 1, 2, 3, 9].map((c) => clk.toPs(c))).toEqual([0, 4444, 8889, 13333, 40000]);
    for (let c = 0; c < 1000; c++) expect([4444, 4445]).toContain(clk.toPs(c + 1) - clk.toPs(c));
    expect(clk.toPs(225_000_000)).toBe(1e12); // one second
  });

  it('1 GHz and 2 GHz keep their integer periods (1000 ps, 500 ps)', () => {
    const npu = new ClockDomain('npu', 1000);
    const icnt = new ClockDomain('icnt', 2000);
    expect(npu.periodPs).toBe(1000);
    expect(npu.toPs(3)).toBe(3000);
    expect(icnt.toPs(3)).toBe(1500);
    expect(npu.cycleAtOrAfter(1001)).toBe(2);
    expect(npu.cycleAtOrAfter(1000)).toBe(1);
    expect(npu.cycleOf(1999)).toBe(1);
    expect(npu.cycleOf(2000)).toBe(2);
  });

  it('fromPeriodPs builds a clock from an integer tCK (833 ps stays exact)', () => {
    const dram = ClockDomain.fromPeriodPs('dram', 833);
    expect(dram.toPs(1000)).toBe(833_000);
    expect(dram.cycleOf(833_000)).toBe(1000);
    expect(dram.cycleAtOrAfter(833_001)).toBe(1001);
  });

  it('rejects a non-finite, zero or negative frequency, naming the clock', () => {
    for (const f of [0, -100, Number.NaN, Number.POSITIVE_INFINITY, 2e6]) {
      const e = (() => {
        try {
          new ClockDomain('npu', f, 'npu.freq_mhz');
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(HetsimError);
      expect((e as HetsimError).message).toMatch(/clock npu/);
      expect((e as HetsimError).path).toBe('npu.freq_mhz');
    }
    expect(() => ClockDomain.fromPeriodPs('dram', 0.5)).toThrow(HetsimError);
  });
});

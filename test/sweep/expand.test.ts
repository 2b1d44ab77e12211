/** Sweep axes → points: inclusive ranges without float drift, product order, zip groups, filters. */
import { describe, expect, it } from 'vitest';
import { dimensions, expandAxis, passes, points, valueAt } from '../../src/sweep/expand.js';
import type { SweepSpec } from '../../src/sweep/sweep-spec.js';

const spec = (s: Partial<SweepSpec>): SweepSpec => ({ kind: 'roofline', base: {}, ...s });

describe('expandAxis', () => {
  it('lists pass through; ranges are inclusive, also with float steps and factors', () => {
    expect(expandAxis([3, 'a'], 'axes.x', 10)).toEqual([3, 'a']);
    expect(expandAxis({ from: 1, to: 64, factor: 2 }, 'axes.x', 100)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(expandAxis({ from: 0.1, to: 0.5, step: 0.1 }, 'axes.x', 100)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(expandAxis({ from: 10, to: 1, step: -3 }, 'axes.x', 100)).toEqual([10, 7, 4, 1]);
    expect(expandAxis({ from: 64, to: 1, factor: 0.5 }, 'axes.x', 100)).toEqual([64, 32, 16, 8, 4, 2, 1]);
    expect(expandAxis({ from: 1, to: 100, factor: 3 }, 'axes.x', 100)).toEqual([1, 3, 9, 27, 81]);
    expect(expandAxis({ from: 5, to: 5, step: 1 }, 'axes.x', 100)).toEqual([5]);
  });

  it('a step of 0, a step or factor of the wrong sign, a range past the limit: errors naming the spec key', () => {
    expect(() => expandAxis({ from: 1, to: 8, step: 0 }, 'axes.batch', 100)).toThrow(/^axes\.batch\.step: step 0 never gets/);
    expect(() => expandAxis({ from: 8, to: 1, step: 1 }, 'axes.batch', 100)).toThrow(/axes\.batch\.step: step 1 goes away.*use step -1/);
    expect(() => expandAxis({ from: 1, to: 8, factor: 0.5 }, 'axes.batch', 100)).toThrow(/axes\.batch\.factor: .*use factor 2/);
    expect(() => expandAxis({ from: 1, to: 8, factor: 1 }, 'axes.batch', 100)).toThrow(/axes\.batch\.factor/);
    expect(() => expandAxis({ from: 0, to: 8, factor: 2 }, 'axes.batch', 100)).toThrow(/from and to > 0/);
    expect(() => expandAxis({ from: 1, to: 1e9, step: 1 }, 'axes.batch', 1000)).toThrow(/axes\.batch: the range expands to 1000000000 values, more than the limit 1000/);
  });
});

describe('points', () => {
  it('the product in spec order, first axis slowest; a zip group advances its keys together', () => {
    const dims = dimensions(spec({ axes: { a: [1, 2], b: ['x', 'y'] }, zip: [{ c: [10, 20], d: [100, 200] }] }), 100);
    expect([...points(dims)].map((p) => `${p.a}${p.b}${p.c}/${p.d}`)).toEqual([
      '1x10/100', '1x20/200', '1y10/100', '1y20/200', '2x10/100', '2x20/200', '2y10/100', '2y20/200',
    ]);
    expect([...points(dimensions(spec({}), 100))]).toEqual([{}]);
  });

  it('a key swept twice and zipped lists of different lengths are errors', () => {
    expect(() => dimensions(spec({ axes: { batch: [1] }, zip: [{ batch: [2] }] }), 100)).toThrow(/^zip\[0\]\.batch: scenario key 'batch' is swept twice \(also at axes\.batch\)/);
    expect(() => dimensions(spec({ zip: [{ batch: [1, 8], seq: [512] }] }), 100)).toThrow(/^zip\[0\]\.seq: .*batch has 2, seq has 1/);
  });
});

describe('filters', () => {
  const at = (o: Record<string, unknown>) => (k: string) => valueAt(o, k);
  it('every op, on numbers, strings, nested keys', () => {
    const p = { batch: 8, stage: 'decode', npu: { freq_mhz: 500 } };
    const ok = (f: Record<string, unknown>) => passes({ key: 'batch', ...f }, at(p), 'where[0]', []);
    expect([ok({ eq: 8 }), ok({ ne: 8 }), ok({ lt: 8 }), ok({ le: 8 }), ok({ gt: 4 }), ok({ ge: 9 }), ok({ in: [1, 8] })]).toEqual([true, false, false, true, true, false, true]);
    expect(passes({ key: 'npu.freq_mhz', lt: 600 }, at(p), 'where[0]', [])).toBe(true);
    expect(passes({ key: 'stage', in: ['prefill'] }, at(p), 'where[0]', [])).toBe(false);
    expect(passes({ key: 'batch', eq: 8 }, at({ batch: '8' }), 'where[0]', [])).toBe(true);
  });

  it('an unknown key (with did-you-mean) and a numeric op on a string are errors', () => {
    expect(() => passes({ key: 'bach', le: 3 }, at({ batch: 1 }), 'where[1]', ['batch'])).toThrow(/^where\[1\]\.key: filter key 'bach' .*did you mean 'batch'/);
    expect(() => passes({ key: 'stage', le: 3 }, at({ stage: 'decode' }), 'where[0]', [])).toThrow(/'le' compares numbers, but stage is "decode"/);
  });
});

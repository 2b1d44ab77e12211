import { describe, expect, it } from 'vitest';
import { clusterAnchors, compressNames, computeRoofs, roofUnit, rooflineDomain, rooflinePoints, wrapTokens } from '../../src/report/roofline-geometry.js';
import { H100, llama7bRows, makeRow, zeroRows } from './fixture.js';

describe('rooflinePoints(series)', () => {
  it('skips rows without ops, traffic or time, and computes perf as ops/time', () => {
    const rows = [...llama7bRows(), ...zeroRows, { ...makeRow('x', 'decode', 1, 1, 1, 1), time_s: 0 }];
    const pts = rooflinePoints([{ label: 'a', rows }]);
    expect(pts).toHaveLength(llama7bRows().length);
    const q = pts.find((p) => p.name === 'q_proj' && p.stage === 'decode')!;
    expect(q.perf).toBeCloseTo(q.ai * H100.bandwidth, -6);
  });

  it('recomputes a missing arithmetic intensity from ops and traffic', () => {
    const [p] = rooflinePoints([{ label: 'a', rows: [{ ...makeRow('x', 'prefill', 100, 50, 1e12, 1e12), arithmetic_intensity: 0 }] }]);
    expect(p.ai).toBe(2);
  });
});

describe('computeRoofs(roofs)', () => {
  it('merges dtypes with one peak, highest first, with ridge = peak/bandwidth', () => {
    const r = computeRoofs(H100);
    expect(r.map((x) => x.dtypes)).toEqual([['fp8', 'int8'], ['bf16', 'fp16'], ['tf32'], ['fp32']]);
    expect(r[1].ridge).toBeCloseTo(989.4e12 / 3.35e12);
  });

  it('roofUnit says TOP/s as soon as an integer dtype shares the roof', () => {
    expect(roofUnit(['bf16'])).toBe('TFLOP/s');
    expect(roofUnit(['fp8', 'int8'])).toBe('TOP/s');
  });
});

describe('rooflineDomain(points, roofs, roofRoom)', () => {
  it('pads around every point and ridge', () => {
    const pts = rooflinePoints([{ label: 'a', rows: llama7bRows() }]);
    const d = rooflineDomain(pts, H100);
    for (const p of pts) {
      expect(p.ai).toBeGreaterThan(d.x[0]);
      expect(p.ai).toBeLessThan(d.x[1]);
      expect(p.perf).toBeGreaterThan(d.y[0]);
    }
    expect(d.y[1]).toBeGreaterThan(1978.9e12);
    expect(d.x[1]).toBeGreaterThan(1978.9e12 / 3.35e12);
  });

  it('widens x so each roof keeps roofRoom of the width right of its ridge', () => {
    const d = rooflineDomain([], H100, () => 0.5);
    const ridge = 1978.9e12 / 3.35e12;
    const frac = (Math.log10(d.x[1]) - Math.log10(ridge)) / (Math.log10(d.x[1]) - Math.log10(d.x[0]));
    expect(frac).toBeGreaterThanOrEqual(0.5 - 1e-9);
  });
});

describe('compressNames(names) and wrapTokens(tokens, max)', () => {
  it('shares suffixes', () => {
    expect(compressNames(['q_proj', 'k_proj', 'out_proj', 'qk_matmul', 'softmax'])).toEqual(['q/k/out_proj', 'qk_matmul', 'softmax']);
  });

  it('wraps at the character budget', () => {
    expect(wrapTokens(['q/k/v/out/gate/up/down_proj', 'qk/sv_matmul'], 24)).toEqual(['q/k/v/out/gate/up/down_proj,', 'qk/sv_matmul']);
    expect(wrapTokens(['a', 'b'], 24)).toEqual(['a, b']);
  });
});

describe('clusterAnchors(anchors, tol)', () => {
  it('merges anchors within tol px, keeping names and stages once each', () => {
    const c = clusterAnchors([
      { x: 0, y: 0, name: 'a', stage: 'prefill' },
      { x: 2, y: 1, name: 'b', stage: 'decode' },
      { x: 20, y: 0, name: 'c', stage: 'decode' },
      { x: 1, y: 0, name: 'a', stage: 'decode' },
    ], 4);
    expect(c.map((k) => [k.names, k.stages])).toEqual([[['a', 'b'], ['prefill', 'decode']], [['c'], ['decode']]]);
  });
});

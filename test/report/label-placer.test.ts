import { describe, expect, it } from 'vitest';
import { crosses, labelPlacer, overlaps, segmentsCross, type Rect } from '../../src/report/label-placer.js';

const bounds: Rect = { x: 0, y: 0, w: 400, h: 300 };

describe('labelPlacer()', () => {
  it('placer.bounds(b) and friends are setters that chain, getters without arguments', () => {
    const p = labelPlacer();
    expect(p.bounds(bounds)).toBe(p);
    expect(p.bounds()).toEqual(bounds);
    expect(p.fontSize(9).fontSize()).toBe(9);
    expect(p.obstacles([]).segments([]).texts([]).radii([4, 8]).radii()).toEqual([4, 8]);
  });

  it('placer(labels) keeps labels inside the bounds, off obstacles and off each other', () => {
    const anchors = Array.from({ length: 12 }, (_, i) => ({ x: 150 + (i % 4) * 20, y: 120 + Math.floor(i / 4) * 15 }));
    const obstacles = anchors.map((a) => ({ x: a.x - 5, y: a.y - 5, w: 10, h: 10 }));
    const out = labelPlacer().bounds(bounds).obstacles(obstacles)(anchors.map((a, i) => ({ ...a, lines: [`layer_${i}`] })));
    expect(out.every((p) => p.placed)).toBe(true);
    for (const [i, p] of out.entries()) {
      expect(p.box.x).toBeGreaterThanOrEqual(0);
      expect(p.box.x + p.box.w).toBeLessThanOrEqual(400);
      for (const o of obstacles) expect(overlaps(p.box, o)).toBe(false);
      for (const q of out.slice(i + 1)) expect(overlaps(p.box, q.box)).toBe(false);
    }
  });

  it('puts a lone label right next to its point, without a leader', () => {
    const [p] = labelPlacer().bounds(bounds)([{ x: 100, y: 100, lines: ['softmax'] }]);
    expect(p.placed).toBe(true);
    expect(p.leader).toBe(false);
    expect(p.box.x).toBeGreaterThanOrEqual(100);
    expect(Math.abs(p.box.y + p.box.h / 2 - 100)).toBeLessThan(8);
  });

  it('prefers positions that do not cross lines', () => {
    const line: [number, number, number, number] = [0, 100, 400, 100];
    const [p] = labelPlacer().bounds(bounds).segments([line])([{ x: 100, y: 100, lines: ['q_proj'] }]);
    expect(crosses(line, p.box)).toBe(false);
  });

  it('reports placed: false when there is no room', () => {
    const [p] = labelPlacer().bounds({ x: 0, y: 0, w: 20, h: 10 })([{ x: 10, y: 5, lines: ['far_too_long_a_name'] }]);
    expect(p.placed).toBe(false);
  });

  it('is deterministic', () => {
    const labels = [{ x: 50, y: 50, lines: ['a'] }, { x: 52, y: 52, lines: ['b'] }];
    const p = labelPlacer().bounds(bounds);
    expect(p(labels)).toEqual(p(labels));
  });
});

describe('geometry helpers', () => {
  it('crosses(segment, rect) and segmentsCross(a, b)', () => {
    expect(crosses([0, 0, 10, 10], { x: 4, y: 4, w: 2, h: 2 })).toBe(true);
    expect(crosses([0, 0, 10, 0], { x: 4, y: 4, w: 2, h: 2 })).toBe(false);
    expect(segmentsCross([0, 0, 10, 10], [0, 10, 10, 0])).toBe(true);
    expect(segmentsCross([0, 0, 10, 0], [0, 5, 10, 5])).toBe(false);
  });
});

/**
 * Axes drawn by hand rather than with d3-axis: log plots need decade labels
 * with unlabelled minor ticks, and d3-axis hard-codes its own font on the group.
 */
import type { ScaleContinuousNumeric } from 'd3';
import type { G } from './dom.js';
import { px } from './dom.js';
import { decadeLabel } from './format.js';
import { GRID, INK, MUTED } from './palette.js';

export interface Ticks {
  major: number[];
  minor: number[];
  format: (v: number) => string;
}

/** Decades as labelled ticks, 2…9 within each as minor ones; d3's own ticks when the range is under two decades. */
export function logTicks(scale: ScaleContinuousNumeric<number, number>): Ticks {
  const [lo, hi] = scale.domain() as [number, number];
  const e0 = Math.ceil(Math.log10(lo) - 1e-9);
  const e1 = Math.floor(Math.log10(hi) + 1e-9);
  if (e1 - e0 < 2) {
    const major = scale.ticks(5);
    return { major, minor: [], format: scale.tickFormat(5, '~g') };
  }
  // Over many decades the 2…9 ticks turn into a grey smear; thin the labels instead.
  const step = Math.ceil((e1 - e0 + 1) / 9);
  const major: number[] = [];
  const minor: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= e1; e++) {
    const base = Math.pow(10, e);
    if (e >= e0 && (e - e0) % step === 0) major.push(base);
    else if (e >= e0) minor.push(base);
    if (step === 1) for (let m = 2; m <= 9; m++) if (m * base >= lo && m * base <= hi) minor.push(m * base);
  }
  return { major, minor, format: decadeLabel };
}

/** Linear ticks: d3's nice ones, "8,000" style (d3 picks the decimals); SI prefixes only from a million up. */
export function linearTicks(scale: ScaleContinuousNumeric<number, number>, count = 6): Ticks {
  const top = Math.max(...scale.domain().map(Math.abs));
  return { major: scale.ticks(count), minor: [], format: scale.tickFormat(count, top >= 1e6 ? '~s' : ',~f') };
}

const TICK = 5;

/** X axis along the bottom of a `w`×`h` plot area at the group's origin, with vertical grid lines. */
export function drawXAxis(g: G, x: (v: number) => number, w: number, h: number, ticks: Ticks, label: string): void {
  const a = g.append('g').attr('class', 'axis x');
  for (const v of ticks.major) {
    a.append('line').attr('x1', px(x(v))).attr('x2', px(x(v))).attr('y1', 0).attr('y2', h).attr('stroke', GRID);
  }
  for (const v of ticks.minor) {
    a.append('line').attr('x1', px(x(v))).attr('x2', px(x(v))).attr('y1', h).attr('y2', h - TICK / 2 - 1).attr('stroke', MUTED);
  }
  for (const v of ticks.major) {
    a.append('line').attr('x1', px(x(v))).attr('x2', px(x(v))).attr('y1', h).attr('y2', h + TICK).attr('stroke', INK);
    a.append('text').attr('x', px(x(v))).attr('y', h + TICK + 13).attr('text-anchor', 'middle').attr('fill', INK).text(ticks.format(v));
  }
  a.append('text').attr('class', 'label').attr('x', px(w / 2)).attr('y', h + 42).attr('text-anchor', 'middle')
    .attr('font-size', 13).attr('fill', INK).text(label);
}

/** Y axis along the left of the plot area, with horizontal grid lines; `labelOffset` is the title's distance from the axis. */
export function drawYAxis(g: G, y: (v: number) => number, w: number, h: number, ticks: Ticks, label: string, labelOffset = 52): void {
  const a = g.append('g').attr('class', 'axis y');
  for (const v of ticks.major) {
    a.append('line').attr('x1', 0).attr('x2', w).attr('y1', px(y(v))).attr('y2', px(y(v))).attr('stroke', GRID);
  }
  for (const v of ticks.minor) {
    a.append('line').attr('x1', 0).attr('x2', TICK / 2 + 1).attr('y1', px(y(v))).attr('y2', px(y(v))).attr('stroke', MUTED);
  }
  for (const v of ticks.major) {
    a.append('line').attr('x1', -TICK).attr('x2', 0).attr('y1', px(y(v))).attr('y2', px(y(v))).attr('stroke', INK);
    a.append('text').attr('x', -TICK - 3).attr('y', px(y(v) + 4)).attr('text-anchor', 'end').attr('fill', INK).text(ticks.format(v));
  }
  a.append('text').attr('class', 'label').attr('transform', `translate(${-labelOffset},${px(h / 2)}) rotate(-90)`)
    .attr('text-anchor', 'middle').attr('font-size', 13).attr('fill', INK).text(label);
}

/** A dashed horizontal line across the plot at `y(value)` with its label at the right (y = 1 on a ratio chart). */
export function drawReferenceLine(g: G, y: (v: number) => number, w: number, ref: { value: number; label: string }): void {
  const ry = px(y(ref.value));
  const r = g.append('g').attr('class', 'reference');
  r.append('line').attr('x1', 0).attr('x2', w).attr('y1', ry).attr('y2', ry).attr('stroke', INK).attr('stroke-dasharray', '5 3');
  r.append('text').attr('x', w - 4).attr('y', ry - 4).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', INK).text(ref.label);
}

/** The plot frame, drawn last so grid lines and roofs never paint over it. */
export function drawFrame(g: G, w: number, h: number): void {
  g.append('rect').attr('class', 'frame').attr('width', w).attr('height', h).attr('fill', 'none').attr('stroke', INK);
}

/** The zero line of a bar chart when it sits inside the plot (negative values); the frame already draws the bottom edge. */
export function drawXAxisBase(g: G, w: number, h: number, base: number): void {
  if (base >= h - 0.5) return;
  g.append('line').attr('class', 'baseline').attr('x1', 0).attr('x2', w).attr('y1', px(base)).attr('y2', px(base)).attr('stroke', INK);
}

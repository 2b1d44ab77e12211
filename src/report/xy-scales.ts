/** Linear or log scales over data for the x/y charts (line, scatter), with their ticks. */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { linearTicks, logTicks, type Ticks } from './axes.js';

export interface Axis {
  scale: ScaleContinuousNumeric<number, number>;
  ticks: Ticks;
}

/** A scale over `values` (plus `include`, e.g. a reference line) onto [r0, r1]; log drops values ≤ 0. */
export function dataAxis(values: number[], log: boolean, range: [number, number], include: number[] = []): Axis {
  const v = [...values, ...include].filter((n) => Number.isFinite(n) && (!log || n > 0));
  let lo = v.length ? Math.min(...v) : log ? 1 : 0;
  let hi = v.length ? Math.max(...v) : log ? 10 : 1;
  if (log) {
    if (hi / lo < 10) [lo, hi] = [lo / 1.5, hi * 1.5];
    const scale = scaleLog().domain([lo, hi]).range(range).nice();
    return { scale, ticks: logTicks(scale) };
  }
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.06;
  const scale = scaleLinear().domain([lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad]).range(range).nice();
  return { scale, ticks: linearTicks(scale) };
}

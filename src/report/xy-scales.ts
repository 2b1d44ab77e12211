/** Linear or log scales over data for the x/y charts (line, scatter), with their ticks. */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { drawXAxis, drawYAxis, linearTicks, logTicks, type Ticks } from './axes.js';
import { chartTitleHeight, drawChartTitle } from './chart-title.js';
import { svgCanvas, type G, type SvgCanvas } from './dom.js';
import { legendWidth, type LegendEntry } from './legend.js';
import { textWidth } from './text-width.js';

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

export interface XYFrame {
  canvas: SvgCanvas;
  plot: G;
  x: Axis;
  y: Axis;
  w: number;
  h: number;
  /** Where the legend goes (right of the plot). */
  legendAt: [number, number];
}

/**
 * The common frame of the x/y charts: canvas, wrapped title and subtitle, margins sized to the y
 * tick labels and the legend, both axes with grid lines. `includeY` widens the y range (a reference line).
 */
export function xyFrame(
  kind: string,
  input: { title: string; subtitle?: string; width?: number; height?: number; xLabel: string; yLabel: string; logX?: boolean; logY?: boolean },
  xs: number[],
  ys: number[],
  legend: LegendEntry[],
  includeY: number[] = [],
): XYFrame {
  const width = input.width ?? 760;
  const height = input.height ?? 440;
  const probe = dataAxis(ys, input.logY ?? false, [1, 0], includeY);
  const tickW = Math.max(...probe.ticks.major.map((v) => textWidth(probe.ticks.format(v), 12)));
  const margin = { top: chartTitleHeight(width - 32, input.title, input.subtitle), right: Math.ceil(legendWidth(legend)) + 36, bottom: 52, left: Math.ceil(tickW) + 40 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  if (w < 120 || h < 100) throw new RangeError(`${kind} chart: ${width}x${height} px leaves no room for the plot`);
  const x = dataAxis(xs, input.logX ?? false, [0, w]);
  const y = dataAxis(ys, input.logY ?? false, [h, 0], includeY);
  const canvas = svgCanvas(width, height);
  const svg = canvas.svg.attr('class', `chart ${kind}`);
  drawChartTitle(svg, 16, width - 32, input.title, input.subtitle);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawXAxis(plot, x.scale, w, h, x.ticks, input.xLabel);
  drawYAxis(plot, y.scale, w, h, y.ticks, input.yLabel, tickW + 16);
  return { canvas, plot, x, y, w, h, legendAt: [margin.left + w + 18, margin.top + 4] };
}

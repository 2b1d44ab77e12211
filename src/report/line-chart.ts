/**
 * Metric vs one axis with a line per series (a sweep: tokens/s by batch, one line per mode), linear
 * or log on either axis, with an optional reference line (y = 1 on a ratio chart). Every point has a
 * tooltip; series differ by colour and marker shape, so the chart reads in greyscale print.
 */
import { line, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from 'd3';
import { drawFrame, drawXAxis, drawYAxis } from './axes.js';
import { chartTitleHeight, drawChartTitle } from './chart-title.js';
import { px, svgCanvas } from './dom.js';
import { formatValue } from './format.js';
import { drawLegend, legendWidth, type LegendEntry } from './legend.js';
import { drawMarker } from './markers.js';
import { categorical, INK } from './palette.js';
import { textWidth } from './text-width.js';
import { dataAxis } from './xy-scales.js';

import type { LineChartInput } from '../systems/report-spec.js';

const SHAPES = [symbolCircle, symbolTriangle, symbolSquare, symbolDiamond];

export function renderLineChartSvg(input: LineChartInput): string {
  const width = input.width ?? 760;
  const height = input.height ?? 440;
  const legend: LegendEntry[] = input.series.map((s, i) => ({ kind: 'marker' as const, text: s.label, style: { shape: SHAPES[i % SHAPES.length], colour: categorical(i) }, fill: 'solid' as const }));
  const xs = input.series.flatMap((s) => s.points.map((p) => p.x));
  const ys = input.series.flatMap((s) => s.points.map((p) => p.y));
  const ref = input.referenceY;
  const probe = dataAxis(ys, input.logY ?? false, [1, 0], ref ? [ref.value] : []);
  const tickW = Math.max(...probe.ticks.major.map((v) => textWidth(probe.ticks.format(v), 12)));
  const margin = { top: chartTitleHeight(width - 32, input.title, input.subtitle), right: Math.ceil(legendWidth(legend)) + 36, bottom: 52, left: Math.ceil(tickW) + 40 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  if (w < 120 || h < 100) throw new RangeError(`renderLineChartSvg: ${width}x${height} px leaves no room for the plot`);
  const x = dataAxis(xs, input.logX ?? false, [0, w]);
  const y = dataAxis(ys, input.logY ?? false, [h, 0], ref ? [ref.value] : []);

  const canvas = svgCanvas(width, height);
  const svg = canvas.svg.attr('class', 'chart line');
  drawChartTitle(svg, 16, width - 32, input.title, input.subtitle);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawXAxis(plot, x.scale, w, h, x.ticks, input.xLabel);
  drawYAxis(plot, y.scale, w, h, y.ticks, input.yLabel, tickW + 16);
  if (ref) {
    const ry = px(y.scale(ref.value));
    const r = plot.append('g').attr('class', 'reference');
    r.append('line').attr('x1', 0).attr('x2', w).attr('y1', ry).attr('y2', ry).attr('stroke', INK).attr('stroke-dasharray', '5 3');
    r.append('text').attr('x', w - 4).attr('y', ry - 4).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', INK).text(ref.label);
  }
  const ok = (v: number, log?: boolean) => Number.isFinite(v) && (!log || v > 0);
  input.series.forEach((s, i) => {
    const pts = s.points.filter((p) => ok(p.x, input.logX) && ok(p.y, input.logY));
    const g = plot.append('g').attr('class', 'series').attr('data-series', s.label);
    const path = line<{ x: number; y: number }>().x((p) => px(x.scale(p.x))).y((p) => px(y.scale(p.y)))(pts);
    if (path) g.append('path').attr('d', path).attr('fill', 'none').attr('stroke', categorical(i)).attr('stroke-width', 1.8);
    for (const p of pts) {
      const tip = `${s.label}: ${input.xLabel} ${formatValue(p.x)} → ${formatValue(p.y)}`;
      const m = g.append('g').attr('class', 'point').attr('data-tip', tip);
      drawMarker(m, x.scale(p.x), y.scale(p.y), { shape: SHAPES[i % SHAPES.length], colour: categorical(i) }, 'solid');
      m.append('title').text(tip);
    }
  });
  drawFrame(plot, w, h);
  drawLegend(svg.append('g').attr('transform', `translate(${margin.left + w + 18},${margin.top + 4})`), legend);
  return canvas.toString();
}

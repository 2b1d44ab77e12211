/**
 * Metric vs one axis with a line per series (a sweep: tokens/s by batch, one line per mode), linear
 * or log on either axis, with an optional reference line (y = 1 on a ratio chart). Every point has a
 * tooltip; series differ by colour and marker shape, so the chart reads in greyscale print.
 */
import { line, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from 'd3';
import { drawFrame, drawReferenceLine } from './axes.js';
import { px } from './dom.js';
import { formatValue } from './format.js';
import { drawLegend, type LegendEntry } from './legend.js';
import { drawMarker } from './markers.js';
import { categorical } from './palette.js';
import { xyFrame } from './xy-scales.js';

import type { LineChartInput } from '../systems/report-spec.js';

const SHAPES = [symbolCircle, symbolTriangle, symbolSquare, symbolDiamond];

export function renderLineChartSvg(input: LineChartInput): string {
  const legend: LegendEntry[] = input.series.map((s, i) => ({ kind: 'marker' as const, text: s.label, style: { shape: SHAPES[i % SHAPES.length], colour: categorical(i) }, fill: 'solid' as const }));
  const ref = input.referenceY;
  const { canvas, plot, x, y, w, h, legendAt } = xyFrame('line', input, input.series.flatMap((s) => s.points.map((p) => p.x)), input.series.flatMap((s) => s.points.map((p) => p.y)), legend, ref ? [ref.value] : []);
  if (ref) drawReferenceLine(plot, y.scale, w, ref);
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
  drawLegend(canvas.svg.append('g').attr('transform', `translate(${legendAt[0]},${legendAt[1]})`), legend);
  return canvas.toString();
}

/**
 * A Gantt chart: horizontal busy spans on named lanes (e.g. NPU and PIM per stage of a NeuPIMs
 * decode step), on a linear time axis. One colour per span label, listed in the legend.
 */
import { scaleLinear } from 'd3';
import { drawFrame, drawXAxis, linearTicks } from './axes.js';
import { px, svgCanvas } from './dom.js';
import { drawLegend, legendWidth, type LegendEntry } from './legend.js';
import { categorical, INK } from './palette.js';
import { textWidth } from './text-width.js';

import type { GanttInput, GanttSpan } from '../systems/report-spec.js';

export type { GanttInput, GanttSpan };

const FONT = 12;

export function renderGanttSvg(input: GanttInput): string {
  const width = input.width ?? 860;
  const laneH = 26;
  const labels = [...new Set(input.spans.map((s) => s.label))];
  const legend: LegendEntry[] = labels.map((l, i) => ({ kind: 'swatch' as const, text: l, colour: categorical(i) }));
  const laneW = Math.max(0, ...input.lanes.map((l) => textWidth(l, FONT)));
  const margin = { top: 40, right: Math.ceil(legendWidth(legend)) + 36, bottom: 48, left: Math.ceil(laneW) + 20 };
  const height = input.height ?? margin.top + margin.bottom + Math.max(3, input.lanes.length) * laneH;
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  if (w < 120 || h < 40) throw new RangeError(`renderGanttSvg: ${width}x${height} px leaves no room for the plot`);
  const tMax = Math.max(1, ...input.spans.map((s) => s.end));
  const x = scaleLinear().domain([0, tMax]).range([0, w]).nice();
  const laneY = (lane: string) => (input.lanes.indexOf(lane) * h) / input.lanes.length;
  const bandH = (h / input.lanes.length) * 0.7;

  const canvas = svgCanvas(width, height);
  const svg = canvas.svg;
  svg.append('text').attr('x', margin.left).attr('y', 24).attr('font-size', 15).attr('font-weight', 'bold').attr('fill', INK).text(input.title);
  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  drawXAxis(plot, x, w, h, linearTicks(x), input.xLabel);
  drawFrame(plot, w, h);
  for (const lane of input.lanes) {
    plot.append('text').attr('x', -8).attr('y', px(laneY(lane) + h / input.lanes.length / 2)).attr('dy', '0.35em')
      .attr('text-anchor', 'end').attr('font-size', FONT).attr('fill', INK).text(lane);
  }
  const spans = plot.append('g').attr('class', 'spans');
  for (const s of input.spans) {
    if (!(s.end > s.start)) continue;
    const y0 = laneY(s.lane) + (h / input.lanes.length - bandH) / 2;
    spans.append('rect').attr('x', px(x(s.start))).attr('y', px(y0)).attr('width', px(Math.max(0.5, x(s.end) - x(s.start))))
      .attr('height', px(bandH)).attr('fill', categorical(labels.indexOf(s.label))).attr('stroke', '#ffffff').attr('stroke-width', 0.5)
      .append('title').text(`${s.lane} ${s.label}: ${s.start}–${s.end}`);
  }
  drawLegend(svg.append('g').attr('transform', `translate(${width - margin.right + 20},${margin.top})`), legend);
  return canvas.toString();
}

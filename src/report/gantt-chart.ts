/**
 * A Gantt chart: horizontal busy spans on named lanes (units of an accelerator, ranks or nodes of a
 * pipeline), on a linear time axis with SI-prefixed ticks.
 * One colour per span label, explained in the legend. In the HTML report the time axis zooms and
 * pans (the page's script rescales `rect.span` from their data-start/data-end); the SVG and PNG
 * files keep the full span.
 */
import { scaleLinear } from 'd3';
import { drawFrame, drawXAxis, linearTicks } from './axes.js';
import { chartTitleHeight, drawChartTitle } from './chart-title.js';
import { px, svgCanvas } from './dom.js';
import { formatValue, siTick } from './format.js';
import { drawFlowLegend, drawLegend, flowLegendHeight, legendWidth, type LegendEntry } from './legend.js';
import { categorical, INK } from './palette.js';
import { textWidth } from './text-width.js';

import type { GanttInput, GanttSpan } from '../systems/report-spec.js';

export type { GanttInput, GanttSpan };

const FONT = 12;
/** Lanes never thinner than this: a 4 px band cannot be read or hovered. */
const MIN_LANE = 24;

function spanTip(s: GanttSpan, unit: string | undefined): string {
  const f = unit === 's' ? siTick('s') : (v: number) => `${formatValue(v)}${unit ? ` ${unit}` : ''}`;
  return `${s.lane} · ${s.label}: ${f(s.start)} – ${f(s.end)} (${f(s.end - s.start)})`;
}

export function renderGanttSvg(input: GanttInput): string {
  const width = input.width ?? 860;
  const order = input.legend?.map((l) => l.label) ?? [];
  const labels = [...new Set([...order, ...input.spans.map((s) => s.label)])];
  const describe = new Map((input.legend ?? []).map((l) => [l.label, l.describe]));
  const legend: LegendEntry[] = [
    { kind: 'heading', text: input.legendTitle ?? 'span' },
    ...labels.map((l, i) => ({ kind: 'swatch' as const, text: describe.get(l) ? `${l}: ${describe.get(l)}` : l, colour: categorical(i) })),
  ];
  const laneW = Math.max(0, ...input.lanes.map((l) => textWidth(l, FONT)));
  // a legend wider than a quarter of the figure goes under the plot, so the time axis keeps its width
  const below = legendWidth(legend) > width * 0.25;
  const right = below ? 24 : Math.ceil(legendWidth(legend)) + 36;
  const legendBelowH = below ? flowLegendHeight(legend, width - 32) + 8 : 0;
  const titleH = chartTitleHeight(width - 32, input.title, input.subtitle);
  const margin = { top: titleH, right, bottom: 52 + legendBelowH, left: Math.ceil(laneW) + 20 };
  const laneH = Math.max(MIN_LANE, input.height ? (input.height - margin.top - margin.bottom) / Math.max(1, input.lanes.length) : 30);
  const height = margin.top + margin.bottom + Math.max(2, input.lanes.length) * laneH;
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  if (w < 120) throw new RangeError(`renderGanttSvg: ${width} px wide leaves no room for the plot`);
  const tMax = Math.max(Number.MIN_VALUE, ...input.spans.map((s) => s.end));
  const x = scaleLinear().domain([0, tMax]).range([0, w]).nice();
  const laneY = (lane: string) => input.lanes.indexOf(lane) * laneH;
  const bandH = laneH * 0.72;

  const canvas = svgCanvas(width, height);
  const svg = canvas.svg.attr('class', 'chart gantt').attr('data-zoom', 'x').attr('data-unit', input.xUnit ?? '');
  drawChartTitle(svg, 16, width - 32, input.title, input.subtitle);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`)
    .attr('data-width', w).attr('data-height', h).attr('data-domain', x.domain().join(','));
  const ticks = linearTicks(x);
  drawXAxis(plot, x, w, h, { ...ticks, format: siTick(input.xUnit) }, input.xLabel);
  for (const lane of input.lanes) {
    plot.append('text').attr('class', 'lane').attr('x', -8).attr('y', px(laneY(lane) + laneH / 2)).attr('dy', '0.35em')
      .attr('text-anchor', 'end').attr('font-size', FONT).attr('fill', INK).text(lane);
  }
  // spans are clipped to the plot so that zooming in the page never paints over the axes
  const clip = `gantt-clip-${w}x${Math.round(h)}`;
  plot.append('clipPath').attr('id', clip).append('rect').attr('width', w).attr('height', px(h));
  const spans = plot.append('g').attr('class', 'spans').attr('clip-path', `url(#${clip})`);
  for (const s of input.spans) {
    if (!(s.end > s.start)) continue;
    const y0 = laneY(s.lane) + (laneH - bandH) / 2;
    const tip = spanTip(s, input.xUnit);
    spans.append('rect').attr('class', 'span').attr('data-start', s.start).attr('data-end', s.end).attr('data-tip', tip)
      .attr('x', px(x(s.start))).attr('y', px(y0)).attr('width', px(Math.max(0.5, x(s.end) - x(s.start))))
      .attr('height', px(bandH)).attr('fill', categorical(labels.indexOf(s.label))).attr('stroke', '#ffffff').attr('stroke-width', 0.5)
      .append('title').text(tip);
  }
  drawFrame(plot, w, h);
  if (below) drawFlowLegend(svg.append('g').attr('transform', `translate(16,${px(margin.top + h + 56)})`), legend, width - 32);
  else drawLegend(svg.append('g').attr('transform', `translate(${width - margin.right + 20},${margin.top})`), legend);
  return canvas.toString();
}

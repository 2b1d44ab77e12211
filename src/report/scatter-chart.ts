/**
 * Two objectives per point (throughput vs cost, time vs energy), one marker shape and colour per
 * group, with the Pareto front (the points no other point beats on both) joined and its points
 * labelled. Which direction is better on each axis is part of the input, so the front is right
 * for "higher is better" and "lower is better" alike.
 */
import { symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from 'd3';
import { drawFrame, drawXAxis, drawYAxis } from './axes.js';
import { chartTitleHeight, drawChartTitle } from './chart-title.js';
import { px, svgCanvas } from './dom.js';
import { formatValue } from './format.js';
import { drawLegend, legendWidth, type LegendEntry } from './legend.js';
import { drawMarker } from './markers.js';
import { categorical, INK } from './palette.js';
import { textWidth } from './text-width.js';
import { dataAxis } from './xy-scales.js';

import type { ScatterInput } from '../systems/report-spec.js';

const SHAPES = [symbolCircle, symbolTriangle, symbolSquare, symbolDiamond];

/** Indices of the non-dominated points, ordered by x. */
export function paretoFront(points: { x: number; y: number }[], better: ScatterInput['better']): number[] {
  const gx = (a: number, b: number) => (better.x === 'higher' ? a >= b : a <= b);
  const gy = (a: number, b: number) => (better.y === 'higher' ? a >= b : a <= b);
  const dominated = (i: number) => points.some((q, j) => j !== i && gx(q.x, points[i].x) && gy(q.y, points[i].y) && (q.x !== points[i].x || q.y !== points[i].y));
  return points.map((_, i) => i).filter((i) => !dominated(i)).sort((a, b) => points[a].x - points[b].x || a - b);
}

export function renderScatterSvg(input: ScatterInput): string {
  const width = input.width ?? 760;
  const height = input.height ?? 460;
  const groups = [...new Set(input.points.map((p) => p.group))];
  const legend: LegendEntry[] = [
    ...groups.map((g, i) => ({ kind: 'marker' as const, text: g, style: { shape: SHAPES[i % SHAPES.length], colour: categorical(i) }, fill: 'solid' as const })),
    { kind: 'note', text: `— Pareto front (${input.better.x} ${input.xLabel.split(' (')[0]},` },
    { kind: 'note', text: `  ${input.better.y} ${input.yLabel.split(' (')[0]})` },
  ];
  const probe = dataAxis(input.points.map((p) => p.y), input.logY ?? false, [1, 0]);
  const tickW = Math.max(...probe.ticks.major.map((v) => textWidth(probe.ticks.format(v), 12)));
  const margin = { top: chartTitleHeight(width - 32, input.title, input.subtitle), right: Math.ceil(legendWidth(legend)) + 36, bottom: 52, left: Math.ceil(tickW) + 40 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  if (w < 120 || h < 100) throw new RangeError(`renderScatterSvg: ${width}x${height} px leaves no room for the plot`);
  const x = dataAxis(input.points.map((p) => p.x), input.logX ?? false, [0, w]);
  const y = dataAxis(input.points.map((p) => p.y), input.logY ?? false, [h, 0]);

  const canvas = svgCanvas(width, height);
  const svg = canvas.svg.attr('class', 'chart scatter');
  drawChartTitle(svg, 16, width - 32, input.title, input.subtitle);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawXAxis(plot, x.scale, w, h, x.ticks, input.xLabel);
  drawYAxis(plot, y.scale, w, h, y.ticks, input.yLabel, tickW + 16);
  const front = paretoFront(input.points, input.better);
  if (front.length > 1) {
    const d = front.map((i, k) => `${k ? 'L' : 'M'}${px(x.scale(input.points[i].x))},${px(y.scale(input.points[i].y))}`).join('');
    plot.append('path').attr('class', 'pareto').attr('d', d).attr('fill', 'none').attr('stroke', INK).attr('stroke-width', 1.4);
  }
  const onFront = new Set(front);
  input.points.forEach((p, i) => {
    const gi = groups.indexOf(p.group);
    const tip = `${p.label} (${p.group}): ${formatValue(p.x)}, ${formatValue(p.y)}${onFront.has(i) ? ' — on the Pareto front' : ''}`;
    const g = plot.append('g').attr('class', `point${onFront.has(i) ? ' front' : ''}`).attr('data-tip', tip);
    drawMarker(g, x.scale(p.x), y.scale(p.y), { shape: SHAPES[gi % SHAPES.length], colour: categorical(gi) }, onFront.has(i) ? 'solid' : 'open');
    g.append('title').text(tip);
    if (onFront.has(i)) g.append('text').attr('x', px(x.scale(p.x) + 7)).attr('y', px(y.scale(p.y) - 6)).attr('font-size', 10).attr('fill', INK).text(p.label);
  });
  drawFrame(plot, w, h);
  drawLegend(svg.append('g').attr('transform', `translate(${margin.left + w + 18},${margin.top + 4})`), legend);
  return canvas.toString();
}

/**
 * Two objectives per point (throughput vs cost, time vs energy), one marker shape and colour per
 * group, with the Pareto front (the points no other point beats on both) joined and its points
 * labelled. Which direction is better on each axis is part of the input, so the front is right
 * for "higher is better" and "lower is better" alike.
 */
import { symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from 'd3';
import { drawFrame } from './axes.js';
import { px } from './dom.js';
import { formatValue } from './format.js';
import { drawLegend, type LegendEntry } from './legend.js';
import { drawMarker } from './markers.js';
import { categorical, INK } from './palette.js';
import { xyFrame } from './xy-scales.js';

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
  const groups = [...new Set(input.points.map((p) => p.group))];
  const legend: LegendEntry[] = [
    ...groups.map((g, i) => ({ kind: 'marker' as const, text: g, style: { shape: SHAPES[i % SHAPES.length], colour: categorical(i) }, fill: 'solid' as const })),
    { kind: 'note', text: `— Pareto front (${input.better.x} ${input.xLabel.split(' (')[0]},` },
    { kind: 'note', text: `  ${input.better.y} ${input.yLabel.split(' (')[0]})` },
  ];
  const { canvas, plot, x, y, w, h, legendAt } = xyFrame('scatter', { ...input, height: input.height ?? 460 }, input.points.map((p) => p.x), input.points.map((p) => p.y), legend);
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
  drawLegend(canvas.svg.append('g').attr('transform', `translate(${legendAt[0]},${legendAt[1]})`), legend);
  return canvas.toString();
}

/**
 * A metric over two sweep axes: one cell per (x, y) value pair, shaded on a sequential scale that
 * stays ordered in greyscale (viridis runs dark to light), with the value written in each cell and
 * a colour bar. Missing results are hatched grey and say so.
 */
import { interpolateViridis, scaleSequential } from 'd3';
import { drawFrame } from './axes.js';
import { chartTitleHeight, drawChartTitle } from './chart-title.js';
import { px, svgCanvas } from './dom.js';
import { formatValue } from './format.js';
import { INK, MUTED } from './palette.js';
import { textWidth } from './text-width.js';

import type { HeatmapInput } from '../systems/report-spec.js';

const FONT = 11;

export function renderHeatmapSvg(input: HeatmapInput): string {
  const width = input.width ?? 760;
  const yW = Math.max(0, ...input.ys.map((v) => textWidth(v, FONT)));
  const margin = { top: chartTitleHeight(width - 32, input.title, input.subtitle), right: 110, bottom: 56, left: Math.ceil(yW) + 44 };
  const w = width - margin.left - margin.right;
  const cellW = w / Math.max(1, input.xs.length);
  const cellH = Math.max(22, Math.min(44, cellW * 0.6));
  const h = cellH * input.ys.length;
  // x labels turn 35° when one would overflow its cell; the axis title (and the figure) grow to clear them
  const xW = Math.max(0, ...input.xs.map((v) => textWidth(v, FONT)));
  const rotate = xW > cellW - 4;
  const drop = rotate ? Math.ceil(xW * Math.sin((35 * Math.PI) / 180)) : 0;
  const height = input.height ?? Math.ceil(margin.top + margin.bottom + h + drop);
  if (w < 120) throw new RangeError(`renderHeatmapSvg: ${width} px wide leaves no room for the plot`);
  const vals = input.values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = vals.length ? Math.min(...vals) : 0;
  const hi = vals.length ? Math.max(...vals) : 1;
  const colour = scaleSequential(interpolateViridis).domain([lo, hi === lo ? lo + 1 : hi]);

  const canvas = svgCanvas(width, height);
  const svg = canvas.svg.attr('class', 'chart heatmap');
  drawChartTitle(svg, 16, width - 32, input.title, input.subtitle);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  input.ys.forEach((yv, yi) => {
    plot.append('text').attr('x', -6).attr('y', px(yi * cellH + cellH / 2)).attr('dy', '0.35em').attr('text-anchor', 'end').attr('font-size', FONT).attr('fill', INK).text(yv);
    input.xs.forEach((xv, xi) => {
      const v = input.values[yi]?.[xi] ?? null;
      const none = input.missing ?? 'n/a';
      const tip = `${input.xLabel} ${xv}, ${input.yLabel} ${yv}: ${v === null ? none : `${formatValue(v)} ${input.unit}`}`;
      const g = plot.append('g').attr('class', 'cell').attr('data-tip', tip);
      g.append('rect').attr('x', px(xi * cellW)).attr('y', px(yi * cellH)).attr('width', px(cellW)).attr('height', px(cellH))
        .attr('fill', v === null ? '#dddddd' : colour(v)).attr('stroke', '#ffffff');
      g.append('title').text(tip);
      const dark = v !== null && (v - lo) / (hi - lo || 1) < 0.6;
      g.append('text').attr('x', px(xi * cellW + cellW / 2)).attr('y', px(yi * cellH + cellH / 2)).attr('dy', '0.35em').attr('text-anchor', 'middle')
        .attr('font-size', FONT).attr('fill', v === null ? MUTED : dark ? '#ffffff' : INK).text(v === null ? none : formatValue(v));
    });
  });
  input.xs.forEach((xv, xi) => {
    const t = plot.append('text').attr('font-size', FONT).attr('fill', INK).text(xv);
    if (rotate) t.attr('text-anchor', 'end').attr('transform', `translate(${px(xi * cellW + cellW / 2)},${px(h + 12)}) rotate(-35)`);
    else t.attr('x', px(xi * cellW + cellW / 2)).attr('y', px(h + 16)).attr('text-anchor', 'middle');
  });
  plot.append('text').attr('class', 'label').attr('x', px(w / 2)).attr('y', px(h + 40 + drop)).attr('text-anchor', 'middle').attr('font-size', 13).attr('fill', INK).text(input.xLabel);
  plot.append('text').attr('class', 'label').attr('transform', `translate(${-yW - 30},${px(h / 2)}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-size', 13).attr('fill', INK).text(input.yLabel);
  drawFrame(plot, w, h);
  // colour bar: low at the bottom, high at the top, with the unit
  const bar = svg.append('g').attr('class', 'colour-bar').attr('transform', `translate(${margin.left + w + 24},${margin.top})`);
  const steps = 24;
  const barH = Math.max(60, h);
  for (let i = 0; i < steps; i++) {
    bar.append('rect').attr('x', 0).attr('y', px((barH * (steps - 1 - i)) / steps)).attr('width', 14).attr('height', px(barH / steps + 0.5)).attr('fill', colour(lo + ((hi - lo) * (i + 0.5)) / steps));
  }
  bar.append('text').attr('x', 20).attr('y', 10).attr('font-size', FONT).attr('fill', INK).text(formatValue(hi));
  bar.append('text').attr('x', 20).attr('y', px(barH)).attr('font-size', FONT).attr('fill', INK).text(formatValue(lo));
  bar.append('text').attr('x', 20).attr('y', px(barH / 2)).attr('font-size', FONT).attr('fill', MUTED).text(input.unit);
  return canvas.toString();
}

/**
 * Grouped bars for cross-system comparisons (one cluster per category, one
 * colour per group), linear from zero or log. Values that cannot be drawn
 * (non-finite, or ≤ 0 on a log axis) leave a marked gap rather than a
 * misleading zero-height bar.
 */
import { scaleBand, scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { drawFrame, drawReferenceLine, drawXAxisBase, drawYAxis, linearTicks, logTicks } from './axes.js';
import { px, svgCanvas } from './dom.js';
import { formatValue } from './format.js';
import { drawLegend, legendHeight, legendWidth, type LegendEntry } from './legend.js';
import { categorical, INK, MUTED, WARN } from './palette.js';
import { chartTitleHeight, drawChartTitle } from './chart-title.js';
import { textWidth } from './text-width.js';

import type { BarChartInput } from '../systems/report-spec.js';

export type { BarChartInput };

const FONT = 12;
const VALUE_FONT = 10;

export function renderBarChartSvg(input: BarChartInput): string {
  const width = input.width ?? 760;
  const height = input.height ?? 440;
  const logY = input.logY ?? false;
  const values = input.groups.flatMap((g) => g.values).filter((v) => Number.isFinite(v) && (!logY || v > 0));

  // the reference line is always inside the range, so a ratio chart shows where 1× is
  const ref = input.referenceY && Number.isFinite(input.referenceY.value) && (!logY || input.referenceY.value > 0) ? input.referenceY : undefined;
  const span = ref ? [...values, ref.value] : values;
  const y: ScaleContinuousNumeric<number, number> = logY
    ? scaleLog().domain(span.length ? [Math.min(...span) / 1.5, Math.max(...span) * 1.3] : [1, 10])
    : scaleLinear().domain([Math.min(0, ...span) * 1.1, Math.max(0, ...span) * 1.1 || 1]);
  y.nice();
  const ticks = logY ? logTicks(y) : linearTicks(y);
  const tickW = Math.max(...ticks.major.map((v) => textWidth(ticks.format(v), FONT)));

  const legend: LegendEntry[] = input.groups.length > 1
    ? input.groups.map((g, i) => ({ kind: 'swatch' as const, text: g.label, colour: categorical(i) }))
    : [];
  const margin = { top: chartTitleHeight(width - 32, input.title, input.subtitle) + (input.flags?.some(Boolean) ? 14 : 0), right: legend.length ? Math.ceil(legendWidth(legend)) + 36 : 16, bottom: 40, left: Math.ceil(tickW) + 40 };
  let w = width - margin.left - margin.right;

  // Category names turn 35° once any would overflow its band; the bottom margin grows to fit them.
  const band = w / Math.max(1, input.categories.length);
  const catW = Math.max(0, ...input.categories.map((c) => textWidth(c, FONT)));
  const rotate = catW > band * 0.95;
  if (rotate) margin.bottom += Math.ceil(catW * Math.sin((35 * Math.PI) / 180));
  w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  // Below this the labels and legend cannot fit; better a clear error than an unreadable figure.
  if (w < 120 || h < 100) throw new RangeError(`renderBarChartSvg: ${width}x${height} px leaves no room for the plot`);
  y.range([h, 0]);

  const x0 = scaleBand<string>().domain(input.categories).range([0, w]).paddingInner(0.22).paddingOuter(0.12);
  const x1 = scaleBand<number>().domain(input.groups.map((_, i) => i)).range([0, x0.bandwidth()]).padding(0.06);

  const canvas = svgCanvas(width, height);
  const svg = canvas.svg.attr('class', 'chart bar');
  drawChartTitle(svg, 16, width - 32, input.title, input.subtitle);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawYAxis(plot, y, w, h, ticks, input.yLabel, tickW + 16);

  const base = logY ? h : y(0);
  // Values on every bar or on none: a few numbers here and there reads as if those bars mattered more.
  const showValues = values.every((v) => textWidth(formatValue(v), VALUE_FONT) <= x1.bandwidth());
  const bars = plot.append('g').attr('class', 'bars');
  input.groups.forEach((g, gi) => {
    const colour = categorical(gi);
    input.categories.forEach((c, ci) => {
      const v = g.values[ci];
      const bx = (x0(c) ?? 0) + (x1(gi) ?? 0);
      const bw = x1.bandwidth();
      if (!Number.isFinite(v) || (logY && v <= 0)) {
        bars.append('text').attr('class', 'missing').attr('x', px(bx + bw / 2)).attr('y', px(h - 4))
          .attr('text-anchor', 'middle').attr('font-size', VALUE_FONT).attr('fill', MUTED).text('n/a');
        return;
      }
      const top = Math.min(base, y(v));
      const tip = `${c} · ${g.label}: ${formatValue(v)}${input.flags?.[ci] ? ` (${input.flags[ci]})` : ''}`;
      bars.append('rect').attr('class', 'bar').attr('data-group', g.label).attr('data-category', c).attr('data-tip', tip)
        .attr('x', px(bx)).attr('y', px(top)).attr('width', px(bw)).attr('height', px(Math.abs(y(v) - base)))
        .attr('fill', colour).append('title').text(tip);
      if (showValues) {
        const label = formatValue(v);
        const ty = v >= 0 || logY ? top - 3 : top + Math.abs(y(v) - base) + VALUE_FONT;
        bars.append('text').attr('class', 'value').attr('x', px(bx + bw / 2)).attr('y', px(ty))
          .attr('text-anchor', 'middle').attr('font-size', VALUE_FONT).attr('fill', INK).text(label);
      }
    });
  });

  drawXAxisBase(plot, w, h, base);
  if (ref) drawReferenceLine(plot, y, w, ref);
  // a category's warning (e.g. the config does not fit in device memory) stands above its bars
  input.flags?.forEach((f, ci) => {
    if (!f) return;
    const cx = (x0(input.categories[ci]) ?? 0) + x0.bandwidth() / 2;
    plot.append('text').attr('class', 'flag').attr('x', px(cx)).attr('y', -6).attr('text-anchor', 'middle')
      .attr('font-size', VALUE_FONT).attr('font-weight', 'bold').attr('fill', WARN).text(`⚠ ${f}`);
  });
  const cats = plot.append('g').attr('class', 'categories');
  for (const c of input.categories) {
    const cx = (x0(c) ?? 0) + x0.bandwidth() / 2;
    const t = cats.append('text').attr('fill', INK).attr('font-size', FONT).text(c);
    if (rotate) t.attr('text-anchor', 'end').attr('transform', `translate(${px(cx)},${h + 14}) rotate(-35)`);
    else t.attr('text-anchor', 'middle').attr('x', px(cx)).attr('y', h + 18);
  }
  drawFrame(plot, w, h);
  if (legend.length) {
    const ly = margin.top + Math.max(0, Math.min(4, h - legendHeight(legend)));
    drawLegend(svg.append('g').attr('transform', `translate(${margin.left + w + 18},${ly})`), legend);
  }
  return canvas.toString();
}

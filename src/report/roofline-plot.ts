/**
 * The roofline figure: log-log, arithmetic intensity against attained
 * performance, with the roofs (roofline-roofs.ts) and every layer as a
 * labelled point. Deterministic: the same input gives the same string (no
 * ids, no clocks, no randomness).
 */
import { scaleLog, symbolDiamond } from 'd3';
import type { Dtype } from '../hw/device.js';
import type { RooflinePlotInput, RooflineRow as LayerRow } from '../systems/report-spec.js';
import { drawFrame, drawXAxis, drawYAxis, logTicks } from './axes.js';
import { px, svgCanvas } from './dom.js';
import { formatValue } from './format.js';
import { labelPlacer, type Rect } from './label-placer.js';
import { drawLabels, type LabelItem } from './labels.js';
import { drawLegend, legendWidth, type LegendEntry } from './legend.js';
import { drawMarker, markerRadius, seriesFill, stageStyle } from './markers.js';
import { INK, MUTED, WARN } from './palette.js';
import { chartTitleHeight, drawChartTitle } from './chart-title.js';
import { clusterAnchors, compressNames, computeRoofs, outliersBelow, rooflineDomain, rooflinePoints, wrapTokens, type Anchor } from './roofline-geometry.js';
import { drawRoofs, roofLabelRoom } from './roofline-roofs.js';
import { wrapText } from './text-width.js';

export type { RooflinePlotInput };

const TERA = 1e12;
const LABEL_FONT = 10.5;
/** Legend column width when it carries a numbered key for unplaceable labels, so the key can wrap. */
const KEY_LEGEND = 160;
/** Points closer than this (px) share a label. */
const SAME_SPOT = 4;

export function renderRooflineSvg(input: RooflinePlotInput): string {
  // The legend column only widens when some labels had to become a numbered key: that costs a
  // second layout, but keeps the usual figure free of an empty strip on the right.
  const first = render(input, 0);
  return first.keyed ? render(input, KEY_LEGEND).svg : first.svg;
}

function render(input: RooflinePlotInput, minLegend: number): { svg: string; keyed: boolean } {
  const width = input.width ?? 900;
  const height = input.height ?? 580;
  const all = rooflinePoints(input.series);
  const cut = outliersBelow(all);
  const points = all.filter((_, i) => !cut.has(i));
  const clipped = all.filter((_, i) => cut.has(i));
  const roofs = computeRoofs(input.roofs);
  const used = new Set(input.series.flatMap((s) => s.rows.map((r) => r.dtype)).filter((d): d is Dtype => d !== undefined));
  // Prefill first in the legend; decode triangles drawn first so coincident prefill circles stay visible on top.
  const stages = (['prefill', 'decode'] as const).filter((s) => points.some((p) => p.stage === s));
  const drawOrder = [...points].sort((a, b) => Number(a.stage === 'prefill') - Number(b.stage === 'prefill'));

  const legend: LegendEntry[] = [{ kind: 'heading', text: 'Stage' }];
  for (const s of stages) legend.push({ kind: 'marker', text: s, style: stageStyle(s), fill: 'solid' });
  if (input.series.length > 1) {
    legend.push({ kind: 'heading', text: 'Series' });
    input.series.forEach((s, i) => legend.push({ kind: 'marker', text: s.label, style: { shape: stageStyle('prefill').shape, colour: MUTED }, ...seriesFill(i) }));
  }
  if (clipped.length) legend.push({ kind: 'heading', text: 'Below the axis' }, { kind: 'marker', text: 'value beside it', style: { shape: symbolDiamond, colour: WARN }, fill: 'solid' });
  const legendW = Math.max(minLegend, Math.ceil(legendWidth(legend)));
  const margin = { top: chartTitleHeight(width - 32, input.title, input.subtitle), right: legendW + 36, bottom: 56, left: 74 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  // Below this the labels and legend cannot fit; better a clear error than an unreadable figure.
  if (w < 120 || h < 100) throw new RangeError(`renderRooflineSvg: ${width}x${height} px leaves no room for the plot`);

  const dom = rooflineDomain(points, input.roofs, (r) => roofLabelRoom(r, w));
  const x = scaleLog().domain(dom.x).range([0, w]).nice();
  const y = scaleLog().domain([dom.y[0] / TERA, dom.y[1] / TERA]).range([h, 0]).nice();
  const at = (p: { ai: number; perf: number }): [number, number] => [x(p.ai), y(p.perf / TERA)];

  const canvas = svgCanvas(width, height);
  const svg = canvas.svg.attr('class', 'chart roofline');
  drawChartTitle(svg, 16, width - 32, input.title, input.subtitle);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawXAxis(plot, x, w, h, logTicks(x), 'Arithmetic intensity (OP/B)');
  drawYAxis(plot, y, w, h, logTicks(y), 'Attained performance (TFLOP/s)');

  const keepOut = drawRoofs(plot.append('g').attr('class', 'roofs'),
    { x, y, w, h, xDomain: x.domain() as [number, number], yDomain: y.domain() as [number, number] },
    input.roofs.bandwidth, roofs, used, points.map(at));

  // Series of the same layer joined by a faint line: the step from ideal to calibrated reads at a glance.
  const byLayer = new Map<string, [number, number][]>();
  for (const p of points) {
    const key = `${p.stage}\u0000${p.name}`;
    byLayer.set(key, [...(byLayer.get(key) ?? []), at(p)]);
  }
  if (input.series.length > 1) {
    const links = plot.append('g').attr('class', 'links');
    for (const pts of byLayer.values()) {
      for (let i = 1; i < pts.length; i++) {
        links.append('line').attr('x1', px(pts[i - 1][0])).attr('y1', px(pts[i - 1][1])).attr('x2', px(pts[i][0]))
          .attr('y2', px(pts[i][1])).attr('stroke', '#bbbbbb').attr('stroke-width', 1);
      }
    }
  }

  const leaders = plot.append('g').attr('class', 'leaders');
  const marks = plot.append('g').attr('class', 'points');
  const markerBoxes: Rect[] = [];
  for (const p of drawOrder) {
    const style = stageStyle(p.stage);
    const [cx, cy] = at(p);
    const g = marks.append('g').attr('class', `point ${p.stage}`).attr('data-layer', p.name).attr('data-series', p.series);
    const f = seriesFill(p.series);
    drawMarker(g, cx, cy, style, f.fill, f.dashed);
    // A tooltip in browsers (resvg ignores it), and the one place every point's full name is spelled out.
    const tip = `${p.name} (${p.stage}, ${input.series[p.series].label}): ${formatValue(p.ai)} OP/B, ${formatValue(p.perf / TERA)} TFLOP/s`;
    g.attr('data-tip', tip).append('title').text(tip);
    const r = markerRadius(style.shape);
    markerBoxes.push({ x: cx - r, y: cy - r, w: 2 * r, h: 2 * r });
  }

  // One label per layer and stage, at its first series' point; coincident points share one label.
  const anchors: Anchor[] = [];
  for (const [key, pts] of byLayer) {
    const [stage, name] = key.split('\u0000') as [LayerRow['stage'], string];
    anchors.push({ x: pts[0][0], y: pts[0][1], name, stage });
  }
  const items: LabelItem[] = clusterAnchors(anchors, SAME_SPOT).map((c) => ({
    x: c.x,
    y: c.y,
    lines: wrapTokens(compressNames(c.names), 24),
    colour: c.stages.length === 1 ? stageStyle(c.stages[0]).colour : INK,
    names: c.names,
  }));
  const placer = labelPlacer().bounds({ x: 2, y: 2, w: w - 4, h: h - 4 }).fontSize(LABEL_FONT)
    .obstacles([...markerBoxes, ...keepOut.marks]).texts(keepOut.labels).segments(keepOut.lines);
  const key = drawLabels(leaders, plot.append('g').attr('class', 'labels'), items, placer);
  if (key.length) {
    legend.push({ kind: 'heading', text: 'Points' });
    for (const k of key) for (const line of wrapText(k, legendW, 10.5)) legend.push({ kind: 'note', text: line });
  }

  // points cut from the range (outliersBelow) sit on the bottom edge at their x, value spelled out
  const below = plot.append('g').attr('class', 'clipped');
  clipped.forEach((p, k) => {
    const cx = x(p.ai);
    const tip = `${p.name} (${p.stage}, ${input.series[p.series].label}): ${formatValue(p.ai)} OP/B, ${formatValue(p.perf / TERA)} TFLOP/s — below the axis`;
    const g = below.append('g').attr('class', 'point clipped').attr('data-layer', p.name).attr('data-series', p.series).attr('data-tip', tip);
    drawMarker(g, cx, h - 7, { shape: symbolDiamond, colour: WARN }, 'solid');
    g.append('title').text(tip);
    g.append('text').attr('x', px(cx + 8)).attr('y', px(h - 12 - 12 * k)).attr('font-size', LABEL_FONT).attr('fill', WARN)
      .text(`${p.name} (${input.series[p.series].label}): ${formatValue(p.perf / TERA)} TFLOP/s ↓`);
  });

  drawFrame(plot, w, h);
  drawLegend(svg.append('g').attr('transform', `translate(${margin.left + w + 18},${margin.top + 4})`), legend);
  return { svg: canvas.toString(), keyed: key.length > 0 };
}

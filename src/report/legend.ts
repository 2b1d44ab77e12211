/**
 * A vertical legend: headings, marker rows, swatches and plain notes. Kept
 * outside the plot area by the charts so it can never hide data.
 */
import type { G } from './dom.js';
import { px } from './dom.js';
import { drawMarker, type FillStyle, type MarkerStyle } from './markers.js';
import { INK, MUTED } from './palette.js';
import { textWidth } from './text-width.js';

export type LegendEntry =
  | { kind: 'heading'; text: string }
  | { kind: 'marker'; text: string; style: MarkerStyle; fill: FillStyle; dashed?: boolean }
  | { kind: 'swatch'; text: string; colour: string }
  | { kind: 'note'; text: string };

const ROW = 17;
const KEY = 22;
const FONT = 11.5;

export function legendWidth(entries: LegendEntry[]): number {
  return Math.max(0, ...entries.map((e) => (e.kind === 'heading' || e.kind === 'note' ? 0 : KEY) + textWidth(e.text, FONT, e.kind === 'heading')));
}

export function legendHeight(entries: LegendEntry[]): number {
  return entries.reduce((h, e, i) => h + ROW + (e.kind === 'heading' && i > 0 ? 6 : 0), 0);
}

/** One entry with its left edge at `x` and its row's middle at `mid`: a heading, a note, or a key and its text. */
function drawEntry(l: G, e: LegendEntry, x: number, mid: number): void {
  const t = l.append('text').attr('y', px(mid + 4)).attr('fill', e.kind === 'note' ? MUTED : INK);
  if (e.kind === 'heading') t.attr('x', x).attr('font-weight', 'bold').text(e.text);
  else if (e.kind === 'note') t.attr('x', x).attr('font-size', 10.5).text(e.text);
  else {
    t.attr('x', x + KEY).text(e.text);
    const key = l.append('g').attr('class', 'key');
    if (e.kind === 'marker') drawMarker(key, x + 8, mid, e.style, e.fill, e.dashed);
    else key.append('rect').attr('x', x + 2).attr('y', px(mid - 6)).attr('width', 12).attr('height', 12).attr('fill', e.colour);
  }
}

/** Draws the entries top-down from the group's origin. */
export function drawLegend(g: G, entries: LegendEntry[]): void {
  const l = g.append('g').attr('class', 'legend').attr('font-size', FONT);
  let y = 0;
  entries.forEach((e, i) => {
    if (e.kind === 'heading' && i > 0) y += 6;
    drawEntry(l, e, 0, y + ROW / 2);
    y += ROW;
  });
}

/** Swatch entries laid out left to right, wrapping at `maxW` (a legend under a wide plot); returns its height. */
export function flowLegendHeight(entries: LegendEntry[], maxW: number): number {
  return flowLayout(entries, maxW).rows * ROW;
}

function flowLayout(entries: LegendEntry[], maxW: number): { at: { x: number; row: number }[]; rows: number } {
  const at: { x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const e of entries) {
    const w = (e.kind === 'heading' || e.kind === 'note' ? 0 : KEY) + textWidth(e.text, FONT, e.kind === 'heading') + 18;
    if (x > 0 && x + w > maxW) {
      x = 0;
      row++;
    }
    at.push({ x, row });
    x += w;
  }
  return { at, rows: entries.length ? row + 1 : 0 };
}

export function drawFlowLegend(g: G, entries: LegendEntry[], maxW: number): void {
  const l = g.append('g').attr('class', 'legend').attr('font-size', FONT);
  const { at } = flowLayout(entries, maxW);
  entries.forEach((e, i) => {
    drawEntry(l, e, at[i].x, at[i].row * ROW + ROW / 2);
  });
}

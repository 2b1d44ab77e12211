/**
 * The roofs of the roofline figure: the memory roof, one flat compute roof
 * per dtype (one label per distinct peak), and the ridge points. Returns what
 * point labels must keep clear of: the roofs' own labels and their lines.
 */
import type { Selection } from 'd3';
import type { Dtype } from '../hw/device.js';
import type { G } from './dom.js';
import { px } from './dom.js';
import { formatValue } from './format.js';
import type { Rect, Segment } from './label-placer.js';
import { MUTED, ROOF } from './palette.js';
import { roofUnit, type ComputeRoof } from './roofline-geometry.js';
import { textWidth } from './text-width.js';

export interface RoofLayout {
  /** Plot-area scales; y in TFLOP/s. */
  x: (v: number) => number;
  y: (v: number) => number;
  w: number;
  h: number;
  /** x domain in OP/B and y domain in TFLOP/s, to clip the memory roof analytically (no clipPath: ids would clash inline). */
  xDomain: [number, number];
  yDomain: [number, number];
}

export interface RoofKeepOut {
  /** Text boxes: point labels may not cover them, and their leaders should not cross them. */
  labels: Rect[];
  /** Small marks (ridge points) point labels may not cover. */
  marks: Rect[];
  /** Lines point labels should not sit on. */
  lines: Segment[];
}

const TERA = 1e12;
const FONT = 11;
const MIN_FONT = 8.5;
const RIDGE_FONT = 9.5;

function bandwidthLabel(bw: number): string {
  return bw >= TERA ? `memory ${formatValue(bw / TERA)} TB/s` : `memory ${formatValue(bw / 1e9)} GB/s`;
}

export function roofLabel(r: ComputeRoof): string {
  return `${r.dtypes.join('/')} ${formatValue(r.peak / TERA)} ${roofUnit(r.dtypes)}`;
}

/** Fraction of the plot width a roof needs right of its ridge for its label (plus the ridge marker). */
export function roofLabelRoom(r: ComputeRoof, plotWidth: number): number {
  return (textWidth(roofLabel(r), FONT) + 14) / plotWidth;
}

/** White outline behind text: lines running under a label stay readable around it. */
function halo(t: Selection<SVGTextElement, unknown, null, undefined>): Selection<SVGTextElement, unknown, null, undefined> {
  return t.attr('stroke', '#ffffff').attr('stroke-width', 3).attr('stroke-linejoin', 'round').attr('paint-order', 'stroke');
}

/**
 * Draws into `g`. `used` are the dtypes the rows ran in: their roof is solid,
 * the others dashed context. `points` (px) steer the memory-roof label clear of data.
 */
export function drawRoofs(g: G, L: RoofLayout, bw: number, roofs: ComputeRoof[], used: Set<Dtype>, points: [number, number][]): RoofKeepOut {
  const out: RoofKeepOut = { labels: [], marks: [], lines: [] };
  const lines = g.append('g').attr('class', 'roof-lines');
  const ridges = g.append('g').attr('class', 'ridges');
  const texts = g.append('g').attr('class', 'roof-labels');
  const [x0, x1] = L.xDomain;
  const [y0, y1] = L.yDomain;
  const top = roofs.length ? roofs[0].peak / TERA : y1;

  let memory: Segment | undefined;
  if (bw > 0) {
    // From where the roof enters the plot up to the highest ridge (or the right edge without compute roofs).
    const ax = Math.max(x0, (y0 * TERA) / bw);
    const bx = Math.min(x1, (top * TERA) / bw);
    memory = [L.x(ax), L.y((ax * bw) / TERA), L.x(bx), L.y((bx * bw) / TERA)];
    lines.append('line').attr('class', 'roof memory').attr('x1', px(memory[0])).attr('y1', px(memory[1]))
      .attr('x2', px(memory[2])).attr('y2', px(memory[3])).attr('stroke', ROOF).attr('stroke-width', 2);
    out.lines.push(memory);
  }

  // Roof labels sit on their line's right end, breaking it (a white box behind), so each needs only its
  // own height: close roofs (fp16 vs tf32 is only 2x) then still get one row each. The gap in px
  // between neighbouring roofs caps the font.
  const ys = roofs.map((r) => L.y(r.peak / TERA));
  const minGap = Math.min(Infinity, ...ys.slice(1).map((v, i) => v - ys[i]));
  const font = Math.max(MIN_FONT, Math.min(FONT, minGap - 2.5));
  for (const r of roofs) {
    const ry = L.y(r.peak / TERA);
    const rx = bw > 0 ? Math.max(0, L.x(r.ridge)) : 0;
    const active = used.size ? r.dtypes.some((d) => used.has(d)) : r === roofs[0];
    // One line per dtype, even where peaks coincide: consumers can find each dtype's roof by data-dtype.
    for (const d of r.dtypes) {
      lines.append('line').attr('class', 'roof compute').attr('data-dtype', d).attr('x1', px(rx)).attr('y1', px(ry))
        .attr('x2', L.w).attr('y2', px(ry)).attr('stroke', ROOF).attr('stroke-width', active ? 2 : 1.2)
        .attr('stroke-dasharray', active ? null : '6,3');
    }
    out.lines.push([rx, ry, L.w, ry]);

    const text = roofLabel(r);
    const tw = textWidth(text, font);
    const box = { x: L.w - 6 - tw, y: ry - font / 2 - 1, w: tw + 6, h: font + 2 }; // to the frame: no stub of line after the text
    texts.append('rect').attr('x', px(box.x)).attr('y', px(box.y)).attr('width', px(box.w)).attr('height', px(box.h)).attr('fill', '#ffffff');
    // Baseline a third of an em below the line centres DejaVu's digits and capitals on it.
    texts.append('text').attr('class', 'roof-label').attr('x', L.w - 4).attr('y', px(ry + font * 0.36)).attr('text-anchor', 'end')
      .attr('font-size', px(font)).attr('fill', ROOF).text(text);
    out.labels.push(box);

    if (bw > 0 && r.ridge >= x0 && r.ridge <= x1) {
      const rg = ridges.append('g').attr('class', 'ridge');
      rg.append('line').attr('x1', px(rx)).attr('x2', px(rx)).attr('y1', px(ry)).attr('y2', L.h)
        .attr('stroke', MUTED).attr('stroke-width', 0.8).attr('stroke-dasharray', '1.5,2.5');
      rg.append('circle').attr('cx', px(rx)).attr('cy', px(ry)).attr('r', 3).attr('fill', '#ffffff').attr('stroke', ROOF).attr('stroke-width', 1.3);
      const rt = `${formatValue(r.ridge)} OP/B`;
      const rw = textWidth(rt, RIDGE_FONT);
      halo(rg.append('text')).attr('transform', `translate(${px(rx - 3)},${L.h - 4}) rotate(-90)`).attr('font-size', RIDGE_FONT)
        .attr('fill', MUTED).text(rt);
      out.labels.push({ x: rx - 13, y: L.h - 4 - rw, w: 12, h: rw });
      out.marks.push({ x: rx - 4, y: ry - 4, w: 8, h: 8 });
    }
  }
  if (memory) placeMemoryLabel(texts, memory, bandwidthLabel(bw), points, out);
  return out;
}

/** Writes the bandwidth along the memory roof, just above it, at the first spot clear of points and labels. */
function placeMemoryLabel(g: G, seg: Segment, text: string, pts: [number, number][], out: RoofKeepOut): void {
  const [ax, ay, bx, by] = seg;
  const len = Math.hypot(bx - ax, by - ay);
  const tw = textWidth(text, FONT);
  if (len < tw + 8) return;
  const ux = (bx - ax) / len;
  const uy = (by - ay) / len;
  // Unit normal pointing up-left: above the line on screen.
  const nx = uy;
  const ny = -ux;
  const taken = [...out.labels, ...out.marks];
  const clear = (t: number) => {
    for (let s = 0; s <= tw; s += 4) {
      const qx = ax + ux * (t + s) + nx * 8;
      const qy = ay + uy * (t + s) + ny * 8;
      if (pts.some(([x, y]) => Math.hypot(x - qx, y - qy) < 10)) return false;
      if (taken.some((o) => qx > o.x - 2 && qx < o.x + o.w + 2 && qy > o.y - 2 && qy < o.y + o.h + 2)) return false;
    }
    return true;
  };
  let t = 12;
  while (t + tw < len - 4 && !clear(t)) t += 6;
  if (t + tw >= len - 4) t = 12;
  const ox = ax + ux * t + nx * 5;
  const oy = ay + uy * t + ny * 5;
  const angle = (Math.atan2(uy, ux) * 180) / Math.PI;
  halo(g.append('text')).attr('class', 'roof-label memory').attr('transform', `translate(${px(ox)},${px(oy)}) rotate(${px(angle)})`)
    .attr('font-size', FONT).attr('fill', ROOF).text(text);
  // The rotated text as a chain of small boxes, so labels can tuck in beside it.
  for (let s = 0; s <= tw; s += 8) out.labels.push({ x: ox + ux * s - 4, y: oy + uy * s - 12, w: 8, h: 12 });
}

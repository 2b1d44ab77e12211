/**
 * Draws placed point labels (with a white halo so grid and roof lines never
 * cut through the text) and leader lines for the ones set away from their
 * point. Labels that found no room become small numbers, explained by the
 * returned key lines for the legend.
 */
import type { G } from './dom.js';
import { px } from './dom.js';
import { LINE_HEIGHT, nearestOnBox, type LabelPlacer, type Placement } from './label-placer.js';
import { MUTED } from './palette.js';

export interface LabelItem {
  x: number;
  y: number;
  lines: string[];
  colour: string;
  /** Full names, for the key when the label has to become a number. */
  names: string[];
}

/** Leaders go in their own group, under all the text, so no leader crosses another label's letters. */
function drawOne(leaders: G, g: G, p: Placement, colour: string, fontSize: number): void {
  const { box } = p;
  if (p.leader) {
    const [ex, ey] = nearestOnBox(box, p.request.x, p.request.y);
    leaders.append('line').attr('x1', px(p.request.x)).attr('y1', px(p.request.y)).attr('x2', px(ex)).attr('y2', px(ey))
      .attr('stroke', MUTED).attr('stroke-width', 0.7);
  }
  const t = g.append('text').attr('x', px(box.x + 1)).attr('y', px(box.y + fontSize * 0.95)).attr('fill', colour)
    .attr('font-size', fontSize).attr('stroke', '#ffffff').attr('stroke-width', 3).attr('stroke-linejoin', 'round')
    .attr('paint-order', 'stroke');
  p.request.lines.forEach((line, i) => {
    t.append('tspan').attr('x', px(box.x + 1)).attr('dy', i === 0 ? 0 : px(fontSize * LINE_HEIGHT)).text(line);
  });
}

/** Leaders go into `lines` (the caller puts it under the markers), text into `texts`. Returns the key ("1: softmax") for labels drawn as numbers; empty when every label fit. */
export function drawLabels(lines: G, texts: G, items: LabelItem[], placer: LabelPlacer): string[] {
  const fontSize = placer.fontSize();
  const first = placer(items.map((it) => ({ x: it.x, y: it.y, lines: it.lines })));
  first.forEach((p, i) => p.placed && drawOne(lines, texts, p, items[i].colour, fontSize));
  const missing = items.map((it, i) => ({ it, i })).filter(({ i }) => !first[i].placed);
  if (!missing.length) return [];

  // Second pass: numbers are small enough to fit almost anywhere near the point.
  const before = placer.texts();
  const taken = first.filter((p) => p.placed).map((p) => p.box);
  const again = placer.texts([...before, ...taken])(missing.map(({ it }, k) => ({ x: it.x, y: it.y, lines: [String(k + 1)] })));
  placer.texts(before);
  again.forEach((p, k) => drawOne(lines, texts, p.placed ? p : { ...p, box: { ...p.box, x: p.request.x + 4, y: p.request.y - fontSize } }, missing[k].it.colour, fontSize));
  return missing.map(({ it }, k) => `${k + 1}: ${it.names.join(', ')}`);
}

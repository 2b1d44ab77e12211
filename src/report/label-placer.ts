/**
 * Greedy point-label placement. Each label tries rings of candidate boxes
 * around its anchor, nearest first; a box may not leave the plot or cover a
 * marker or an earlier label, and pays for every line it crosses. Far boxes
 * get a leader line. Labels it cannot place come back with `placed: false`
 * so the caller can fall back to a numbered key.
 *
 * Configured d3-style: `labelPlacer().bounds(b).obstacles(o)(labels)`.
 */
import { textWidth } from './text-width.js';

export interface Rect { x: number; y: number; w: number; h: number }
export type Segment = [x1: number, y1: number, x2: number, y2: number];

export interface LabelRequest {
  x: number;
  y: number;
  lines: string[];
}

export interface Placement {
  request: LabelRequest;
  placed: boolean;
  /** The label's box; its text lines start at box.x and hang from box.y. */
  box: Rect;
  /** Whether the box sits far enough from the anchor to need a leader line. */
  leader: boolean;
}

export interface LabelPlacer {
  (labels: LabelRequest[]): Placement[];
  bounds(): Rect;
  bounds(b: Rect): LabelPlacer;
  obstacles(): Rect[];
  obstacles(o: Rect[]): LabelPlacer;
  segments(): Segment[];
  segments(s: Segment[]): LabelPlacer;
  /** Text already on the plot: labels may not cover it, and leaders pay extra to cross it. */
  texts(): Rect[];
  texts(t: Rect[]): LabelPlacer;
  fontSize(): number;
  fontSize(n: number): LabelPlacer;
  radii(): number[];
  radii(r: number[]): LabelPlacer;
}

export const LINE_HEIGHT = 1.2;
const PAD = 1.5;
const LEADER_FROM = 12;
const CROSSING_COST = 30;
const AMBIGUITY_COST = 100;
const AMBIGUITY_MARGIN = 14;
const DIRECTIONS = 16;
const SHIFTS = [0, -3, 3, -6, 6];

function shifted(r: Rect, dy: number): Rect {
  return { ...r, y: r.y + dy };
}

export function overlaps(a: Rect, b: Rect, pad = 0): boolean {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

/** Liang–Barsky: does the segment pass through the rectangle? */
export function crosses(s: Segment, r: Rect): boolean {
  const [x1, y1, x2, y2] = s;
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [[-dx, x1 - r.x], [dx, r.x + r.w - x1], [-dy, y1 - r.y], [dy, r.y + r.h - y1]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** Proper intersection of two segments (shared endpoints do not count). */
export function segmentsCross(a: Segment, b: Segment): boolean {
  const orient = (x1: number, y1: number, x2: number, y2: number, x3: number, y3: number) =>
    Math.sign((x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1));
  const d1 = orient(b[0], b[1], b[2], b[3], a[0], a[1]);
  const d2 = orient(b[0], b[1], b[2], b[3], a[2], a[3]);
  const d3 = orient(a[0], a[1], a[2], a[3], b[0], b[1]);
  const d4 = orient(a[0], a[1], a[2], a[3], b[2], b[3]);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function shrink(r: Rect, by: number): Rect {
  return { x: r.x + by, y: r.y + by, w: r.w - 2 * by, h: r.h - 2 * by };
}

function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}

function inside(r: Rect, b: Rect): boolean {
  return r.x >= b.x && r.y >= b.y && r.x + r.w <= b.x + b.w && r.y + r.h <= b.y + b.h;
}

export function labelPlacer(): LabelPlacer {
  let bounds: Rect = { x: 0, y: 0, w: 100, h: 100 };
  let obstacles: Rect[] = [];
  let segments: Segment[] = [];
  let fontSize = 11;
  let radii = [3, 8, 14, 22, 32, 46, 64, 88, 120];
  let texts: Rect[] = [];

  function boxAt(req: LabelRequest, r: number, theta: number): Rect {
    const w = Math.max(...req.lines.map((l) => textWidth(l, fontSize))) + 2;
    const h = req.lines.length * fontSize * LINE_HEIGHT;
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const ax = req.x + r * c;
    const ay = req.y + r * s;
    // The box edge nearest the anchor touches the ring, so text never starts on top of its marker.
    const x = c > 0.3 ? ax : c < -0.3 ? ax - w : ax - w / 2;
    const y = s > 0.3 ? ay : s < -0.3 ? ay - h : ay - h / 2;
    return { x, y, w, h };
  }

  function distance(box: Rect, x: number, y: number): number {
    const [nx, ny] = nearestOnBox(box, x, y);
    return Math.hypot(nx - x, ny - y);
  }

  function cost(req: LabelRequest, all: LabelRequest[], box: Rect, r: number, theta: number, leaders: Segment[], occupied: Rect[]): number {
    // Right of the point reads most naturally, then left; straight above/below last.
    let c = r + (1 - Math.cos(theta)) * 2 + Math.abs(Math.sin(theta)) * 2;
    for (const s of segments) if (crosses(s, box)) c += CROSSING_COST;
    // Text over an earlier label's leader hides where that leader goes.
    for (const l of leaders) if (crosses(l, box)) c += 2 * CROSSING_COST;
    if (r < LEADER_FROM) {
      // A bare label is read as belonging to the nearest point, judged by its nearest edge (with a
      // margin: a pixel or two is no lead) and by its middle. Both must point at its own anchor.
      const own = distance(box, req.x, req.y);
      const cx = box.x + box.w / 2;
      const cy = box.y + box.h / 2;
      const ownC = Math.hypot(cx - req.x, cy - req.y);
      const rival = (o: LabelRequest) => distance(box, o.x, o.y) < own + AMBIGUITY_MARGIN || Math.hypot(cx - o.x, cy - o.y) < ownC;
      if (all.some((o) => o !== req && rival(o))) c += AMBIGUITY_COST;
    } else {
      // A leader settles ownership, but must stay legible: no crossings with other leaders or text.
      const [ex, ey] = nearestOnBox(box, req.x, req.y);
      const leader: Segment = [req.x, req.y, ex, ey];
      for (const l of leaders) if (segmentsCross(l, leader)) c += CROSSING_COST;
      for (const o of obstacles) if (crosses(leader, shrink(o, 1)) && !contains(o, req.x, req.y)) c += CROSSING_COST / 2;
      for (const o of occupied) if (crosses(leader, o)) c += 2 * CROSSING_COST;
    }
    return c;
  }

  /** Crowded anchors choose first, while the good spots are still free. */
  function order(labels: LabelRequest[]): number[] {
    const crowd = labels.map((a) => labels.filter((b) => Math.hypot(a.x - b.x, a.y - b.y) < 40).length);
    return labels.map((_, i) => i).sort((i, j) => crowd[j] - crowd[i] || i - j);
  }

  const placer = function (labels: LabelRequest[]): Placement[] {
    const leaders: Segment[] = [];
    const occupied = [...texts];
    const out: Placement[] = new Array(labels.length);
    for (const i of order(labels)) {
      const req = labels[i];
      let best: { box: Rect; cost: number; r: number } | undefined;
      for (const r of radii) {
        // Rings are nearest first: once something fits, a farther ring can only win by avoiding line crossings.
        if (best && r - best.r > CROSSING_COST) break;
        for (let k = 0; k < DIRECTIONS * SHIFTS.length; k++) {
          const theta = (2 * Math.PI * Math.floor(k / SHIFTS.length)) / DIRECTIONS;
          // Small vertical shifts let a label slot into the gap between two close roofs.
          const box = shifted(boxAt(req, r, theta), SHIFTS[k % SHIFTS.length]);
          if (!inside(box, bounds)) continue;
          if (obstacles.some((o) => overlaps(box, o, PAD)) || occupied.some((t) => overlaps(box, t, PAD))) continue;
          const c = cost(req, labels, box, r, theta, leaders, occupied);
          if (!best || c < best.cost) best = { box, cost: c, r };
        }
      }
      if (best) {
        const [ex, ey] = nearestOnBox(best.box, req.x, req.y);
        if (best.r >= LEADER_FROM) leaders.push([req.x, req.y, ex, ey]);
        // Later labels must not cover this one, and later leaders should not cut through it.
        occupied.push(best.box);
      }
      out[i] = {
        request: req,
        placed: best !== undefined,
        box: best?.box ?? boxAt(req, 0, 0),
        leader: best !== undefined && best.r >= LEADER_FROM,
      };
    }
    return out;
  } as LabelPlacer;

  placer.bounds = function (b?: Rect) {
    if (b === undefined) return bounds;
    bounds = b;
    return placer;
  } as LabelPlacer['bounds'];
  placer.obstacles = function (o?: Rect[]) {
    if (o === undefined) return obstacles;
    obstacles = o;
    return placer;
  } as LabelPlacer['obstacles'];
  placer.segments = function (s?: Segment[]) {
    if (s === undefined) return segments;
    segments = s;
    return placer;
  } as LabelPlacer['segments'];
  placer.texts = function (t?: Rect[]) {
    if (t === undefined) return texts;
    texts = t;
    return placer;
  } as LabelPlacer['texts'];
  placer.fontSize = function (n?: number) {
    if (n === undefined) return fontSize;
    fontSize = n;
    return placer;
  } as LabelPlacer['fontSize'];
  placer.radii = function (r?: number[]) {
    if (r === undefined) return radii;
    radii = r;
    return placer;
  } as LabelPlacer['radii'];
  return placer;
}

/** The point on `box` nearest to (x, y): where a leader line should end. */
export function nearestOnBox(box: Rect, x: number, y: number): [number, number] {
  return [Math.min(Math.max(x, box.x), box.x + box.w), Math.min(Math.max(y, box.y), box.y + box.h)];
}

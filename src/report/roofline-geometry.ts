/**
 * The data side of the roofline figure, free of drawing: which rows become
 * points, the roofs (dtypes sharing a peak share a label), the padded
 * log-log domain, and the naming of points that land on the same pixel.
 */
import { DTYPES, type Dtype } from '../hw/device.js';
import type { RooflineRow as LayerRow } from '../systems/report-spec.js';

export interface RooflineSeries {
  label: string;
  rows: LayerRow[];
}

export interface Roofs {
  bandwidth: number;
  peaks: Partial<Record<Dtype, number>>;
}

export interface RooflinePoint {
  series: number;
  stage: LayerRow['stage'];
  name: string;
  /** Arithmetic intensity, OP/B. */
  ai: number;
  /** Attained performance, OP/s. */
  perf: number;
}

/** Rows that have a place on a roofline: some work, some traffic, a positive time. */
export function rooflinePoints(series: RooflineSeries[]): RooflinePoint[] {
  const out: RooflinePoint[] = [];
  series.forEach((s, i) => {
    for (const r of s.rows) {
      if (!(r.ops > 0) || !(r.memory_access > 0) || !(r.time_s > 0)) continue;
      // Recompute AI when the row left it out (0): the plot must not depend on that field's presence.
      const ai = r.arithmetic_intensity > 0 ? r.arithmetic_intensity : r.ops / r.memory_access;
      out.push({ series: i, stage: r.stage, name: r.name, ai, perf: r.ops / r.time_s });
    }
  });
  return out;
}

export interface ComputeRoof {
  dtypes: Dtype[];
  /** OP/s */
  peak: number;
  /** AI where the memory roof meets this one, OP/B. */
  ridge: number;
}

const INT_DTYPES: ReadonlySet<Dtype> = new Set<Dtype>(['int8', 'int4']);

/** One roof per distinct peak, highest first, its dtypes in DTYPES order. */
export function computeRoofs(roofs: Roofs): ComputeRoof[] {
  const byPeak = new Map<number, Dtype[]>();
  for (const d of DTYPES) {
    const p = roofs.peaks[d];
    if (p === undefined || !(p > 0)) continue;
    byPeak.set(p, [...(byPeak.get(p) ?? []), d]);
  }
  return [...byPeak.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([peak, dtypes]) => ({ dtypes, peak, ridge: peak / roofs.bandwidth }));
}

/** "TOP/s" once any integer dtype shares the roof, since FLOP would then be wrong. */
export function roofUnit(dtypes: Dtype[]): string {
  return dtypes.some((d) => INT_DTYPES.has(d)) ? 'TOP/s' : 'TFLOP/s';
}

export interface Domain {
  x: [number, number];
  y: [number, number];
}

/**
 * Padded bounds in OP/B and OP/s: all points and ridge points, the roofs'
 * labels room above the highest peak, and at least a decade each way.
 */
/**
 * Points so far below the others that a y-range holding them would squash the rest (a calibrated
 * `final_norm` 240× slower than any other row drags a 4-decade plot to 8). The lowest point is
 * cut while it sits more than 10× below the next one, at most 3 points and a tenth of them; the
 * plot draws these at its bottom edge with their value, so they are marked, not hidden.
 */
export function outliersBelow(points: RooflinePoint[]): Set<number> {
  const order = points.map((p, i) => i).filter((i) => points[i].perf > 0).sort((a, b) => points[a].perf - points[b].perf || a - b);
  const out = new Set<number>();
  const most = Math.min(3, Math.floor(points.length / 10));
  while (out.size < most && order.length > out.size + 1) {
    const lo = points[order[out.size]].perf;
    const next = points[order[out.size + 1]].perf;
    if (next / lo <= 10) break;
    out.add(order[out.size]);
  }
  // every point up to the last cut goes (a cut point below a kept one would be drawn inside the range)
  return out;
}

export function rooflineDomain(points: RooflinePoint[], roofs: Roofs, roofRoom: (r: ComputeRoof) => number = () => 0): Domain {
  const ridges = computeRoofs(roofs);
  const xs = [...points.map((p) => p.ai), ...ridges.map((r) => r.ridge)].filter((v) => v > 0 && Number.isFinite(v));
  const ys = [...points.map((p) => p.perf), ...ridges.map((r) => r.peak)].filter((v) => v > 0 && Number.isFinite(v));
  const x: [number, number] = xs.length ? [Math.min(...xs) / 2.5, Math.max(...xs) * 4] : [0.1, 1000];
  const y: [number, number] = ys.length ? [Math.min(...ys) / 3, Math.max(...ys) * 3] : [1e11, 1e16];
  for (const d of [x, y]) if (d[1] / d[0] < 10) [d[0], d[1]] = [d[0] / 3.2, d[1] * 3.2];
  // Each compute roof must stretch right of its ridge, and of any point sitting on it (within 1.5x of
  // the peak), for at least roofRoom(r) of the plot's width, or its label lands on them.
  // In decades: (b - start) >= f (b - a), solved for b.
  const a = Math.log10(x[0]);
  for (const r of ridges) {
    const f = Math.min(0.8, roofRoom(r));
    const onRoof = points.filter((p) => p.perf > r.peak / 1.5 && p.perf < r.peak * 1.5).map((p) => p.ai * 1.2);
    const start = Math.max(r.ridge, ...onRoof);
    if (!(f > 0) || !(start > 0) || !Number.isFinite(start)) continue;
    x[1] = Math.max(x[1], Math.pow(10, (Math.log10(start) - f * a) / (1 - f)));
  }
  return { x, y };
}

/**
 * Layer names of points drawn on top of each other, compressed by shared
 * suffix: [q_proj, k_proj, out_proj, qk_matmul] -> ["q/k/out_proj", "qk_matmul"].
 */
export function compressNames(names: string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const cut = n.lastIndexOf('_');
    const suffix = cut > 0 ? n.slice(cut) : n;
    const head = cut > 0 ? n.slice(0, cut) : '';
    const g = groups.get(suffix) ?? [];
    if (!g.includes(head)) g.push(head);
    groups.set(suffix, g);
  }
  return [...groups.entries()].map(([suffix, heads]) => (heads[0] === '' && heads.length === 1 ? suffix : heads.join('/') + suffix));
}

/** Packs tokens into lines of at most `max` characters (a single long token gets its own line). */
export function wrapTokens(tokens: string[], max: number, sep = ', '): string[] {
  const lines: string[] = [];
  let cur = '';
  tokens.forEach((t, i) => {
    const piece = t + (i < tokens.length - 1 ? sep.trimEnd() : '');
    if (cur && (cur + ' ' + piece).length > max) {
      lines.push(cur);
      cur = piece;
    } else cur = cur ? cur + ' ' + piece : piece;
  });
  if (cur) lines.push(cur);
  return lines;
}

export interface Anchor {
  x: number;
  y: number;
  name: string;
  stage: LayerRow['stage'];
}

export interface Cluster {
  x: number;
  y: number;
  names: string[];
  stages: LayerRow['stage'][];
}

/** Groups anchors closer than `tol` px (in input order, so output is deterministic). */
export function clusterAnchors(anchors: Anchor[], tol: number): Cluster[] {
  const out: Cluster[] = [];
  for (const a of anchors) {
    const c = out.find((k) => Math.hypot(k.x - a.x, k.y - a.y) <= tol);
    if (!c) {
      out.push({ x: a.x, y: a.y, names: [a.name], stages: [a.stage] });
      continue;
    }
    if (!c.names.includes(a.name)) c.names.push(a.name);
    if (!c.stages.includes(a.stage)) c.stages.push(a.stage);
  }
  return out;
}

/**
 * Node → stage allocation. Objective: the public scheduler's GCMA score (DT-FM's): data-parallel
 * cost (max delay between two nodes of one stage) + 2 × pipeline cost (closed tour over stages,
 * a stage pair costing its bottleneck matching of delay + forward). hetsim minimises it by
 * swap local search from seeded restarts (steepest descent over all cross-stage node swaps)
 * instead of the genetic search: deterministic, and no worse on the same inputs (allocation.test.ts).
 * Then stages are ordered along the best tour from stage 0 and consecutive stages aligned by
 * bottleneck matching, so column k of `partitions` is full pipeline k.
 */
import { mulberry32 } from './prng.js';

export interface AllocationInput {
  delay: number[][];
  forward: number[];
  stageSizes: number[];
  seed: number;
  restarts?: number;
}

/** Bottleneck perfect matching of rows a onto columns b (|a| ≥ |b|: every b gets a distinct a). */
export function bottleneckMatching(cost: (x: number, y: number) => number, a: readonly number[], b: readonly number[]): { value: number; pairs: [number, number][] } {
  const [rows, cols, flip] = a.length >= b.length ? [a, b, false] : [b, a, true];
  const c = (r: number, k: number) => (flip ? cost(k, r) : cost(r, k));
  const values = [...new Set(cols.flatMap((k) => rows.map((r) => c(r, k))))].sort((x, y) => x - y);
  const tryMatch = (limit: number): number[] | null => {
    const owner = new Array<number>(rows.length).fill(-1);
    const aug = (ci: number, seen: boolean[]): boolean => {
      for (let ri = 0; ri < rows.length; ri++) {
        if (seen[ri] || c(rows[ri], cols[ci]) > limit) continue;
        seen[ri] = true;
        if (owner[ri] < 0 || aug(owner[ri], seen)) {
          owner[ri] = ci;
          return true;
        }
      }
      return false;
    };
    for (let ci = 0; ci < cols.length; ci++) if (!aug(ci, new Array(rows.length).fill(false))) return null;
    return owner;
  };
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tryMatch(values[mid])) hi = mid;
    else lo = mid + 1;
  }
  const owner = tryMatch(values[lo])!;
  const pairs: [number, number][] = [];
  owner.forEach((ci, ri) => {
    if (ci >= 0) pairs.push(flip ? [cols[ci], rows[ri]] : [rows[ri], cols[ci]]);
  });
  return { value: values[lo], pairs };
}

/** Closed tour over stages from stage 0 (exact DP up to 12 stages, else nearest-neighbour). */
export function bestTour(cost: number[][]): { value: number; order: number[] } {
  const s = cost.length;
  if (s === 1) return { value: 0, order: [0] };
  if (s > 12) {
    const order = [0];
    const left = new Set([...Array(s).keys()].slice(1));
    let v = 0;
    while (left.size) {
      const at = order[order.length - 1];
      const next = [...left].reduce((b, x) => (cost[at][x] < cost[at][b] ? x : b));
      v += cost[at][next];
      order.push(next);
      left.delete(next);
    }
    return { value: v + cost[order[s - 1]][0], order };
  }
  const full = 1 << s;
  const dp = new Float64Array(full * s).fill(Infinity);
  const from = new Int16Array(full * s).fill(-1);
  dp[1 * s + 0] = 0;
  for (let mask = 1; mask < full; mask += 2) {
    for (let last = 0; last < s; last++) {
      const v = dp[mask * s + last];
      if (v === Infinity) continue;
      for (let nx = 1; nx < s; nx++) {
        if (mask & (1 << nx)) continue;
        const m2 = mask | (1 << nx);
        const nv = v + cost[last][nx];
        if (nv < dp[m2 * s + nx]) {
          dp[m2 * s + nx] = nv;
          from[m2 * s + nx] = last;
        }
      }
    }
  }
  let best = Infinity;
  let end = 0;
  for (let last = 1; last < s; last++) {
    const v = dp[(full - 1) * s + last] + cost[last][0];
    if (v < best) [best, end] = [v, last];
  }
  const order: number[] = [];
  let mask = full - 1;
  let at = end;
  while (at >= 0) {
    order.push(at);
    const prev = from[mask * s + at];
    mask &= ~(1 << at);
    at = prev;
  }
  return { value: best, order: order.reverse() };
}

function stagePairCost(delay: number[][], forward: number[], p0: readonly number[], p1: readonly number[]): number {
  return bottleneckMatching((x, y) => delay[x][y] + forward[x], p0, p1).value;
}

/** GCMA score of a grouping (groups[0] is stage 0): DP cost + 2 × PP cost. */
export function gcmaScore(delay: number[][], forward: number[], groups: readonly (readonly number[])[]): number {
  let dp = 0;
  for (const g of groups) for (const x of g) for (const y of g) dp = Math.max(dp, delay[x][y]);
  const s = groups.length;
  const cm = groups.map(() => new Array<number>(s).fill(0));
  for (let i = 0; i < s; i++)
    for (let j = i + 1; j < s; j++) {
      const v = stagePairCost(delay, forward, groups[i], groups[j]);
      cm[i][j] = v;
      cm[j][i] = v;
    }
  return dp + 2 * bestTour(cm).value;
}

/** Max delay between two nodes of one group (the data-parallel sync term). */
function spread(delay: number[][], g: readonly number[]): number {
  let v = 0;
  for (const x of g) for (const y of g) v = Math.max(v, delay[x][y]);
  return v;
}

/**
 * Minimises the GCMA score by first-improvement cross-stage node swaps (scored incrementally: a swap
 * changes two groups' spreads and their rows of the stage-pair matrix) from seeded random starts.
 */
export function allocateStages(input: AllocationInput): { partitions: number[][]; score: number } {
  const { delay, forward, stageSizes } = input;
  const n = delay.length;
  const s = stageSizes.length;
  const rand = mulberry32(input.seed);
  let best: { groups: number[][]; score: number } | null = null;
  const restarts = input.restarts ?? (n > 60 ? 1 : n > 30 ? 3 : 12);
  const pair = (g: number[][], i: number, j: number) => stagePairCost(delay, forward, i < j ? g[i] : g[j], i < j ? g[j] : g[i]);
  for (let r = 0; r < restarts; r++) {
    const perm = [...Array(n).keys()];
    if (r > 0) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
    }
    let at = 0;
    const groups = stageSizes.map((k) => perm.slice(at, (at += k)));
    const spreads = groups.map((g) => spread(delay, g));
    const cm = groups.map((_, i) => groups.map((_, j) => (i === j ? 0 : pair(groups, i, j))));
    const total = (sp: number[], m: number[][]) => Math.max(...sp) + 2 * bestTour(m).value;
    let score = total(spreads, cm);
    for (let improved = true; improved; ) {
      improved = false;
      for (let g1 = 0; g1 < s; g1++)
        for (let g2 = g1 + 1; g2 < s; g2++)
          for (let i = 0; i < groups[g1].length; i++)
            for (let j = 0; j < groups[g2].length; j++) {
              [groups[g1][i], groups[g2][j]] = [groups[g2][j], groups[g1][i]];
              const sp = [...spreads];
              sp[g1] = spread(delay, groups[g1]);
              sp[g2] = spread(delay, groups[g2]);
              const m = cm.map((row) => [...row]);
              for (const g of [g1, g2])
                for (let k = 0; k < s; k++)
                  if (k !== g) {
                    m[g][k] = pair(groups, g, k);
                    m[k][g] = m[g][k];
                  }
              const v = total(sp, m);
              if (v < score - 1e-12) {
                score = v;
                spreads.splice(0, s, ...sp);
                m.forEach((row, k) => (cm[k] = row));
                improved = true;
              } else {
                [groups[g1][i], groups[g2][j]] = [groups[g2][j], groups[g1][i]];
              }
            }
    }
    if (!best || score < best.score - 1e-12) best = { groups: groups.map((g) => [...g].sort((a, b) => a - b)), score };
  }
  return { partitions: orderAndAlign(delay, forward, best!.groups), score: best!.score };
}

/**
 * Stage order = the best tour from stage 0; stages keep their sizes' positions (sizes are usually
 * equal past stage 0, so the tour reorders groups of one size only). Within stages, nodes are sorted
 * so that column k follows the bottleneck matching from the previous stage (unmatched nodes last).
 */
export function orderAndAlign(delay: number[][], forward: number[], groups: number[][]): number[][] {
  const s = groups.length;
  const cm = groups.map((a, i) => groups.map((b, j) => (i === j ? 0 : stagePairCost(delay, forward, i < j ? a : b, i < j ? b : a))));
  const tour = bestTour(cm).order;
  // keep the sizes in place: only groups of the size a position asks for may move there
  const sizes = groups.map((g) => g.length);
  const ordered = sizes.every((k, i) => i === 0 || k === sizes[1]) ? tour.map((t) => groups[t]) : groups;
  const out: number[][] = [ordered[0]];
  for (let t = 1; t < s; t++) {
    const prev = out[t - 1];
    const cur = ordered[t];
    const m = bottleneckMatching((x, y) => delay[x][y] + forward[x], prev, cur).pairs;
    const byPrev = new Map(m.map(([x, y]) => [x, y]));
    const aligned = prev.map((x) => byPrev.get(x)).filter((y): y is number => y !== undefined);
    if (t === 1) {
      // stage 0: the matched heads first (they start the full pipelines), then the rest
      const heads = prev.filter((x) => byPrev.has(x));
      out[0] = [...heads, ...prev.filter((x) => !byPrev.has(x))];
      out.push([...heads.map((x) => byPrev.get(x)!), ...cur.filter((y) => !aligned.includes(y))]);
    } else {
      out.push([...aligned, ...cur.filter((y) => !aligned.includes(y))]);
    }
  }
  return out;
}

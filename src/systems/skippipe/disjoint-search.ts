/**
 * The coarse (node-disjoint) half of the collision-aware scheduler: every stream of a stage-0 node on
 * one path, the shape the public CA variant ends up with.
 */
import type { Search } from './path-search.js';

/** Disjoint path sets whose maximum round trip is within this fraction of the least are TC2 candidates. */
const DISJOINT_SLACK = 0.08;

/**
 * Coarse agents only (each takes all of a node's slots, so paths are node-disjoint): branch and
 * bound over each agent's `keep` cheapest paths for the least maximum round trip (ties: least sum),
 * worst agent first, within `budget` search nodes; falls back to `start` when it finds nothing better.
 */
export function minimaxDisjoint(search: Search, start: number[][], evaluations: number, keep = 400, budget = 300_000): number[][] {
  // enumerating every path per agent is only cheap for small stages
  const perAgent = search.sequences.length * Math.max(...search.partitions.slice(1).map((p) => p.length)) ** (search.problem.pathLength - 1);
  if (perAgent > 50_000) return start;
  const cands = search.agents.map((a) => {
    const out: { path: number[]; cost: number }[] = [];
    for (const seq of search.sequences) {
      const walk = (path: number[]) => {
        if (path.length === seq.length) {
          out.push({ path: [...path], cost: search.roundTrip(path) * Math.max(...a.microbatches) });
          return;
        }
        for (const y of search.partitions[seq[path.length]]) {
          path.push(y);
          walk(path);
          path.pop();
        }
      };
      walk([a.start]);
    }
    return out.sort((x, y) => x.cost - y.cost || x.path.join().localeCompare(y.path.join())).slice(0, keep);
  });
  const order = cands.map((_, i) => i).sort((i, j) => cands[j][0].cost - cands[i][0].cost || i - j);
  const rts = start.map((p, i) => search.roundTrip(p) * Math.max(...search.agents[i].microbatches));
  let best = { max: Math.max(...rts), sum: rts.reduce((x, y) => x + y, 0), paths: start };
  const used = new Uint8Array(search.problem.nodes);
  const chosen: number[][] = new Array(search.agents.length);
  let visited = 0;
  const dfs = (k: number, max: number, sum: number) => {
    if (++visited > budget) return;
    if (k === order.length) {
      if (max < best.max - 1e-9 || (max < best.max + 1e-9 && sum < best.sum - 1e-9)) best = { max, sum, paths: chosen.map((p) => [...p]) };
      return;
    }
    const a = order[k];
    for (const c of cands[a]) {
      if (c.cost > best.max + 1e-9) break;
      if (c.path.slice(1).some((x) => used[x])) continue;
      for (const x of c.path.slice(1)) used[x] = 1;
      chosen[a] = c.path;
      dfs(k + 1, Math.max(max, c.cost), sum + c.cost);
      for (const x of c.path.slice(1)) used[x] = 0;
    }
  };
  dfs(0, 0, 0);
  // TC2: among the disjoint path sets within SLACK of the least maximum, simulate up to
  // `evaluations` (cheapest-first DFS order) and keep the fastest simulated iteration
  const bound = best.max * (1 + DISJOINT_SLACK);
  let pick = { iter: search.simulated(best.paths), paths: best.paths };
  let simulatedSets = 1;
  visited = 0;
  const collect = (k: number) => {
    if (simulatedSets >= evaluations || ++visited > budget) return;
    if (k === order.length) {
      simulatedSets++;
      const iter = search.simulated(chosen);
      if (iter < pick.iter - 1e-9) pick = { iter, paths: chosen.map((p) => [...p]) };
      return;
    }
    const a = order[k];
    for (const c of cands[a]) {
      if (c.cost > bound) break;
      if (c.path.slice(1).some((x) => used[x])) continue;
      for (const x of c.path.slice(1)) used[x] = 1;
      chosen[a] = c.path;
      collect(k + 1);
      for (const x of c.path.slice(1)) used[x] = 0;
    }
  };
  collect(0);
  best = { ...best, paths: pick.paths };
  for (const p of start) search.take(p, -1);
  for (const p of best.paths) search.take(p, 1);
  return best.paths.map((p) => [...p]);
}

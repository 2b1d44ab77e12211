/**
 * hetsim's path scheduler. Agents are streams (memory-slots streams per stage-0 node, one microbatch
 * in flight each), so TC1 — at most `memory` agents through a node — means no forward ever waits for
 * a slot. Stage load is balanced by the same count (a stage of n nodes takes at most n·memory agents).
 *   construct: agents in rounds (stream 0 of every stage-0 node, then stream 1, …) take the cheapest
 *     round trip (exact layered DP over nodes with free slots) among the stage sequences that keep the
 *     remaining agents feasible (Gale–Ryser for equal demands);
 *   improve (no TC2): first-improvement local search on (max, sum) of isolated round trips, moving
 *     an agent to another node of a stage, swapping nodes or whole stages between two agents;
 *   refine (TC2): the same moves, seeded order, scored by the event-driven simulation (collisions
 *     included), accepted only when the simulated iteration time does not grow.
 */
import { HetsimError } from '../../errors.js';
import { ordersOfSet, stageSequences } from './path-rules.js';
import { simulateIteration } from './pipeline-sim.js';
import { minimaxDisjoint } from './disjoint-search.js';
import { mulberry32 } from './prng.js';
import { stageOfNodes, type Problem, type Schedule, type Stream } from './problem.js';

export interface Agent {
  start: number;
  /** Microbatches of each of its streams. */
  microbatches: number[];
}

/**
 * Streams of each stage-0 node: `memory` of them, its microbatches dealt round-robin. Fine agents
 * are single streams; a coarse agent (the public scheduler's "coarsened" one) is all streams of one
 * stage-0 node on one path, weighing `memory` slots at each node it visits.
 */
export function agentsOf(problem: Problem, stage0: readonly number[], coarse: boolean): Agent[] {
  const r = problem.memorySlots;
  const m = problem.microbatchesPerStage0Node;
  const per = (k: number) => Math.floor(m / r) + (k < m % r ? 1 : 0);
  if (coarse) return stage0.map((s) => ({ start: s, microbatches: [...Array(r).keys()].map(per).filter((x) => x > 0) }));
  const out: Agent[] = [];
  for (let k = 0; k < r; k++) for (const s of stage0) if (per(k) > 0) out.push({ start: s, microbatches: [per(k)] });
  return out;
}

export class Search {
  readonly stage: number[];
  readonly sequences: number[][];
  readonly load: number[];
  /** Slots an agent takes at each node it visits (its stream count; equal for all agents). */
  readonly weight: number;
  constructor(
    readonly problem: Problem,
    readonly partitions: number[][],
    readonly agents: Agent[],
  ) {
    this.weight = Math.max(1, ...agents.map((a) => a.microbatches.length));
    this.stage = stageOfNodes(partitions, problem.nodes);
    this.sequences = stageSequences(partitions.length, problem.pathLength);
    this.load = new Array<number>(problem.nodes).fill(0);
    if (this.sequences.length === 0) throw new HetsimError('config_invalid', `no stage sequence of ${problem.pathLength} stages obeys the ordering rules over ${partitions.length} stages`, 'pipeline.path_length');
  }

  computeOf(x: number): number {
    const f = this.problem.forward[x];
    return f * (1 + this.problem.backwardFactor);
  }

  /** Isolated round trip: forwards, loss, backwards and both directions of every hop of the cycle. */
  roundTrip(path: readonly number[]): number {
    const d = this.problem.delay;
    let v = this.problem.forward[path[0]] * this.problem.lossFactor;
    for (let k = 0; k < path.length; k++) {
      const x = path[k];
      const y = path[(k + 1) % path.length];
      v += this.computeOf(x) + d[x][y] + d[y][x];
    }
    return v;
  }

  /** The cheapest nodes for a stage sequence among nodes with a free slot (exact layered DP). */
  bestNodes(start: number, seq: readonly number[]): { path: number[]; cost: number } | null {
    const d = this.problem.delay;
    const mem = this.problem.memorySlots;
    let layer = [{ node: start, cost: 0, prev: -1 }];
    const layers = [layer];
    for (const t of seq.slice(1)) {
      const next = this.partitions[t]
        .filter((y) => this.load[y] + this.weight <= mem)
        .map((y) => {
          let best = -1;
          let cost = Infinity;
          layer.forEach((e, i) => {
            const c = e.cost + this.computeOf(e.node) + d[e.node][y] + d[y][e.node];
            if (c < cost) [best, cost] = [i, c];
          });
          return { node: y, cost, prev: best };
        });
      if (next.length === 0) return null;
      layer = next;
      layers.push(layer);
    }
    let end = -1;
    let cost = Infinity;
    layer.forEach((e, i) => {
      const c = e.cost + this.computeOf(e.node) + d[e.node][start] + d[start][e.node];
      if (c < cost) [end, cost] = [i, c];
    });
    const path: number[] = [];
    for (let l = layers.length - 1, i = end; l >= 0; i = layers[l].at(i)!.prev, l--) path.push(layers[l][i].node);
    return { path: path.reverse(), cost: cost + this.problem.forward[start] * this.problem.lossFactor };
  }

  /** Stage sequences that leave the other `left` agents a feasible stage load. */
  feasibleSequences(left: number): number[][] {
    const s = this.partitions.length;
    const mem = this.problem.memorySlots;
    const cap = this.partitions.map((p) => p.reduce((a, x) => a + Math.floor((mem - this.load[x]) / this.weight), 0));
    const need = (this.problem.pathLength - 1) * left;
    return this.sequences.filter((seq) => {
      const inSeq = new Set(seq);
      let supply = 0;
      for (let t = 1; t < s; t++) {
        const c = cap[t] - (inSeq.has(t) ? 1 : 0);
        if (c < 0) return false;
        supply += Math.min(c, left);
      }
      return supply >= need;
    });
  }

  take(path: readonly number[], sign: 1 | -1): void {
    for (const x of path.slice(1)) this.load[x] += sign * this.weight;
  }

  /**
   * Random: agents in order, a random feasible sequence and random free nodes. Network-aware: the
   * agent whose cheapest feasible round trip is the most expensive goes first (it constrains the
   * maximum), ties by agent index.
   */
  construct(random: (() => number) | null): number[][] {
    const n = this.agents.length;
    const paths: (number[] | null)[] = new Array(n).fill(null);
    for (let step = 0; step < n; step++) {
      const seqs = this.feasibleSequences(n - step - 1);
      let agent = -1;
      let pick: number[] | null = null;
      if (random) {
        agent = step;
        const seq = seqs[Math.floor(random() * seqs.length)];
        if (seq) {
          pick = [this.agents[agent].start];
          for (const t of seq.slice(1)) {
            const free = this.partitions[t].filter((y) => this.load[y] + this.weight <= this.problem.memorySlots);
            pick.push(free[Math.floor(random() * free.length)]);
          }
          if (pick.some((x) => x === undefined)) pick = null;
        }
      } else {
        let worst = -Infinity;
        for (let a = 0; a < n; a++) {
          if (paths[a]) continue;
          let best = Infinity;
          let bestPath: number[] | null = null;
          for (const seq of seqs) {
            const r = this.bestNodes(this.agents[a].start, seq);
            if (r && r.cost < best - 1e-12) [best, bestPath] = [r.cost, r.path];
          }
          const cost = best * Math.max(...this.agents[a].microbatches);
          if (bestPath && cost > worst + 1e-12) [worst, agent, pick] = [cost, a, bestPath];
        }
      }
      if (!pick) {
        const p = this.problem;
        throw new HetsimError(
          'config_invalid',
          `no feasible schedule: ${n} streams × ${p.pathLength - 1} stage visits must fit the stages' ${p.memorySlots} slots per node (balanced load and TC1 need stage-0 nodes × memory × (P − 1) ≤ Σ other stages' nodes × memory); lower pipeline.path_length or add nodes to stages 1…`,
          'pipeline.path_length',
        );
      }
      this.take(pick, 1);
      paths[agent] = pick;
    }
    return paths as number[][];
  }

  private readonly orderCache = new Map<string, number[][]>();
  /** Valid orders of the stage set a path visits (cached by the sorted set). */
  ordersOf(path: readonly number[]): number[][] {
    const set = path.map((x) => this.stage[x]).sort((a, b) => a - b);
    const key = set.join(',');
    let hit = this.orderCache.get(key);
    if (!hit) this.orderCache.set(key, (hit = ordersOfSet(set, this.problem.pathLength, this.sequences)));
    return hit;
  }

  /** The best valid order of a path's node set (stage 0 first) by isolated round trip. */
  bestOrder(path: readonly number[]): number[] {
    const byStage = new Map(path.map((x) => [this.stage[x], x]));
    const orders = this.ordersOf(path);
    let best: number[] = [...path];
    let cost = Infinity;
    for (const o of orders) {
      const p = o.map((t) => byStage.get(t)!);
      const c = this.roundTrip(p);
      if (c < cost - 1e-12) [best, cost] = [p, c];
    }
    return best;
  }

  /** Every neighbour of `paths` that changes agent a (new paths for the agents it touches). */
  *moves(paths: number[][], a: number, others: readonly number[]): Generator<() => [number, number[]][]> {
    const mem = this.problem.memorySlots;
    const pa = paths[a];
    for (let k = 1; k < pa.length; k++) {
      const x = pa[k];
      for (const y of this.partitions[this.stage[x]]) {
        if (y === x) continue;
        if (this.load[y] + this.weight <= mem) yield () => [[a, this.bestOrder(pa.map((z) => (z === x ? y : z)))]];
        for (const b of others) {
          if (b === a || !paths[b].includes(y) || paths[b].includes(x)) continue;
          const pb = paths[b];
          yield () => [
            [a, this.bestOrder(pa.map((z) => (z === x ? y : z)))],
            [b, this.bestOrder(pb.map((z) => (z === y ? x : z)))],
          ];
        }
      }
    }
    // whole-stage exchange: a gives stage t (node x) to b, b gives stage u (node y) to a
    const stagesA = new Set(pa.map((x) => this.stage[x]));
    for (const b of others) {
      if (b === a) continue;
      const pb = paths[b];
      const stagesB = new Set(pb.map((x) => this.stage[x]));
      for (const x of pa.slice(1)) {
        if (stagesB.has(this.stage[x])) continue;
        for (const y of pb.slice(1)) {
          if (stagesA.has(this.stage[y])) continue;
          const na = pa.map((z) => (z === x ? y : z));
          const nb = pb.map((z) => (z === y ? x : z));
          if (this.ordersOf(na).length === 0 || this.ordersOf(nb).length === 0) continue;
          yield () => [
            [a, this.bestOrder(na)],
            [b, this.bestOrder(nb)],
          ];
        }
      }
    }
  }

  apply(paths: number[][], change: [number, number[]][]): [number, number[]][] {
    const undo = change.map(([i]) => [i, paths[i]] as [number, number[]]);
    for (const [i, p] of change) {
      this.take(paths[i], -1);
      this.take(p, 1);
      paths[i] = p;
    }
    return undo;
  }

  /** Local search on (max, sum) of isolated round trips. */
  improve(paths: number[][]): void {
    const all = paths.map((_, i) => i);
    const score = () => {
      const rts = paths.map((p, i) => this.roundTrip(p) * Math.max(...this.agents[i].microbatches));
      return [Math.max(...rts), rts.reduce((x, y) => x + y, 0)] as const;
    };
    let cur = score();
    for (let improved = true, rounds = 0; improved && rounds < 50; rounds++) {
      improved = false;
      const order = [...all].sort((i, j) => this.roundTrip(paths[j]) - this.roundTrip(paths[i]) || i - j);
      for (const a of order) {
        for (const move of this.moves(paths, a, all)) {
          const undo = this.apply(paths, move());
          const v = score();
          if (v[0] < cur[0] - 1e-9 || (v[0] <= cur[0] + 1e-9 && v[1] < cur[1] - 1e-9)) {
            cur = v;
            improved = true;
            break;
          }
          this.apply(paths, undo);
        }
      }
    }
  }

  /** Collision-aware refinement: seeded moves scored by the simulated iteration. */
  refine(paths: number[][], evaluations: number, seed: number): number {
    const random = mulberry32(seed ^ 0x5eed);
    const all = paths.map((_, i) => i);
    const evaluate = () => {
      const o = simulateIteration(this.problem, this.schedule(paths));
      return { iter: o.iterationS, obj: o.iterationS + (0.25 * o.sumFinishS) / o.microbatches };
    };
    let cur = evaluate();
    let best = { iter: cur.iter, paths: paths.map((p) => [...p]) };
    let spent = 1;
    while (spent < evaluations) {
      const a = Math.floor(random() * paths.length);
      const cands = [...this.moves(paths, a, all)];
      if (cands.length === 0) {
        spent++;
        continue;
      }
      const ch = cands[Math.floor(random() * cands.length)]();
      // also try the non-best order of the changed agents: collisions may favour another order
      const undo = this.apply(paths, ch);
      const v = evaluate();
      spent++;
      if (v.obj < cur.obj - 1e-9) {
        cur = v;
        if (v.iter < best.iter - 1e-9) best = { iter: v.iter, paths: paths.map((p) => [...p]) };
      } else this.apply(paths, undo);
    }
    // the best simulated iteration seen (never worse than the start)
    this.apply(paths, best.paths.map((p, i) => [i, p] as [number, number[]]));
    return best.iter;
  }

  simulated(paths: readonly number[][]): number {
    return simulateIteration(this.problem, this.schedule(paths)).iterationS;
  }

  schedule(paths: readonly number[][]): Schedule {
    return { partitions: this.partitions, streams: paths.flatMap((p, i): Stream[] => this.agents[i].microbatches.map((mb) => ({ path: p, microbatches: mb }))) };
  }
}

export type PathVariant = 'random-skip' | 'skippipe-no-tc2' | 'skippipe';

/**
 * `skippipe-no-tc2`: fine agents, isolated round trips only. `skippipe`: also the coarse start
 * (node-disjoint partial pipelines, as the public CA variant ends up with), each refined against
 * the simulation with half the evaluations; the better simulated iteration wins (ties: fine).
 */
export function searchPaths(problem: Problem, partitions: number[][], variant: PathVariant): Schedule {
  const fine = new Search(problem, partitions, agentsOf(problem, partitions[0], false));
  if (variant === 'random-skip') return fine.schedule(fine.construct(mulberry32(problem.seed)));
  const paths = fine.construct(null);
  fine.improve(paths);
  if (variant === 'skippipe-no-tc2') return fine.schedule(paths);
  const half = Math.floor(problem.searchEvaluations / 2);
  const fineIter = fine.refine(paths, half, problem.seed);
  const coarse = new Search(problem, partitions, agentsOf(problem, partitions[0], true));
  if (coarse.weight > problem.memorySlots) return fine.schedule(paths);
  let coarsePaths: number[][];
  try {
    coarsePaths = coarse.construct(null);
  } catch {
    return fine.schedule(paths);
  }
  coarse.improve(coarsePaths);
  coarsePaths = minimaxDisjoint(coarse, coarsePaths, half);
  const coarseIter = coarse.refine(coarsePaths, half, problem.seed);
  return coarseIter < fineIter - 1e-9 ? coarse.schedule(coarsePaths) : fine.schedule(paths);
}

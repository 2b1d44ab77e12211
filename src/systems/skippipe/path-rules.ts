/**
 * The public scheduler's ordering rules for one path (its A* low level): start at a stage-0 node,
 * visit exactly P distinct stages (stage 0 counted) and return to the start. Frontier = highest
 * stage reached so far; the next stage may be below the frontier by one only (an adjacent swap),
 * at most 2 such swaps with total distance ≤ 2, and at most 4 stages above the frontier.
 */
export const MAX_SWAPS = 2;
export const MAX_SWAP_DISTANCE = 2;
export const MAX_JUMP = 4;

export type RuleBroken =
  | 'starts at a stage-0 node'
  | 'visits exactly P stages'
  | 'each stage at most once'
  | 'swap only with the stage just below the frontier'
  | `at most ${typeof MAX_SWAPS} swaps of total distance ≤ ${typeof MAX_SWAP_DISTANCE}`
  | `at most ${typeof MAX_JUMP} stages above the frontier`
  | 'nodes exist';

/** The first rule a stage sequence breaks, or null. `stages[0]` is the start's stage. */
export function brokenRule(stages: readonly number[], pathLength: number): RuleBroken | null {
  if (stages.some((s) => s < 0)) return 'nodes exist';
  if (stages[0] !== 0) return 'starts at a stage-0 node';
  if (stages.length !== pathLength) return 'visits exactly P stages';
  if (new Set(stages).size !== stages.length) return 'each stage at most once';
  let frontier = 0;
  let swaps = 0;
  let distance = 0;
  for (const t of stages.slice(1)) {
    if (t > frontier) {
      if (t - frontier > MAX_JUMP) return `at most ${MAX_JUMP} stages above the frontier`;
      frontier = t;
    } else {
      if (t !== frontier - 1) return 'swap only with the stage just below the frontier';
      swaps++;
      distance += frontier - t;
      if (swaps > MAX_SWAPS || distance > MAX_SWAP_DISTANCE) return `at most ${MAX_SWAPS} swaps of total distance ≤ ${MAX_SWAP_DISTANCE}`;
    }
  }
  return null;
}

/** Every valid stage sequence for `stages` stages and path length P (stage 0 first), in lexicographic order. */
export function stageSequences(stages: number, pathLength: number): number[][] {
  const out: number[][] = [];
  const seq = [0];
  const walk = () => {
    if (seq.length === pathLength) {
      out.push([...seq]);
      return;
    }
    for (let t = 1; t < stages; t++) {
      if (seq.includes(t)) continue;
      seq.push(t);
      // prefix check: the rules are prefix-closed except the length
      if (brokenRule(seq, seq.length) === null) walk();
      seq.pop();
    }
  };
  walk();
  return out;
}

/** The valid orders of one stage set (stage 0 first), e.g. {0,1,2,3} → 0123, 0213, 0132, 0214…; ascending first. */
export function ordersOfSet(set: readonly number[], pathLength: number, all: readonly number[][]): number[][] {
  const key = [...set].sort((a, b) => a - b).join(',');
  return all.filter((s) => [...s].sort((a, b) => a - b).join(',') === key);
}

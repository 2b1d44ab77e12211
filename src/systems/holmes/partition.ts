/**
 * Holmes' self-adapting pipeline partition: integer layers per stage (Σ = model layers) minimising
 * the slowest stage, where a stage's time is its micro-batches' forward + backward (including the
 * embedding on the first stage and the LM head + loss on the last) plus its DP-sync share: the
 * gradient reduce-scatter and parameter all-gather of the stage's parameters over the transport
 * its DP group gets, as a closed-form alpha-beta estimate. Exhaustive over compositions by
 * dynamic programming; ties go to the split closest to even.
 */
export interface StageCost {
  /** Seconds of stage `stage` holding `layers` layers. */
  (stage: number, layers: number): number;
}

export function evenPartition(layers: number, pp: number): number[] {
  const base = Math.floor(layers / pp);
  return Array.from({ length: pp }, (_, i) => base + (i < layers % pp ? 1 : 0));
}

export function adaptivePartition(layers: number, pp: number, cost: StageCost): number[] {
  if (pp === 1) return [layers];
  const even = evenPartition(layers, pp);
  // best[p][k]: minimal max-stage time of stages 0..p holding k layers; choice[p][k]: layers of stage p
  const best: number[][] = [];
  const choice: number[][] = [];
  for (let p = 0; p < pp; p++) {
    best.push(new Array(layers + 1).fill(Infinity));
    choice.push(new Array(layers + 1).fill(0));
    for (let k = p + 1; k <= layers - (pp - 1 - p); k++) {
      if (p === 0) {
        best[0][k] = cost(0, k);
        choice[0][k] = k;
        continue;
      }
      for (let l = 1; l <= k - p; l++) {
        const v = Math.max(best[p - 1][k - l], cost(p, l));
        const better = v < best[p][k] - 1e-12 || (Math.abs(v - best[p][k]) <= 1e-12 && Math.abs(l - even[p]) < Math.abs(choice[p][k] - even[p]));
        if (better) {
          best[p][k] = v;
          choice[p][k] = l;
        }
      }
    }
  }
  const out = new Array<number>(pp);
  let k = layers;
  for (let p = pp - 1; p >= 0; p--) {
    out[p] = choice[p][k];
    k -= out[p];
  }
  return out;
}

/** The event-driven iteration: exact event times on hand-computable schedules. */
import { describe, expect, it } from 'vitest';
import { brokenRule, stageSequences } from '../../../src/systems/skippipe/path-rules.js';
import { simulateIteration } from '../../../src/systems/skippipe/pipeline-sim.js';
import type { Problem } from '../../../src/systems/skippipe/problem.js';

function problem(over: Partial<Problem> = {}): Problem {
  const d = 0.5;
  return {
    nodes: 3,
    stageSizes: [1, 1, 1],
    pathLength: 3,
    memorySlots: 1,
    microbatchesPerStage0Node: 1,
    fullMicrobatchesPerPipeline: null,
    delay: [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? 0 : d))),
    serialisation: [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? 0 : 0.4))),
    contention: false,
    forward: [1, 1, 1],
    backwardFactor: 1.5,
    lossFactor: 0.25,
    layersPerStage: 1,
    seed: 1,
    searchEvaluations: 1,
    regions: null,
    links: null,
    ...over,
  };
}
const parts = [[0], [1], [2]];

describe('simulateIteration', () => {
  it('one microbatch: F F F, hop back, loss, B B B with every hop', () => {
    const o = simulateIteration(problem(), { partitions: parts, streams: [{ path: [0, 1, 2], microbatches: 1 }] }, true);
    // 3 forwards (3 s) + 4 hops there and back to stage 0 (… 0→1, 1→2, 2→0: 1.5 s) + loss 0.25 + 2→… hops 0→2, 2→1, 1→0 (1.5 s) + 3 backwards 4.5 s
    expect(o.iterationS).toBeCloseTo(3 + 1.5 + 0.25 + 1.5 + 4.5, 12);
    expect(o.spans!.map((s) => `${s.kind[0]}${s.node}`).join(' ')).toBe('f0 f1 f2 l0 b2 b1 b0');
    expect(o.collisions).toBe(0);
  });

  it('a stream sends its next microbatch after the previous final backward; two streams collide at stage 0', () => {
    const one = simulateIteration(problem(), { partitions: parts, streams: [{ path: [0, 1, 2], microbatches: 2 }] });
    expect(one.iterationS).toBeCloseTo(2 * 10.75, 12);
    const two = simulateIteration(problem({ memorySlots: 2 }), { partitions: parts, streams: [{ path: [0, 1, 2], microbatches: 1 }, { path: [0, 1, 2], microbatches: 1 }] });
    expect(two.collisions).toBeGreaterThan(0);
    expect(two.iterationS).toBeGreaterThan(10.75);
    expect(two.iterationS).toBeLessThan(2 * 10.75);
  });

  it('a full memory makes the second forward wait; contention queues transfers on a link', () => {
    const twoStreams = { partitions: parts, streams: [{ path: [0, 1, 2], microbatches: 1 }, { path: [0, 1, 2], microbatches: 1 }] };
    const mem = simulateIteration(problem({ memorySlots: 1 }), twoStreams);
    expect(mem.memoryWaitS).toBeGreaterThan(0);
    const free = simulateIteration(problem({ memorySlots: 2, forward: [0.01, 1, 1] }), twoStreams);
    const queued = simulateIteration(problem({ memorySlots: 2, forward: [0.01, 1, 1], contention: true }), twoStreams);
    expect(queued.iterationS).toBeGreaterThanOrEqual(free.iterationS);
  });
});

describe('ordering rules (the public A*)', () => {
  it('accepts adjacent swaps and jumps of ≤ 4; refuses the rest', () => {
    expect(brokenRule([0, 1, 3, 2], 4)).toBeNull();
    expect(brokenRule([0, 4, 3, 2], 4)).toBe('swap only with the stage just below the frontier');
    expect(brokenRule([0, 5, 4], 3)).toBe('at most 4 stages above the frontier');
    expect(brokenRule([0, 2, 1, 4, 3, 6, 5], 7)).toBe('at most 2 swaps of total distance ≤ 2');
    expect(brokenRule([1, 2, 3], 3)).toBe('starts at a stage-0 node');
    expect(brokenRule([0, 1], 3)).toBe('visits exactly P stages');
    expect(brokenRule([0, 2, 1, 2], 4)).toBe('each stage at most once');
    expect(stageSequences(6, 4)).toHaveLength(22);
  });
});

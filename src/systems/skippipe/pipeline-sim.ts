/**
 * Event-driven timing of one training iteration on the src/sim kernel, in integer picoseconds (no
 * time buckets). Each node runs one task at a time (forward, loss, backward), picking the earliest
 * ready task (ties: lower microbatch id); a forward needs a free memory slot, freed by the matching
 * backward. A microbatch runs F along its path, goes back to its stage-0 node for the loss, then
 * B retraces the path. Hops cost delay[i][j]; with contention the serialisation part of each hop
 * queues FIFO on its directed link. A stream's next microbatch leaves after the previous one's
 * final backward at the stage-0 node.
 */
import { HetsimError } from '../../errors.js';
import { Simulator, type SimEvent } from '../../sim/index.js';
import type { Problem, Schedule } from './problem.js';

export type TaskKind = 'forward' | 'loss' | 'backward';

export interface TaskSpan {
  node: number;
  microbatch: number;
  kind: TaskKind;
  start: number;
  end: number;
}

export interface SimOutcome {
  iterationS: number;
  busyS: number[];
  /** Tasks that found their node busy when they became ready, and the seconds they waited. */
  collisions: number;
  collisionWaitS: number;
  /** Seconds forwards waited for a memory slot. */
  memoryWaitS: number;
  /** Sum over microbatches of their final-backward end (a smooth tie-break for the search). */
  sumFinishS: number;
  microbatches: number;
  /** Forward visits per stage (for layer coverage). */
  stageVisits: number[];
  events: number;
  spans: TaskSpan[] | null;
}

const PS = 1e12;
const toPs = (s: number) => Math.round(s * PS);

interface Task {
  mb: number;
  /** Position in the microbatch's task list. */
  step: number;
  node: number;
  kind: TaskKind;
  ready: number;
}

interface Mb {
  id: number;
  stream: number;
  nodes: number[];
  /** Tasks in order: F path[0..P-1], L at path[0], B path[P-1..0]. */
  plan: { node: number; kind: TaskKind }[];
}

const ARRIVE = 0;
const DONE = 1;

export function simulateIteration(problem: Problem, schedule: Schedule, record = false): SimOutcome {
  const sim = new Simulator();
  const n = problem.nodes;
  const fwdPs = problem.forward.map(toPs);
  const bwdPs = problem.forward.map((f) => toPs(f * problem.backwardFactor));
  const lossPs = problem.forward.map((f) => toPs(f * problem.lossFactor));
  const delayPs = problem.delay.map((r) => r.map(toPs));
  const serPs = problem.contention && problem.serialisation ? problem.serialisation.map((r) => r.map(toPs)) : null;
  const linkFree = serPs ? problem.delay.map((r) => r.map(() => 0)) : null;

  // microbatches: stream k's j-th microbatch has id ordered by (round j, stream k) so ties favour earlier rounds
  const mbs: Mb[] = [];
  const streamQueue: number[][] = schedule.streams.map(() => []);
  const maxRounds = Math.max(0, ...schedule.streams.map((s) => s.microbatches));
  for (let j = 0; j < maxRounds; j++) {
    schedule.streams.forEach((st, k) => {
      if (j >= st.microbatches) return;
      const p = st.path;
      const plan = [...p.map((node) => ({ node, kind: 'forward' as TaskKind })), { node: p[0], kind: 'loss' as TaskKind }, ...[...p].reverse().map((node) => ({ node, kind: 'backward' as TaskKind }))];
      streamQueue[k].push(mbs.length);
      mbs.push({ id: mbs.length, stream: k, nodes: p, plan });
    });
  }

  const queue: Task[][] = Array.from({ length: n }, () => []);
  const busyUntil = new Array<number>(n).fill(0);
  const running = new Array<boolean>(n).fill(false);
  const slots = new Array<number>(n).fill(problem.memorySlots);
  const busy = new Array<number>(n).fill(0);
  const stageVisits = new Array<number>(problem.stageSizes.length).fill(0);
  const stageOf = new Array<number>(n).fill(0);
  schedule.partitions.forEach((p, t) => p.forEach((x) => (stageOf[x] = t)));
  let collisions = 0;
  let collisionWait = 0;
  let memoryWait = 0;
  let finished = 0;
  let lastEnd = 0;
  let sumFinish = 0;
  const spans: TaskSpan[] | null = record ? [] : null;
  const memoryBlockedSince = new Map<Task, number>();

  const handler = {
    handleEvent(ev: SimEvent) {
      if (ev.kind === ARRIVE) {
        const t = ev.data as Task;
        queue[t.node].push(t);
        dispatch(t.node);
      } else {
        const t = ev.data as Task;
        running[t.node] = false;
        complete(t);
        dispatch(t.node);
      }
    },
  };

  const arrive = (mb: number, step: number, at: number) => {
    const { node, kind } = mbs[mb].plan[step];
    sim.schedule(at, handler, ARRIVE, { mb, step, node, kind, ready: at } satisfies Task);
  };

  function dispatch(node: number): void {
    if (running[node]) return;
    const q = queue[node];
    let best = -1;
    for (let i = 0; i < q.length; i++) {
      const t = q[i];
      if (t.kind === 'forward' && slots[node] === 0) {
        if (!memoryBlockedSince.has(t)) memoryBlockedSince.set(t, sim.now);
        continue;
      }
      if (best < 0 || t.ready < q[best].ready || (t.ready === q[best].ready && t.mb < q[best].mb)) best = i;
    }
    if (best < 0) return;
    const t = q.splice(best, 1)[0];
    // waiting for the node (another task running or chosen first) is a collision; for a slot, a memory wait
    const blocked = memoryBlockedSince.get(t);
    const nodeWait = (blocked ?? sim.now) - t.ready;
    if (blocked !== undefined) {
      memoryWait += (sim.now - blocked) / PS;
      memoryBlockedSince.delete(t);
    }
    if (nodeWait > 0) {
      collisions++;
      collisionWait += nodeWait / PS;
    }
    if (t.kind === 'forward') slots[node]--;
    const dur = t.kind === 'forward' ? fwdPs[node] : t.kind === 'loss' ? lossPs[node] : bwdPs[node];
    running[node] = true;
    busy[node] += dur;
    busyUntil[node] = sim.now + dur;
    spans?.push({ node, microbatch: t.mb, kind: t.kind, start: sim.now / PS, end: (sim.now + dur) / PS });
    sim.schedule(sim.now + dur, handler, DONE, t, 0);
  }

  function hop(from: number, to: number): number {
    if (from === to) return sim.now;
    if (!serPs || !linkFree) return sim.now + delayPs[from][to];
    const start = Math.max(sim.now, linkFree[from][to]);
    linkFree[from][to] = start + serPs[from][to];
    return start + delayPs[from][to];
  }

  function complete(t: Task): void {
    const mb = mbs[t.mb];
    if (t.kind === 'backward') slots[t.node]++;
    if (t.kind === 'forward') stageVisits[stageOf[t.node]]++;
    const next = t.step + 1;
    if (next < mb.plan.length) {
      arrive(t.mb, next, hop(t.node, mb.plan[next].node));
      return;
    }
    finished++;
    lastEnd = Math.max(lastEnd, sim.now);
    sumFinish += sim.now / PS;
    const q = streamQueue[mb.stream];
    q.shift();
    if (q.length > 0) arrive(q[0], 0, sim.now);
  }

  streamQueue.forEach((q) => {
    if (q.length > 0) arrive(q[0], 0, 0);
  });
  sim.run();
  if (finished !== mbs.length) {
    throw new HetsimError('config_invalid', `the schedule deadlocks: ${mbs.length - finished} of ${mbs.length} microbatches never finish (forwards wait for memory slots held by microbatches that cannot proceed); raise pipeline.memory_slots or give each node at most memory_slots streams (TC1)`, 'pipeline.memory_slots');
  }
  return {
    iterationS: lastEnd / PS,
    busyS: busy.map((b) => b / PS),
    collisions,
    collisionWaitS: collisionWait,
    memoryWaitS: memoryWait,
    sumFinishS: sumFinish,
    microbatches: mbs.length,
    stageVisits,
    events: sim.eventsHandled,
    spans,
  };
}

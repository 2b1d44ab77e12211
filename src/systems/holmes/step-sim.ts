/**
 * One training iteration, event by event on the src/sim kernel: every worker (a TP group: one
 * pipeline stage of one DP replica) runs Megatron's non-interleaved 1F1B order, sends activations
 * forward and gradients backward as flows on the fabric (a send blocks its sender until it lands,
 * as Megatron's batched send/recv does), then its stage's DP group reduce-scatters gradients
 * (bucketed and overlapped with the last backward when `overlap_grad_reduce`), runs the optimizer
 * on its shard and all-gathers parameters. Idle time is split into pipeline bubble (waiting for a
 * producer's compute, or for DP peers) and P2P (a transfer in flight).
 */
import { EventPriority, Simulator, type EventHandler, type SimEvent } from '../../sim/index.js';
import { collectivePlan, p2pFlow, runPhases, type Algorithm, type CrossNic } from '../../hw/net/collectives.js';
import type { Fabric, NicPolicy } from '../../hw/net/fabric.js';
import type { Layout, Worker } from './layout.js';

export interface StageWork {
  fwd_s: number;
  bwd_s: number;
  /** Bytes one worker reduce-scatters (gradients) and all-gathers (parameters). */
  gradBytes: number;
  paramBytes: number;
  optimizer_s: number;
  buckets: number;
}

export interface StepOptions {
  microBatches: number;
  /** Bytes one worker sends per micro-batch across a stage boundary. */
  p2pBytes: number;
  policy: NicPolicy;
  algorithm: Algorithm;
  crossNic: CrossNic;
  overlap: boolean;
  distributedOptimizer: boolean;
  /** Keep Gantt spans of these worker ids. */
  ganttWorkers: ReadonlySet<number>;
  trace: boolean;
}

export interface Breakdown {
  compute_s: number;
  dp_exposed_s: number;
  pp_bubble_s: number;
  p2p_s: number;
}

export interface Span {
  worker: number;
  start: number;
  end: number;
  label: 'forward' | 'backward' | 'optimizer' | 'dp-sync' | 'p2p wait' | 'bubble';
}

export interface StepResult {
  iteration_s: number;
  critical: Breakdown & { worker: number };
  perWorkerEnd: number[];
  spans: Span[];
  events: number;
  sim: Simulator;
}

const PS = 1e12;
const DONE = 1;
const BUCKET = 2;

interface Op {
  fwd: boolean;
  mb: number;
}

/** Megatron's non-interleaved 1F1B order for one stage. */
export function oneFOneB(stage: number, pp: number, m: number): Op[] {
  const warm = Math.min(pp - stage - 1, m);
  const ops: Op[] = [];
  for (let i = 0; i < warm; i++) ops.push({ fwd: true, mb: i });
  for (let i = 0; i < m - warm; i++) ops.push({ fwd: true, mb: warm + i }, { fwd: false, mb: i });
  for (let i = m - warm; i < m; i++) ops.push({ fwd: false, mb: i });
  return ops;
}

/** A barrier for one collective: starts when every member has arrived and the previous one ended. */
class GroupChannel {
  private arrivals: number[] = [];
  private busy = false;
  private queue: { go: () => void; need: number; idx: number }[] = [];
  private next = 0;
  arrive(idx: number, members: number, go: () => void): void {
    this.arrivals[idx] = (this.arrivals[idx] ?? 0) + 1;
    if (this.arrivals[idx] === members) {
      this.queue.push({ go, need: members, idx });
      this.pump();
    }
  }
  finish(): void {
    this.busy = false;
    this.pump();
  }
  private pump(): void {
    this.queue.sort((a, b) => a.idx - b.idx);
    if (this.busy || this.queue.length === 0 || this.queue[0].idx !== this.next) return;
    const q = this.queue.shift()!;
    this.busy = true;
    this.next++;
    q.go();
  }
}

class WorkerSim implements EventHandler {
  idx = 0;
  busy = false;
  pendingSends = 0;
  idleSince = 0;
  sendDoneAt = 0;
  actAt: number[] = [];
  actSentAt: number[] = [];
  gradAt: number[] = [];
  gradSentAt: number[] = [];
  bucketsReady = 0;
  reduced = false;
  finishedAt = 0;
  syncStartedAt = -1;
  b: Breakdown = { compute_s: 0, dp_exposed_s: 0, pp_bubble_s: 0, p2p_s: 0 };
  constructor(
    readonly w: Worker,
    readonly ops: Op[],
    readonly run: StepRun,
  ) {}
  handleEvent(ev: SimEvent): void {
    if (ev.kind === DONE) this.run.computeDone(this, ev.data as Op | null);
    else this.run.bucketReady(this);
  }
}

class StepRun {
  readonly sim: Simulator;
  readonly ws: WorkerSim[];
  readonly channels: GroupChannel[];
  readonly spans: Span[] = [];
  readonly syncDone: number[] = [];

  constructor(
    readonly fab: Fabric,
    readonly layout: Layout,
    readonly stages: StageWork[],
    readonly o: StepOptions,
    sim: Simulator,
  ) {
    this.sim = sim;
    this.ws = layout.workers.map((w) => new WorkerSim(w, oneFOneB(w.stage, layout.pp, o.microBatches), this));
    this.channels = stages.map(() => new GroupChannel());
  }

  private now(): number {
    return this.sim.now / PS;
  }

  private span(w: WorkerSim, start: number, end: number, label: Span['label']): void {
    if (end <= start) return;
    if (this.o.ganttWorkers.has(w.w.id)) this.spans.push({ worker: w.w.id, start, end, label });
    if (this.sim.trace) this.sim.trace.complete(label, Math.round(start * PS), Math.round((end - start) * PS), 1 + w.w.stage, w.w.replica);
  }

  /** Idle [t0, t1] split into P2P (own send or the awaited input in flight) and bubble. */
  private accountWait(w: WorkerSim, t1: number, inSent: number): void {
    const t0 = w.idleSince;
    if (t1 <= t0) return;
    const a0 = t0;
    const a1 = Math.min(w.sendDoneAt, t1);
    const b0 = Math.max(inSent, t0);
    const b1 = t1;
    let p2p = Math.max(0, a1 - a0);
    if (b1 > b0) p2p += Math.max(0, b1 - Math.max(b0, a1)) + Math.max(0, Math.min(b1, a0) - b0);
    p2p = Math.min(p2p, t1 - t0);
    w.b.p2p_s += p2p;
    w.b.pp_bubble_s += t1 - t0 - p2p;
    this.span(w, t0, t0 + p2p, 'p2p wait');
    this.span(w, t0 + p2p, t1, 'bubble');
  }

  tryStart(w: WorkerSim): void {
    if (w.busy || w.pendingSends > 0) return;
    const pp = this.layout.pp;
    if (w.idx >= w.ops.length) {
      if (w.syncStartedAt >= 0) return;
      // the last backward's send, if it outlived the compute, is P2P time before the DP sync
      this.accountWait(w, this.now(), Infinity);
      this.startSync(w);
      return;
    }
    const op = w.ops[w.idx];
    let inSent = Infinity;
    if (op.fwd && w.w.stage > 0) {
      if (w.actAt[op.mb] === undefined) return;
      inSent = w.actSentAt[op.mb];
    }
    if (!op.fwd && w.w.stage < pp - 1) {
      if (w.gradAt[op.mb] === undefined) return;
      inSent = w.gradSentAt[op.mb];
    }
    const t = this.now();
    this.accountWait(w, t, inSent);
    const st = this.stages[w.w.stage];
    const dur = op.fwd ? st.fwd_s : st.bwd_s;
    w.busy = true;
    w.b.compute_s += dur;
    this.span(w, t, t + dur, op.fwd ? 'forward' : 'backward');
    this.sim.scheduleIn(Math.round(dur * PS), w, DONE, op);
    if (!op.fwd && op.mb === this.o.microBatches - 1 && this.o.overlap) {
      // the last backward releases gradient buckets, last layers first, evenly over its duration
      for (let b = 1; b <= st.buckets; b++) this.sim.scheduleIn(Math.round(((dur * b) / st.buckets) * PS), w, BUCKET, null, EventPriority.WAKE);
    }
  }

  computeDone(w: WorkerSim, op: Op | null): void {
    w.busy = false;
    const t = this.now();
    w.idleSince = t;
    w.sendDoneAt = t;
    if (op === null) return;
    w.idx++;
    const pp = this.layout.pp;
    const dp = this.layout.dp;
    const peerStage = op.fwd ? w.w.stage + 1 : w.w.stage - 1;
    if (peerStage >= 0 && peerStage < pp) {
      const peer = this.ws[peerStage * dp + w.w.replica];
      const p = p2pFlow(this.fab, w.w.node, peer.w.node, this.o.p2pBytes, this.o.policy);
      w.pendingSends++;
      this.fab.flows.transfer(p.flow.bytes, p.flow.resources, Math.round(p.latency_s * PS), () => {
        const at = this.now();
        w.pendingSends--;
        w.sendDoneAt = at;
        if (op.fwd) {
          peer.actAt[op.mb] = at;
          peer.actSentAt[op.mb] = t;
        } else {
          peer.gradAt[op.mb] = at;
          peer.gradSentAt[op.mb] = t;
        }
        this.tryStart(peer);
        this.tryStart(w);
      });
    }
    this.tryStart(w);
  }

  bucketReady(w: WorkerSim): void {
    const st = this.stages[w.w.stage];
    const i = w.bucketsReady++;
    const last = i === st.buckets - 1;
    this.collective(w.w.stage, i, 'reduce-scatter', st.gradBytes / st.buckets, () => {
      if (!last) return;
      w.reduced = true;
      if (w.syncStartedAt >= 0) this.optimizer(w);
    });
  }

  private readonly callbacks = new Map<string, (() => void)[]>();

  /** Joins collective `idx` of a stage's DP group; `memberDone` runs for this member when it ends. */
  private collective(stage: number, idx: number, kind: 'reduce-scatter' | 'all-gather' | 'all-reduce', bytes: number, memberDone: () => void): void {
    const members = this.layout.dp;
    const key = `${stage}:${idx}`;
    const list = this.callbacks.get(key) ?? [];
    list.push(memberDone);
    this.callbacks.set(key, list);
    const ch = this.channels[stage];
    ch.arrive(idx, members, () => {
      const ranks = this.ws.slice(stage * members, (stage + 1) * members).map((x) => x.w.node);
      const phases = collectivePlan(this.fab, ranks, kind, bytes, this.o.algorithm, this.o.policy, this.o.crossNic);
      runPhases(this.fab, phases, () => {
        ch.finish();
        for (const cb of list) cb();
      });
    });
  }

  private startSync(w: WorkerSim): void {
    const t = this.now();
    w.syncStartedAt = t;
    w.idleSince = t;
    const st = this.stages[w.w.stage];
    if (this.o.overlap) {
      if (w.reduced) this.optimizer(w);
      return;
    }
    const kind = this.o.distributedOptimizer ? 'reduce-scatter' : 'all-reduce';
    this.collective(w.w.stage, 0, kind, st.gradBytes, () => this.optimizer(w));
  }

  private optimizer(w: WorkerSim): void {
    const t = this.now();
    const st = this.stages[w.w.stage];
    // waiting for the gradient reduction counts as exposed DP communication
    w.b.dp_exposed_s += t - w.idleSince;
    this.span(w, w.idleSince, t, 'dp-sync');
    w.b.compute_s += st.optimizer_s;
    this.span(w, t, t + st.optimizer_s, 'optimizer');
    const optEnd = t + st.optimizer_s;
    const done = (): void => {
      const end = this.now();
      w.b.dp_exposed_s += end - optEnd;
      this.span(w, optEnd, end, 'dp-sync');
      w.finishedAt = end;
    };
    const gatherIdx = this.o.overlap ? st.buckets : 1;
    const next: EventHandler = { handleEvent: () => (this.o.distributedOptimizer ? this.collective(w.w.stage, gatherIdx, 'all-gather', st.paramBytes, done) : done()) };
    this.sim.scheduleIn(Math.round(st.optimizer_s * PS), next);
  }
}

export function simulateStep(fab: Fabric, sim: Simulator, layout: Layout, stages: StageWork[], o: StepOptions): StepResult {
  const run = new StepRun(fab, layout, stages, o, sim);
  for (const w of run.ws) run.tryStart(w);
  sim.run();
  const ends = run.ws.map((w) => w.finishedAt);
  let crit = 0;
  for (let i = 1; i < ends.length; i++) if (ends[i] > ends[crit]) crit = i;
  const cw = run.ws[crit];
  if (run.ws.some((w) => w.idx < w.ops.length || w.finishedAt === 0)) throw new Error('holmes step: the schedule deadlocked (a worker never finished)');
  return { iteration_s: ends[crit], critical: { worker: crit, ...cw.b }, perWorkerEnd: ends, spans: run.spans, events: sim.eventsHandled, sim };
}

/**
 * Schedules as data. Import: hetsim's own export (`format: hetsim-skippipe-paths`), or the public
 * SkipPipe `schedule.json` (its own `delays`, `memory`, `partitions` and next-hop path sets). Every
 * imported path is checked against the ordering rules, TC1 (agents per node ≤ memory, counted per
 * agent as the public code does) and the stage load; a break names the agent and the rule.
 */
import { HetsimError } from '../../errors.js';
import { brokenRule } from './path-rules.js';
import { stageOfNodes, type Problem, type Schedule, type Stream } from './problem.js';
import type { ScheduleName } from './schedules.js';

export const HETSIM_FORMAT = 'hetsim-skippipe-paths';

/**
 * The public file's compute: w = 0.055 s per sample per layer × 4 layers × 2 samples (its delays
 * assume 2 samples of 16 777 324 B), the same at every node.
 */
export const PUBLIC_FORWARD_S = 0.055 * 4 * 2;

/** Which of a public file's path sets each schedule runs (`full`: the partitions' columns). */
export const PUBLIC_SET: Record<Exclude<ScheduleName, 'full'>, string> = { skippipe: 'ca-paths', 'skippipe-no-tc2': 'non-ca-paths', 'random-skip': 'random-paths' };

type Agent = { label: string; path: number[] };

function fail(file: string, msg: string): never {
  throw new HetsimError('config_invalid', `${file}: ${msg}`, '--paths');
}

/** Ordering rules, TC1 and stage load for each agent; the first break names the agent and the rule. */
export function checkAgents(file: string, agents: readonly Agent[], partitions: number[][], nodes: number, pathLength: number, memory: number): void {
  const stage = stageOfNodes(partitions, nodes);
  const through = new Array<number>(nodes).fill(0);
  const perStage = new Array<number>(partitions.length).fill(0);
  for (const a of agents) {
    const bad = a.path.find((x) => !Number.isInteger(x) || x < 0 || x >= nodes);
    if (bad !== undefined) fail(file, `${a.label} visits node ${bad}, which does not exist (nodes 0…${nodes - 1})`);
    const stages = a.path.map((x) => stage[x]);
    const rule = brokenRule(stages, pathLength);
    if (rule) fail(file, `${a.label} (nodes ${a.path.join('→')}, stages ${stages.join('→')}) breaks the rule '${rule}' (P = ${pathLength})`);
    for (const x of a.path.slice(1)) {
      if (++through[x] > memory) fail(file, `${a.label} breaks TC1 (node memory): node ${x} is on more than ${memory} agents' paths`);
      const t = stage[x];
      if (++perStage[t] > partitions[t].length * memory) fail(file, `${a.label} breaks the stage load: stage ${t} is visited by more than ${partitions[t].length * memory} agents (nodes × memory)`);
    }
  }
}

function checkPartitions(file: string, partitions: unknown, nodes: number): number[][] {
  if (!Array.isArray(partitions) || partitions.some((p) => !Array.isArray(p) || p.length === 0)) fail(file, 'partitions: expected a list of stages, each a non-empty list of node ids');
  const seen = new Set<number>();
  for (const x of (partitions as number[][]).flat()) {
    if (!Number.isInteger(x) || x < 0 || x >= nodes || seen.has(x)) fail(file, `partitions: node ${x} is out of range or in two stages`);
    seen.add(x);
  }
  return partitions as number[][];
}

/** A public next-hop dict {node: next} as a node list from its start (the key no hop leads to). */
function nextHopPath(label: string, file: string, hops: unknown): number[] {
  if (typeof hops !== 'object' || hops === null) fail(file, `${label}: expected a next-hop map {node: next node}`);
  const entries = Object.entries(hops as Record<string, unknown>).map(([k, v]) => [Number(k), Number(v)] as const);
  const targets = new Set(entries.map(([, v]) => v));
  const starts = entries.filter(([k]) => !targets.has(k));
  if (starts.length !== 1) fail(file, `${label}: its next-hop map has ${starts.length} starts (expected one stage-0 node no hop leads to)`);
  const next = new Map(entries);
  const path = [starts[0][0]];
  while (next.has(path[path.length - 1]) && path.length <= entries.length) path.push(next.get(path[path.length - 1])!);
  return path;
}

export interface Imported {
  /** The problem: the scenario's, or the public file's own network, partitions and memory. */
  problem: Problem;
  schedule: Schedule;
  source: string;
}

export function importPaths(file: string, text: string, mode: ScheduleName, scenario: Problem): Imported {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return fail(file, `not JSON (${(e as Error).message}); accepted: hetsim's --export-paths output or a public SkipPipe schedule.json`);
  }
  if (doc.format === HETSIM_FORMAT) return importHetsim(file, doc, mode, scenario);
  if ('delays' in doc && 'partitions' in doc) return importPublic(file, doc, mode, scenario);
  return fail(file, `unknown schedule file; accepted: {"format": "${HETSIM_FORMAT}", …} or a public SkipPipe schedule.json (delays, partitions, ca-paths, non-ca-paths, random-paths)`);
}

function importHetsim(file: string, doc: Record<string, unknown>, mode: ScheduleName, problem: Problem): Imported {
  const partitions = checkPartitions(file, doc.partitions, problem.nodes);
  const sizes = partitions.map((p) => p.length);
  if (sizes.join() !== problem.stageSizes.join()) fail(file, `partitions have stage sizes [${sizes}], the scenario [${problem.stageSizes}]`);
  const sets = (doc.schedules ?? {}) as Record<string, unknown>;
  const list = sets[mode];
  if (!Array.isArray(list)) fail(file, `has no '${mode}' schedule; it has: ${Object.keys(sets).join(', ') || 'none'}`);
  const streams = (list as unknown[]).map((s, i): Stream => {
    const o = s as { path?: unknown; microbatches?: unknown };
    if (!Array.isArray(o.path) || !Number.isInteger(o.microbatches) || (o.microbatches as number) < 1) fail(file, `stream ${i}: expected {path: [node, …], microbatches: n ≥ 1}`);
    return { path: o.path as number[], microbatches: o.microbatches as number };
  });
  if (mode !== 'full') checkAgents(file, streams.map((s, i) => ({ label: `stream ${i}`, path: s.path })), partitions, problem.nodes, problem.pathLength, problem.memorySlots);
  return { problem, schedule: { partitions, streams }, source: file };
}

function importPublic(file: string, doc: Record<string, unknown>, mode: ScheduleName, scenario: Problem): Imported {
  const delays = doc.delays as number[][];
  const n = Array.isArray(delays) ? delays.length : 0;
  if (n === 0 || delays.some((r) => !Array.isArray(r) || r.length !== n || r.some((v) => typeof v !== 'number' || v < 0))) fail(file, 'delays: expected a square matrix of non-negative seconds');
  const partitions = checkPartitions(file, doc.partitions, n);
  const memory = Number.isInteger(doc.memory) && (doc.memory as number) > 0 ? (doc.memory as number) : fail(file, 'memory: expected a positive integer');
  const perNode = Number.isInteger(doc['ours-sends']) ? (doc['ours-sends'] as number) : scenario.microbatchesPerStage0Node;
  const sets = Object.values(PUBLIC_SET).map((k) => Object.values((doc[k] ?? {}) as Record<string, unknown>));
  const firstPath = sets.flat().map((h, i) => nextHopPath(`path ${i}`, file, h))[0];
  const problem: Problem = {
    ...scenario,
    nodes: n,
    stageSizes: partitions.map((p) => p.length),
    pathLength: firstPath ? firstPath.length : scenario.pathLength,
    memorySlots: memory,
    microbatchesPerStage0Node: perNode,
    delay: delays,
    serialisation: null,
    contention: false,
    forward: new Array<number>(n).fill(PUBLIC_FORWARD_S),
    regions: Array.isArray(doc.locations) ? (doc.locations as string[]) : null,
    links: null,
  };
  if (mode === 'full') return { problem, schedule: { partitions, streams: [] }, source: file };
  const key = PUBLIC_SET[mode];
  const raw = doc[key];
  if (typeof raw !== 'object' || raw === null) fail(file, `has no '${key}' (the path set --schedule ${mode} runs)`);
  const agents = Object.entries(raw as Record<string, unknown>)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([k, hops]): Agent => ({ label: `${key} agent ${k}`, path: nextHopPath(`${key} agent ${k}`, file, hops) }));
  checkAgents(file, agents, partitions, n, problem.pathLength, memory);
  // each stage-0 node runs `memory` streams; its agents share them (coarsened agents: several each)
  const streams: Stream[] = [];
  for (const s of partitions[0]) {
    const mine = agents.filter((a) => a.path[0] === s);
    if (mine.length === 0) continue;
    if (memory % mine.length !== 0) fail(file, `stage-0 node ${s} has ${mine.length} agents in ${key}; expected a divisor of memory ${memory}`);
    const per = memory / mine.length;
    const mbPerAgent = (perNode * partitions[0].length) / agents.length;
    for (const a of mine) {
      for (let k = 0; k < per; k++) {
        const mb = Math.floor(mbPerAgent / per) + (k < mbPerAgent % per ? 1 : 0);
        if (mb > 0) streams.push({ path: a.path, microbatches: mb });
      }
    }
  }
  return { problem, schedule: { partitions, streams }, source: file };
}

/** hetsim's export: partitions and the run's streams under its schedule name. */
export function exportPaths(schedule: Schedule, name: ScheduleName): string {
  return `${JSON.stringify({ format: HETSIM_FORMAT, version: 1, partitions: schedule.partitions, schedules: { [name]: schedule.streams } }, null, 1)}\n`;
}

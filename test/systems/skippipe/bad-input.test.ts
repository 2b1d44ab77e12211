/** Bad SkipPipe input: one line naming the key (or flag) and the accepted form, exit 2, no stack. */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { expectBadInput, hetsim, tempFile } from '../../cli/harness.js';
import { publicFile, rawScenario, type Raw } from './helpers.js';

function scenarioFile(edit: (r: Raw) => void): string {
  const r = rawScenario();
  edit(r);
  return tempFile('bad.yaml', stringify(r));
}

const simulate = (file: string, ...flags: string[]) => hetsim(['simulate', file, '--schedule', 'full', ...flags]);

/** 3 nodes with explicit matrices (stages [1,1,1]). */
function explicit(lat: unknown, bw: unknown): string {
  return scenarioFile((r) => {
    r.nodes = { count: 3 };
    r.network = { latency_ms: lat, bandwidth_GiBps: bw };
    r.model.layers = 3;
    r.pipeline = { stages: [1, 1, 1], path_length: 2, memory_slots: 1, microbatches_per_stage0_node: 2 };
  });
}
const ok3 = [
  [0, 10, 20],
  [10, 0, 30],
  [20, 30, 0],
];

describe('skippipe: bad input', () => {
  it('P larger than the number of stages', () => {
    expectBadInput(simulate(scenarioFile((r) => (r.pipeline.path_length = 7))), /pipeline\.path_length: expected 2 ≤ P ≤ 6 \(the number of stages\), got 7/);
  });

  it('P below 2', () => {
    expectBadInput(simulate(scenarioFile((r) => (r.pipeline.path_length = 1))), /pipeline\.path_length: expected 2 ≤ P ≤ 6/);
  });

  it('a stage with 0 nodes', () => {
    expectBadInput(simulate(scenarioFile((r) => (r.pipeline.stages = [5, 3, 0, 3, 3, 3]))), /pipeline\.stages\[2\]: stage 2 has 0 nodes; every stage needs at least 1 node/);
  });

  it('a region not in the network table', () => {
    expectBadInput(simulate(scenarioFile((r) => (r.nodes.regions = ['Belgium', 'Atlantis']))), /nodes\.regions\[1\]: region 'Atlantis' is not in the network table; accepted: Australia, Belgium/);
  });

  it('a latency matrix that is not square', () => {
    expectBadInput(simulate(explicit([[0, 1, 2], [1, 0], [2, 1, 0]], ok3)), /network\.latency_ms\[1\]: not square: row 1 has 2 entries, expected 3/);
  });

  it('a bandwidth matrix with a negative entry', () => {
    expectBadInput(simulate(explicit(ok3, [[0, 1, 1], [1, 0, -1], [1, 1, 0]])), /network\.bandwidth_GiBps\[1\]\[2\]: expected a non-negative number of GiB\/s, got -1/);
  });

  it('memory slots 0', () => {
    expectBadInput(simulate(scenarioFile((r) => (r.pipeline.memory_slots = 0))), /pipeline\.memory_slots: expected a positive number of activation slots per node/);
  });

  it('an imported path that swaps below the frontier by more than one names the agent and the rule', () => {
    const f = publicFile();
    // agent 0 of ca-paths: 0 → 14 (stage 1) → 6 (stage 2) → 12 (stage 3); make it 0 → 12 (3) → 14 (1) → 6 (2)
    f['ca-paths']['0'] = { 0: 12, 12: 14, 14: 6 };
    const file = tempFile('bad-schedule.json', JSON.stringify(f));
    expectBadInput(hetsim(['simulate', scenarioFile(() => {}), '--schedule', 'skippipe', '--paths', file]), /--paths: .*ca-paths agent 0 \(nodes 0→12→14→6, stages 0→3→1→2\) breaks the rule 'swap only with the stage just below the frontier'/);
  });

  it('an imported path set that overloads a node names the agent and TC1', () => {
    const f = publicFile();
    for (const k of ['0', '1', '2', '3']) f['non-ca-paths'][k] = { [f['non-ca-paths'][k] && Object.keys(f['non-ca-paths'][k]).find((x) => f.partitions[0].includes(Number(x)))]: 14, 14: 6, 6: 12 };
    const file = tempFile('bad-schedule.json', JSON.stringify(f));
    expectBadInput(hetsim(['simulate', scenarioFile(() => {}), '--schedule', 'skippipe-no-tc2', '--paths', file]), /--paths: .*non-ca-paths agent 3 breaks TC1 \(node memory\): node 14 is on more than 3 agents' paths/);
  });

  it('an unknown scenario key suggests the nearest', () => {
    const r = simulate(scenarioFile((r) => (r.pipeline.memory_slot = 3)));
    expectBadInput(r, /memory_slot/);
    expect(r.stderr).toMatch(/memory_slots/);
  });
});

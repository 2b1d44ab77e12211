/**
 * `hetsim compare` as a CI gate: exit 1 on a regression past the threshold, 0 otherwise, 2 for bad
 * input (one line naming the flag or file); table, markdown and JSON output on the fixtures.
 */
import { describe, expect, it } from 'vitest';
import { expectBadInput, hetsim, tempFile } from './harness.js';

const FIX = 'test/sweep/fixtures/compare';
const BASE = `${FIX}/base`;
const B8 = 'dc3847f487220aa3';
const ROOFLINE = 'system: roofline\nmodel: llama-2-7b\nhardware: h100-sxm\nstage: decode\nbatch: 8\nseq: 1024\n';

describe('hetsim compare: the gate', () => {
  it('a 5% tokens/s drop exits 1 at the default 2%, naming the config and metric', () => {
    const r = hetsim(['compare', BASE, `${FIX}/candidate-5pct`]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/dc3847f4 roofline\/calibrated batch=8 +tokens_per_s ↑ +865\.836 +822\.544 +-5\.00% +✗ regression/);
    expect(r.stdout).toMatch(/worst regressions:\n  dc3847f4 roofline\/calibrated batch=8  time_s \+5\.26% \(lower is better, threshold 2%\)/);
    expect(r.stdout).toMatch(/❌ 2 regressions past threshold \(5 matched configs, 14 metrics, threshold 2%\)\n$/);
  });

  it('a 1% drop passes; so does the 5% one at --threshold 6% or 0.06', () => {
    expect(hetsim(['compare', BASE, `${FIX}/candidate-1pct`]).code).toBe(0);
    expect(hetsim(['compare', BASE, `${FIX}/candidate-5pct`, '--threshold', '6%']).code).toBe(0);
    expect(hetsim(['compare', BASE, `${FIX}/candidate-5pct`, '--threshold', '0.06']).code).toBe(0);
  });

  it('time_s down is an improvement (exit 0), unless --metric says higher is better', () => {
    expect(hetsim(['compare', BASE, `${FIX}/candidate-faster`]).code).toBe(0);
    const r = hetsim(['compare', BASE, `${FIX}/candidate-faster`, '--metric', 'time_s:higher']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/time_s -5\.00% \(higher is better, threshold 2%\)/);
  });

  it('--metric restricts the gate; a per-metric threshold loosens one metric', () => {
    expect(hetsim(['compare', BASE, `${FIX}/candidate-5pct`, '--metric', 'ops', '--metric', 'memory_total']).code).toBe(0);
    expect(hetsim(['compare', BASE, `${FIX}/candidate-5pct`, '--metric', 'tokens_per_s:higher:10%', '--metric', 'time_s']).code).toBe(1);
    expect(hetsim(['compare', BASE, `${FIX}/candidate-5pct`, '--metric', 'tokens_per_s:higher:10%', '--metric', 'time_s:lower:6%']).code).toBe(0);
  });

  it('unmatched and failed lines are listed, not errors; a config that ran in the base and fails in the candidate exits 1', () => {
    const r = hetsim(['compare', BASE, `${FIX}/candidate-partial`]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('only in base (1): 128f20d4 roofline/calibrated');
    expect(r.stdout).toContain('only in candidate (1): fd2581e0 roofline/calibrated');
    expect(r.stdout).toContain('failed in candidate (ok in base: regression): a9863d9c neupims/neupims: tRCD violated on channel 3 bank 7 at cycle 1840');
    expect(r.stdout).toMatch(/❌ 1 config failing in the candidate that ran in the base \(3 matched configs/);
  });
});

describe('hetsim compare: formats', () => {
  it('--format json: the documented object, sorted by hash, real ratios', () => {
    const r = hetsim(['compare', BASE, `${FIX}/candidate-5pct`, '--format', 'json', '--metric', 'tokens_per_s']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['base', 'candidate', 'threshold', 'metrics', 'pairs', 'unmatched', 'failed', 'worst', 'regressed']);
    expect(j).toMatchObject({ base: BASE, threshold: 0.02, regressed: true, unmatched: { base: [], candidate: [] }, failed: [] });
    expect(j.metrics).toEqual([{ name: 'tokens_per_s', better: 'higher', threshold: 0.02, geomean_ratio: expect.closeTo(0.95 ** (1 / 5), 12), regressions: 1 }]);
    const hashes = j.pairs.map((p: { hash: string }) => p.hash);
    expect(hashes).toEqual([...hashes].sort());
    const d = j.pairs.find((p: { hash: string }) => p.hash === B8).deltas.tokens_per_s;
    expect(d.ratio).toBe(d.candidate / d.base);
    expect(d).toMatchObject({ base: 865.8359077498386, change: expect.closeTo(-0.05, 12), regressed: true });
  });

  it('--format markdown: a summary line with ❌, the worst regressions and the geomeans', () => {
    const r = hetsim(['compare', BASE, `${FIX}/candidate-5pct`, '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^### ❌ hetsim compare: 2 regressions past threshold \(5 matched configs, 14 metrics, threshold 2%\)\n/);
    expect(r.stdout).toContain('| dc3847f4 roofline/calibrated batch=8 | time_s ↓ | 0.00923963 | 0.00972592 | +5.26% | 2% |');
    expect(r.stdout).toContain('| tokens_per_s | higher ↑ | ×0.9898 | 1 |');
    const broke = hetsim(['compare', BASE, `${FIX}/candidate-partial`, '--format', 'markdown']);
    expect(broke.code).toBe(1);
    expect(broke.stdout).toMatch(/^### ❌ hetsim compare: 1 config failing in the candidate that ran in the base/);
    expect(broke.stdout).toContain('- failed in candidate (ok in base: regression): `a9863d9c8439d639` neupims/neupims');
    const ok = hetsim(['compare', BASE, `${FIX}/candidate-1pct`, '--format', 'markdown']);
    expect(ok.stdout).toMatch(/^### ✅ hetsim compare: no regression/);
  });

  it('a `simulate --json` file matches the sweep line of the same config', () => {
    const sim = hetsim(['simulate', tempFile('rf.yaml', ROOFLINE), '--json', '--mode', 'calibrated']);
    expect(sim.code, sim.stderr).toBe(0);
    const r = hetsim(['compare', tempFile('one.json', sim.stdout), BASE, '--format', 'json', '--metric', 'time_s']);
    const j = JSON.parse(r.stdout);
    expect(j.pairs.map((p: { hash: string }) => p.hash)).toEqual([B8]);
    expect(j.unmatched.candidate).toHaveLength(4);
  });
});

describe('hetsim compare SCENARIO --mode a --mode b', () => {
  it('gives the ratio of the two modes\' time_s', () => {
    const f = tempFile('rf.yaml', ROOFLINE);
    const t = (mode: string) => JSON.parse(hetsim(['simulate', f, '--json', '--mode', mode]).stdout).metrics.time_s;
    const r = hetsim(['compare', f, '--mode', 'ideal', '--mode', 'calibrated', '--format', 'json']);
    expect([0, 1]).toContain(r.code);
    const j = JSON.parse(r.stdout);
    expect(j.pairs).toHaveLength(1);
    expect(j.pairs[0]).toMatchObject({ system: 'roofline', mode: 'ideal', candidate_mode: 'calibrated' });
    expect(j.pairs[0].deltas.time_s.ratio).toBe(t('calibrated') / t('ideal'));
    expect(r.code).toBe(j.regressed ? 1 : 0);
  });

  it('needs exactly two modes of the scenario\'s system', () => {
    const f = tempFile('rf.yaml', ROOFLINE);
    expectBadInput(hetsim(['compare', f, '--mode', 'ideal']), /--mode: compares two modes of one scenario: hetsim compare SCENARIO --mode BASE_MODE --mode CANDIDATE_MODE/);
    expectBadInput(hetsim(['compare', f, '--mode', 'ideal', '--mode', 'npu-only']), /--mode: system roofline has no mode 'npu-only'; its modes: ideal, calibrated, llm-viewer/);
  });
});

describe('hetsim compare: bad input is exit 2 with one line', () => {
  it('an unknown metric names the ones the results have', () => {
    expectBadInput(hetsim(['compare', BASE, `${FIX}/candidate-1pct`, '--metric', 'latency']), /--metric: the results have no metric 'latency'; they have: arithmetic_intensity, .*tokens_per_s, vector_utilization/);
  });

  it('thresholds other than 2% or 0.02', () => {
    expectBadInput(hetsim(['compare', BASE, BASE, '--threshold', 'two']), /--threshold: expected a relative change as a percentage \(2%\) or a fraction below 1 \(0\.02\), got 'two'/);
    expectBadInput(hetsim(['compare', BASE, BASE, '--threshold', '5']), /--threshold: .*got '5' \(for 5 percent write 5%\)/);
    expectBadInput(hetsim(['compare', BASE, BASE, '--metric', 'time_s:down']), /--metric: expected NAME, NAME:higher\|lower or NAME:higher\|lower:THRESHOLD/);
  });

  it('a malformed or torn line is named by file and line', () => {
    expectBadInput(hetsim(['compare', `${FIX}/malformed.jsonl`, BASE]), /malformed\.jsonl line 2: malformed JSON/);
    expectBadInput(hetsim(['compare', BASE, `${FIX}/torn`]), /torn\/results\.jsonl line 3: malformed JSON \(torn/);
  });

  it('a result without config, a missing path, a missing CANDIDATE', () => {
    const f = tempFile('noconfig.json', JSON.stringify({ system: 'roofline', mode: 'ideal', metrics: { time_s: 1 } }));
    expectBadInput(hetsim(['compare', f, BASE]), /noconfig\.json: no config/);
    expectBadInput(hetsim(['compare', BASE, `${FIX}/nope`]), /nope not found; expected a sweep folder/);
    expectBadInput(hetsim(['compare', BASE]), /compare: give BASE and CANDIDATE/);
  });
});

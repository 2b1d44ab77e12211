/**
 * `hetsim simulate` over the registry: any system's scenario, its flags checked against its
 * descriptor, and each bad input from a new user's first session answered with one line naming
 * the flag or key, exit 2, no stack trace.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBadInput, hetsim, ROOT, tempFile } from './harness.js';

const NP = 'models/scenarios/neupims-gpt3-7b.yaml';
const roofline = () => tempFile('roofline.yaml', 'system: roofline\nmodel: llama-2-7b\nhardware: h100-sxm\nstage: decode\nbatch: 8\nseq: 1024\n');

describe('hetsim simulate: bad input on the shipped neupims-gpt3-7b scenario', () => {
  it('--steps 0 names --steps and the accepted form (was a TypeError with a stack)', () => {
    expectBadInput(hetsim(['simulate', NP, '--steps', '0', '--layers', '1', '--batch', '8']), /--steps: expected a positive integer \(1, 2, …\), got '0'/);
  });

  it('--layers 0 names --layers (was an internal DRAM address check)', () => {
    expectBadInput(hetsim(['simulate', NP, '--layers', '0']), /--layers: expected a positive integer/);
  });

  it('--batch 0 is refused (was exit 0 with NaN tokens/s)', () => {
    expectBadInput(hetsim(['simulate', NP, '--batch', '0']), /--batch: expected a positive integer \(1, 2, …\), got '0'/);
  });

  it('--batch abc echoes what was typed (was "got NaN")', () => {
    expectBadInput(hetsim(['simulate', NP, '--batch', 'abc']), /--batch: expected a positive integer \(1, 2, …\), got 'abc'/);
  });

  it('--layers 1000 on a 32-layer model is refused with the model\'s layer count', () => {
    expectBadInput(hetsim(['simulate', NP, '--layers', '1000']), /--layers: 1000 exceeds the 32 decoder layers gpt3-7b has per device .*use 'all' or 1\.\.32 \(scenario key layers\)/);
  });

  it('a batch beyond the trace names --batch', () => {
    expectBadInput(hetsim(['simulate', NP, '--batch', '600', '--layers', '1']), /--batch: batch 600 needs 600 requests, the trace has 512/);
  });

  it('--steady-state-layers takes 0 but not -1', () => {
    expectBadInput(hetsim(['simulate', NP, '--steady-state-layers=-1']), /--steady-state-layers: expected a non-negative integer/);
  });

  it('--placement outside its choices', () => {
    expectBadInput(hetsim(['simulate', NP, '--placement', 'best']), /--placement: expected one of auto, trace, clb, rr, got 'best'/);
  });

  it('a mode of another system, naming the system\'s modes', () => {
    expectBadInput(hetsim(['simulate', NP, '--mode', 'ideal']), /--mode: system neupims has no mode 'ideal'; its modes: neupims, npu-pim-naive, npu-only, gpu/);
  });

  it('a mistyped flag gets the nearest flag of the command', () => {
    expectBadInput(hetsim(['simulate', NP, '--bach', '8']), /Unknown argument: bach; did you mean '--batch'\?/);
  });

  it('--trace-detail without --trace acts on nothing: refused', () => {
    expectBadInput(hetsim(['simulate', NP, '--trace-detail', 'system']), /--trace-detail: .*give --trace too/);
  });
});

describe('hetsim simulate: dispatch by the scenario\'s system', () => {
  it('a scenario set says what it is and which command takes it', () => {
    expectBadInput(hetsim(['simulate', 'models/scenarios/default.yaml']), /default\.yaml is a scenario set .*hetsim report --scenarios/);
  });

  it('an unknown system lists the registered ones', () => {
    const f = tempFile('x.yaml', 'system: neupim\nmodel: gpt3-7b\n');
    expectBadInput(hetsim(['simulate', f]), /system: unknown system "neupim"; registered systems: roofline, neupims/);
  });

  it('a flag of another system is refused, naming it and this system\'s flags', () => {
    expectBadInput(hetsim(['simulate', roofline(), '--batch', '4']), /--batch: system roofline takes no such flag \(it is neupims's\)/);
  });

  it('--trace on a system that records none', () => {
    expectBadInput(hetsim(['simulate', roofline(), '--trace', join(ROOT, 'never.json')]), /--trace: system roofline records no trace/);
  });

  it('a roofline scenario runs through simulate with the common result keys', () => {
    const r = hetsim(['simulate', roofline(), '--json', '--mode', 'calibrated']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.system).toBe('roofline');
    expect(j.mode).toBe('calibrated');
    expect(j.config).toMatchObject({ model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'decode', batch: 8, seq: 1024, mode: 'calibrated' });
    expect(j.metrics.time_s).toBe(j.totals.time_s);
    expect(j.metrics.tokens_per_s).toBeCloseTo(8 / j.totals.time_s, 6);
    expect(typeof j.version).toBe('string');
    // the same request through `hetsim roofline` gives the same numbers
    const direct = JSON.parse(hetsim(['roofline', '-m', 'llama-2-7b', '-H', 'h100-sxm', '--stage', 'decode', '--batch', '8', '--seq', '1024', '--mode', 'calibrated', '--json']).stdout);
    expect(j).toEqual(direct);
  });

  it('a NeuPIMs run carries its resolved config (flags applied) and the descriptor\'s metrics', () => {
    const r = hetsim(['simulate', NP, '--json', '--batch', '16', '--layers', '2', '--steady-state-layers', '2', '--mode', 'npu-pim-naive']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.config).toMatchObject({ system: 'neupims', model: 'gpt3-7b', batch: 16, layers: 2, steady_state_layers: 2, mode: 'npu-pim-naive' });
    expect(j.config.npu.freq_mhz).toBe(1000);
    const list = JSON.parse(hetsim(['systems', '--json']).stdout).find((s: { id: string }) => s.id === 'neupims');
    expect(Object.keys(j.metrics)).toEqual(list.metrics.map((m: { name: string }) => m.name));
    expect(j.metrics.tokens_per_s).toBe(j.tokens_per_s);
    expect(j.metrics.npu_utilization).toBe(j.utilization.npu);
  }, 60_000);

  it('--compare runs every mode and reports each against the scenario\'s own mode with compare\'s deltas', () => {
    const r = hetsim(['simulate', NP, '--compare', '--json', '--batch', '8', '--layers', '2', '--steady-state-layers', '2']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.results.map((x: { mode: string }) => x.mode)).toEqual(['neupims', 'npu-pim-naive', 'npu-only', 'gpu']);
    expect(j.reference).toBe('neupims');
    expect(Object.keys(j.versus)).toEqual(['npu-pim-naive', 'npu-only', 'gpu']);
    const metric = (m: string, k: string) => j.results.find((x: { mode: string }) => x.mode === m).metrics[k];
    const d = j.versus['npu-only'].tokens_per_s;
    expect(d).toMatchObject({ base: metric('neupims', 'tokens_per_s'), candidate: metric('npu-only', 'tokens_per_s') });
    expect(d.ratio).toBeCloseTo(metric('npu-only', 'tokens_per_s') / metric('neupims', 'tokens_per_s'), 12);
    expect(d.change).toBeCloseTo(d.ratio - 1, 12);
    expect(d.regressed).toBe(d.ratio < 1); // threshold 0: worse than the reference at all
    expect(j.versus.gpu.step_seconds.ratio).toBeCloseTo(metric('gpu', 'step_seconds') / metric('neupims', 'step_seconds'), 12);
    // without --json: a metric × mode table of ratios to the reference
    const text = hetsim(['simulate', roofline(), '--compare']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/vs ideal \(mode ÷ reference\) +calibrated +llm-viewer\ntime_s ↓ +×\d\.\d{4} +×\d\.\d{4}\n/);
  }, 60_000);
});

/** `hetsim simulate` on FlightLLM scenarios: the JSON contract, the trace, and one bad-input test per case. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBadInput, hetsim, tempFile } from './harness.js';
import { scratchDir } from '../scratch.js';

const U280 = 'models/scenarios/flightllm-u280-llama2-7b.yaml';
const VHK = 'models/scenarios/flightllm-vhk158-llama2-7b.yaml';
const base = readFileSync(U280, 'utf8');
/** The U280 scenario with one line replaced (or appended). */
function variant(name: string, from: RegExp | null, to: string): string {
  const text = from ? base.replace(from, to) : `${base}\n${to}\n`;
  if (from && text === base) throw new Error(`no match for ${from}`);
  return tempFile(`${name}.yaml`, text);
}

describe('hetsim simulate flightllm', () => {
  it('--json carries the contract keys at top level and as metrics', () => {
    const r = hetsim(['simulate', U280, '--decode', '16', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const keys = ['device', 'model', 'slrs', 'prefill_tokens', 'decode_tokens', 'prefill_ms', 'decode_ms_per_token', 'decode_step_ms', 'decode_tokens_per_s', 'power_w', 'tokens_per_joule', 'hbm_bandwidth_utilization', 'dsp_utilization'];
    expect(j.system).toBe('flightllm');
    for (const k of keys) expect(j, k).toHaveProperty(k);
    for (const k of keys.filter((k) => k !== 'device' && k !== 'model')) expect(typeof j.metrics[k], k).toBe('number');
    expect(j.hbm_bandwidth_utilization).toBeGreaterThan(0);
    expect(j.hbm_bandwidth_utilization).toBeLessThan(1);
    expect(j).toMatchObject({ device: 'alveo-u280', model: 'llama-2-7b', slrs: 3, decode_tokens: 16 });
  });

  it('--decode-step and --slrs set the step context and the SLRs; --trace writes the unit timelines', () => {
    const out = join(scratchDir(), 'flightllm-trace.json');
    const r = hetsim(['simulate', VHK, '--slrs', '1', '--decode', '0', '--decode-step', '256', '--trace', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.slrs).toBe(1);
    expect(j.decode_step.context).toBe(256);
    expect(j.warnings.join(' ')).toMatch(/not published/);
    const t = JSON.parse(readFileSync(out, 'utf8'));
    const names = new Set(t.traceEvents.filter((e: { ph: string }) => e.ph === 'M').map((e: { args: { name: string } }) => e.args.name));
    for (const u of ['LD', 'MV', 'MISC', 'SYS']) expect(names.has(u), u).toBe(true);
  });

  it('warns on VHK158, whose resource counts are unknown', () => {
    const r = hetsim(['simulate', VHK, '--decode', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/warning: AMD Versal VHK158: DSP\/BRAM\/URAM counts are not published/);
  });
});

describe('bad input: one line naming the key and the accepted form, exit 2', () => {
  it('an N:M density outside {0, 2, 4, 8, 16}:16', () => {
    expectBadInput(hetsim(['simulate', variant('nm', /q_proj: 8, k_proj: 8/, 'q_proj: 6, k_proj: 8')]), /sparsity\.n_of_16\.q_proj.*accepted N: 0, 2, 4, 8, 16/);
  });
  it('weight bits outside {2, 3, 4, 8}', () => {
    expectBadInput(hetsim(['simulate', variant('bits', /gate_proj: 3/, 'gate_proj: 5')]), /precision\.weight_bits\.gate_proj.*accepted: 2, 3, 4, 8/);
  });
  it('a prefill length of 0 (flag and file)', () => {
    expectBadInput(hetsim(['simulate', U280, '--prefill', '0']), /--prefill/);
    expectBadInput(hetsim(['simulate', variant('p0', /^prefill: 128$/m, 'prefill: 0')]), /prefill.*positive integer/);
  });
  it('a negative decode length (flag and file)', () => {
    expectBadInput(hetsim(['simulate', U280, '--decode', '-3']), /--decode/);
    expectBadInput(hetsim(['simulate', variant('dneg', /^decode: 512$/m, 'decode: -1')]), /decode.*non-negative/);
  });
  it("lengths beyond the model's context", () => {
    expectBadInput(hetsim(['simulate', U280, '--prefill', '1024', '--decode', '1500']), /decode: .*exceed the 2048-token limit.*accepted: prefill \+ decode ≤ 2048/);
    expectBadInput(hetsim(['simulate', U280, '--decode-step', '4000']), /--decode-step: .*accepted: 1\.\.2047/);
  });
  it('a DSP budget the device does not have', () => {
    expectBadInput(hetsim(['simulate', variant('dsp', /dsp: 6345/, 'dsp: 10000')]), /design\.resources\.dsp: .*10000 DSP48E2 but AMD Alveo U280 has 9024; accepted: at most 9024/);
  });
  it('a BRAM budget the device does not have', () => {
    expectBadInput(hetsim(['simulate', variant('bram', /bram36: 1252/, 'bram36: 3000')]), /design\.resources\.bram36: .*3000 BRAM36 .*2016/);
  });
  it('a URAM budget the device does not have', () => {
    expectBadInput(hetsim(['simulate', variant('uram', /uram: 792/, 'uram: 1200')]), /design\.resources\.uram: .*1200 URAM .*960/);
  });
  it('a design whose MPE needs more DSPs than the build budgets', () => {
    expectBadInput(hetsim(['simulate', variant('mpe', /mm: \{ n: 2, k: 16, m: 128 \}/, 'mm: { n: 4, k: 16, m: 128 }')]), /design\.resources\.dsp: the MPEs need 12288 DSPs/);
  });
  it('an unknown device id', () => {
    expectBadInput(hetsim(['simulate', variant('dev', /device: alveo-u280/, 'device: alveo-u250')]), /device: unknown FPGA device 'alveo-u250'; accepted: alveo-u280, versal-vhk158/);
  });
  it('an unknown model id', () => {
    expectBadInput(hetsim(['simulate', variant('model', /model: llama-2-7b/, 'model: llama-9-7b')]), /model: unknown model 'llama-9-7b'/);
  });
  it('more SLRs than the device has', () => {
    expectBadInput(hetsim(['simulate', U280, '--slrs', '4']), /slrs: AMD Alveo U280 has 3 SLRs; accepted: 1\.\.3/);
  });
});
